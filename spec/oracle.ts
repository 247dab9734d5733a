// What the checker asks of a lockstep oracle (the model) beyond the SystemUnderTest interface. The
// oracle receives every event it models and its answers are compared with the system's; two
// optional parts make a partial or nondeterministic oracle usable on a whole run:
// - `unaffectedBy`: event types the oracle does not model and whose effects never change an answer
//   it gives (a produce cannot change a JoinGroup answer). They go to the system alone and the
//   lockstep goes on. Any other unmodeled event ends the comparison for the rest of that run.
// - `observes`: the observation types the oracle predicts. An event it models may also release
//   answers it does not (time passing times out a parked produce the group model never saw); only
//   the types listed are compared.
// - `alternatives`: where an open choice inside one event shows in its answers (the order
//   followers fetch in decides which waiting acks=all produces a replicate round completes), every
//   answer list the event may give; the system's answers must match one of them.
// - `adopt`: where the rule book leaves a choice open (which live ISR member becomes leader, when a
//   lagging follower leaves the ISR), the oracle checks the system's choice, seen in its snapshot
//   after each event, against the set it allows, and then follows it.
import type { EventType } from './events.ts';
import type { Observation } from './observations.ts';
import type { SystemState } from './state.ts';
import type { SystemUnderTest } from './sut.ts';

/** A choice the system made that the rule book does not allow. */
export interface Disallowed {
  /** The SPEC.md rule id the choice breaks (e.g. RP-12). */
  readonly rule: string;
  readonly message: string;
}

export interface LockstepOracle extends SystemUnderTest {
  readonly unaffectedBy?: readonly EventType[];
  /** Absent: every type is compared. */
  readonly observes?: readonly Observation['type'][];
  /**
   * For a system without snapshots its open choices (replica placement, elections) cannot be
   * adopted, so only the answers that do not hang on them are compared. Absent: as `observes`.
   */
  readonly observesWithoutSnapshots?: readonly Observation['type'][];
  /** After `apply`: every answer list the last event may give when open choices show in them, else undefined. */
  alternatives?(): readonly (readonly Observation[])[] | undefined;
  /**
   * The system's answers matched alternative `index` (not the oracle's own): follow the choice
   * behind it. This is how a system without snapshots is followed; with one, `adopt` agrees.
   */
  followAlternative?(index: number): void;
  /** Check the system's open choices in `observed` (taken after the event) and adopt them. */
  adopt?(observed: SystemState): readonly Disallowed[];
  /**
   * The system's answers to the last event, after they were compared: the member ids it issued
   * (GC-10: random UUIDs), which the oracle takes for its own members where an assignor orders
   * members by id (AS-10), as it follows any other choice the system made.
   */
  followIds?(observations: readonly Observation[]): void;
}
