// What the explorer needs from a model: a pure, deterministic transition system with a bounded set of
// enabled events per state, a canonical key (after symmetry reduction) for deduplication, and the
// invariants to check in every reachable state. The group, commit, replication and system models
// each provide one; `kspec explore` walks it breadth first.

export interface InvariantViolation {
  /** Rule ids from spec/SPEC.md that this invariant enforces. */
  readonly rules: readonly string[];
  readonly message: string;
}

export interface Invariant<S> {
  readonly name: string;
  readonly rules: readonly string[];
  /** Returns a violation, or undefined when the state satisfies the invariant. */
  check(state: S): InvariantViolation | undefined;
}

export interface ExplorableModel<S, E> {
  readonly name: string;
  initial(): S;
  /** The events enabled in `state`, including deliberately invalid requests the model must answer. Bounded. */
  events(state: S): readonly E[];
  /** Pure: returns the next state and never mutates `state`. */
  step(state: S, event: E): S;
  /**
   * Canonical key: equal for states that are the same up to renaming interchangeable members or
   * brokers (symmetry reduction), so the explorer visits one of each class.
   */
  key(state: S): string;
  /**
   * Optional shortcut: true only when `to` certainly has the same key as `from` (e.g. the step
   * changed nothing). The explorer then counts the transition without keying `to`: `from` was
   * visited. False means nothing (the key decides).
   */
  unchanged?(from: S, to: S): boolean;
  readonly invariants: readonly Invariant<S>[];
  /** Short readable text of an event for counterexample traces. */
  describeEvent(event: E): string;
  /** The state-machine state name (for coverage: states and transitions of each machine exercised). */
  stateNames?(state: S): readonly string[];
}
