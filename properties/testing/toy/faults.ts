// Deliberate bugs the toy cluster can be built with, so tests can show the checker catches them.
export interface ToyFaults {
  /** Accept an OffsetCommit whatever generation it carries. */
  readonly acceptStaleCommit?: boolean;
  /** Advance the high watermark to the leader's log end without waiting for the ISR. */
  readonly earlyHighWatermark?: boolean;
  /** Elect an out-of-sync replica when no ISR member is alive, even with unclean election off. */
  readonly silentUncleanElection?: boolean;
  /** Drop an expired member without starting a rebalance (the others keep their assignment). */
  readonly dropMemberWithoutRebalance?: boolean;
}
