// One consumer of one partition, as the Java consumer behaves: where it starts (committed offset or
// auto.offset.reset), what poll returns, what auto commit and commitSync/commitAsync commit, and what
// the application has processed. Pure functions over plain data; the committed offset itself lives
// in the coordinator model (model/offsets).
import type { ConsumerSettings, ResetPolicy } from './settings.ts';

// Rules this file applies: OC-13, OC-14, OC-15, OC-16, OC-17, OC-18, OC-19.

export interface ConsumerState {
  /** Next offset to fetch; null until the first poll after a start or crash decides it. */
  position: number | null;
  /** Records returned by poll and not yet processed, as [from, to). */
  unprocessed: [number, number] | null;
  lastAutoCommitMs: number;
}

export type StartResult = { position: number } | { exception: 'NoOffsetForPartitionException' };

/** OC-13, OC-19: the committed offset, else the reset policy. */
export function startPosition(
  committed: number,
  policy: ResetPolicy,
  logStart: number,
  logEnd: number,
): StartResult {
  if (committed >= 0) return { position: committed };
  return resetPosition(policy, logStart, logEnd, 'NoOffsetForPartitionException');
}

/** OC-14: OFFSET_OUT_OF_RANGE resets by the same policy; `none` raises. */
export function resetAfterOutOfRange(policy: ResetPolicy, logStart: number, logEnd: number) {
  return resetPosition(policy, logStart, logEnd, 'OffsetOutOfRangeException');
}

function resetPosition<E extends string>(
  policy: ResetPolicy,
  logStart: number,
  logEnd: number,
  exception: E,
): { position: number } | { exception: E } {
  if (policy === 'earliest') return { position: logStart };
  if (policy === 'latest') return { position: logEnd };
  return { exception };
}

export function newConsumer(nowMs: number): ConsumerState {
  return { position: null, unprocessed: null, lastAutoCommitMs: nowMs };
}

/** OC-15: whether this poll auto-commits first, and what: the position reached by earlier polls. */
export function autoCommitDue(
  consumer: ConsumerState,
  settings: ConsumerSettings,
  nowMs: number,
): number | null {
  if (!settings.enableAutoCommit || consumer.position === null) return null;
  if (nowMs - consumer.lastAutoCommitMs < settings.autoCommitIntervalMs) return null;
  return consumer.position;
}

/**
 * OC-16: with process-then-commit the application processes what a poll returned before it polls
 * or commits again; with commit-then-process (hand-off) it may poll and commit first.
 */
export function mayPollOrCommit(consumer: ConsumerState, settings: ConsumerSettings): boolean {
  return settings.processing === 'commit-then-process' || consumer.unprocessed === null;
}

/** OC-18: what the Java consumer raises for a commit answer. */
export function commitException(error: string): string | null {
  if (error === 'NONE') return null;
  if (error === 'UNKNOWN_MEMBER_ID' || error === 'ILLEGAL_GENERATION') return 'CommitFailedException';
  if (error === 'REBALANCE_IN_PROGRESS') return 'RebalanceInProgressException';
  return `RetriableCommitFailedException(${error})`;
}

/** Records [from, to) a poll returns from `position`, at most `maxRecords`, below the log end. */
export function pollRange(position: number, logEnd: number, maxRecords: number): [number, number] | null {
  const to = Math.min(position + maxRecords, logEnd);
  return to > position ? [position, to] : null;
}

/** Adds a poll's records to the handed-off range (it is contiguous: polls continue where they left off). */
export function addUnprocessed(current: [number, number] | null, added: [number, number]): [number, number] {
  return current === null ? added : [current[0], added[1]];
}
