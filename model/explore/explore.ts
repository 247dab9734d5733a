// The explorer: exhaustive breadth-first search over an ExplorableModel's reachable states.
// Breadth first, so the first violation found of each invariant has a shortest trace. States are
// deduplicated by the model's canonical key (which applies its symmetry reduction), every state is
// checked against every invariant, and everything is bounded: depth, number of states, violations.
import type { ExplorableModel } from '../explorable.ts';
import { type CoverageReport, CoverageTracker, type CoverageUniverse } from './coverage.ts';

export interface ExploreOptions<S = unknown, E = unknown> {
  /** Deepest level expanded (events from the initial state = depth 1). */
  readonly maxDepth?: number;
  /** Stop once this many distinct states were found. */
  readonly maxStates?: number;
  /** Stop after this many violations (the first violation of each invariant is kept). */
  readonly maxViolations?: number;
  /** Machine states and transitions to measure coverage against (from the model's XState machines). */
  readonly coverage?: CoverageUniverse;
  /** Milliseconds clock for the report (performance.now by default); inject one for reproducible output. */
  readonly clock?: () => number;
  /**
   * Called for every transition taken (before deduplication): what an instrument needs to collect
   * the outcomes the model reaches, e.g. the answers each request gets in each state.
   */
  readonly onStep?: (from: S, event: E, to: S) => void;
}

export interface TraceStep {
  readonly event: string;
  /** The canonical key of the state the event led to. */
  readonly state: string;
}

export interface ExploreViolation {
  readonly invariant: string;
  readonly rules: readonly string[];
  readonly message: string;
  /** Shortest sequence of events from the initial state to the violating state. */
  readonly trace: readonly TraceStep[];
  readonly depth: number;
}

export interface ExploreResult {
  readonly model: string;
  readonly states: number;
  readonly transitions: number;
  /** Deepest level at which a new state was found. */
  readonly depth: number;
  /** True when every reachable state within the bounds was expanded and no bound cut the search. */
  readonly exhausted: boolean;
  /** Which bound stopped the search, if any. */
  readonly stoppedBy: 'depth' | 'states' | 'violations' | null;
  readonly seconds: number;
  readonly statesPerSecond: number;
  readonly coverage: CoverageReport;
  readonly violations: readonly ExploreViolation[];
}

const DEFAULT_MAX_STATES = 5_000_000;

export function explore<S, E>(
  model: ExplorableModel<S, E>,
  options: ExploreOptions<S, E> = {},
): ExploreResult {
  const clock = options.clock ?? (() => performance.now());
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
  const maxViolations = options.maxViolations ?? model.invariants.length;
  const started = clock();
  const coverage = new CoverageTracker(options.coverage);

  // Per state id: its parent's id and the index of the event that led to it among the parent's
  // events. A trace is replayed from these (the model is deterministic): keeping each state's event
  // object, or its key beside the visited set, kept a larger heap alive, and a larger heap slowed
  // every step (garbage collection and its write barriers), not just the collector.
  const parents: number[] = [];
  const eventIndexes: number[] = [];
  const seen = new Set<string>();
  const violations: ExploreViolation[] = [];
  const violated = new Set<string>();
  let stoppedBy: ExploreResult['stoppedBy'] = null;
  let transitions = 0;
  let depthReached = 0;

  const traceOf = (id: number): TraceStep[] => {
    const path: number[] = [];
    for (let at = id; parents[at]! >= 0; at = parents[at]!) path.push(eventIndexes[at]!);
    path.reverse();
    const steps: TraceStep[] = [];
    let state = model.initial();
    for (const index of path) {
      const event = model.events(state)[index]!;
      state = model.step(state, event);
      steps.push({ event: model.describeEvent(event), state: model.key(state) });
    }
    return steps;
  };
  // Records the first (so shortest) violation of each invariant. Violating states are still
  // expanded, so another invariant's shortest trace may pass through them.
  const check = (state: S, id: number, depth: number): void => {
    for (const invariant of model.invariants) {
      if (violated.has(invariant.name)) continue;
      const violation = invariant.check(state);
      if (!violation || violations.length >= maxViolations) continue;
      violated.add(invariant.name);
      violations.push({
        invariant: invariant.name,
        rules: violation.rules,
        message: violation.message,
        trace: traceOf(id),
        depth,
      });
    }
  };
  const add = (parent: number, eventIndex: number): number => {
    parents.push(parent);
    eventIndexes.push(eventIndex);
    return parents.length - 1;
  };

  const initial = model.initial();
  seen.add(model.key(initial));
  add(-1, -1);
  coverage.visitState(model.stateNames?.(initial));
  check(initial, 0, 0);
  let frontier: S[] = [initial];
  let frontierIds: number[] = [0];

  search: for (let depth = 1; frontier.length > 0; depth++) {
    if (depth > maxDepth) {
      stoppedBy = 'depth';
      break;
    }
    const next: S[] = [];
    const nextIds: number[] = [];
    for (let index = 0; index < frontier.length; index++) {
      const state = frontier[index]!;
      const fromNames = model.stateNames?.(state);
      const events = model.events(state);
      for (let eventIndex = 0; eventIndex < events.length; eventIndex++) {
        const event = events[eventIndex]!;
        const target = model.step(state, event);
        transitions++;
        options.onStep?.(state, event, target);
        const toNames = model.stateNames?.(target);
        coverage.visitTransition(fromNames, event, toNames);
        if (model.unchanged?.(state, target)) continue;
        const key = model.key(target);
        // One hash lookup: adding an existing key leaves the size unchanged.
        const known = seen.size;
        seen.add(key);
        if (seen.size === known) continue;
        const id = add(frontierIds[index]!, eventIndex);
        depthReached = depth;
        coverage.visitState(toNames);
        check(target, id, depth);
        next.push(target);
        nextIds.push(id);
        if (violations.length >= maxViolations && maxViolations > 0) {
          stoppedBy = 'violations';
          break search;
        }
        if (parents.length >= maxStates) {
          stoppedBy = 'states';
          break search;
        }
      }
    }
    frontier = next;
    frontierIds = nextIds;
  }
  const seconds = (clock() - started) / 1000;
  return {
    model: model.name,
    states: parents.length,
    transitions,
    depth: depthReached,
    exhausted: stoppedBy === null,
    stoppedBy,
    seconds,
    statesPerSecond: seconds > 0 ? parents.length / seconds : 0,
    coverage: coverage.report(),
    violations,
  };
}
