// Sharded exploration (`kspec explore --jobs N`): the same breadth-first search as explore.ts, with
// the stepping and keying spread over shards (shard.ts) that each hold part of the frontier, and one
// merge that owns the visited set. Each level, every shard steps its parents and sends the keys of
// their successors; the merge reads them in frontier order, exactly the order the one-thread explorer
// steps in, so it keeps the same first occurrence of each state: states, transitions, depth,
// violations (with their shortest traces), coverage and where a bound stops the search are those of
// explore() for every number of shards. A shard keeps the new states it made (no state is copied
// between shards unless their shares drift apart); while the frontier is small every shard holds
// all of it, and once it has SPLIT_AT states each shard keeps every N-th position. A shard keeps
// the new states it found first, so shares drift (on the group model by 2x within a few levels):
// a shard above its share by more than REBALANCE_SLACK states hands its highest positions over.
// Pure: the shards are reached through ShardPort, in this thread (tests) or in worker threads
// (properties/explore/).
import type { ExplorableModel } from '../explorable.ts';
import { type CoverageSnapshot, CoverageTracker, type CoverageUniverse } from './coverage.ts';
import type { ExploreOptions, ExploreResult, ExploreViolation, TraceStep } from './explore.ts';
import type { Adoption, AdoptResult, ExpandResult, HandedOver } from './shard.ts';
import { ExplorerShard } from './shard.ts';

/** A shard as the merge reaches it: the ExplorerShard methods, asynchronous. */
export interface ShardPort {
  /** Hold the initial state as position 0. */
  seedInitial(): Promise<void>;
  /** Keep the frontier positions p with p % shards === index. */
  split(index: number, shards: number): Promise<void>;
  expand(): Promise<ExpandResult>;
  adopt(adoption: Adoption): Promise<AdoptResult>;
  /** Hand the last `count` frontier states to another shard (copied: they cross threads). */
  handOver(count: number): Promise<HandedOver<unknown>>;
  takeOver(states: HandedOver<unknown>): Promise<void>;
  cutCoverage(position: number, eventIndex: number): Promise<void>;
  coverage(): Promise<CoverageSnapshot>;
}

/** Frontier size from which each shard keeps its own share; below it every shard holds all of it. */
export const SPLIT_AT = 256;

export interface ShardedOptions extends Omit<ExploreOptions, 'onStep'> {
  /** Frontier size at which the shards split it (SPLIT_AT by default; tests split early). */
  readonly splitAt?: number;
  /** How far above its share a shard's frontier may grow before states move (REBALANCE_SLACK by default). */
  readonly rebalanceSlack?: number;
}

/** ExplorerShards in this thread behind ShardPort (what the tests compare with explore()). */
export function localShards<S, E>(
  model: ExplorableModel<S, E>,
  count: number,
  universe?: CoverageUniverse,
): ShardPort[] {
  return Array.from({ length: count }, () => {
    const shard = new ExplorerShard(model, universe);
    return {
      seedInitial: async () => shard.seedInitial(),
      split: async (index, shards) => shard.retain((position) => position % shards === index),
      expand: async () => shard.expand(),
      adopt: async (adoption) => shard.adopt(adoption),
      // Copied as a worker thread's message would be, so the tests see what crossing a thread does.
      handOver: async (count) => structuredClone(shard.handOver(count)),
      takeOver: async (states) => shard.takeOver(states as HandedOver<S>),
      cutCoverage: async (position, eventIndex) => shard.cutCoverage(position, eventIndex),
      coverage: async () => shard.coverageSnapshot(),
    };
  });
}

/** A state found on the level being merged. */
interface Found {
  readonly id: number;
  readonly parentPosition: number;
  readonly eventIndex: number;
  /** Transitions taken (in the one-thread order) when it was found. */
  readonly transitions: number;
  readonly shard: number;
  /** Its index in that shard's adoption. */
  readonly adopted: number;
}

const DEFAULT_MAX_STATES = 5_000_000;

export async function exploreSharded<S, E>(
  model: ExplorableModel<S, E>,
  shards: readonly ShardPort[],
  options: ShardedOptions = {},
): Promise<ExploreResult> {
  if (shards.length === 0) throw new RangeError('a sharded search needs at least one shard');
  const clock = options.clock ?? (() => performance.now());
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
  const maxViolations = options.maxViolations ?? model.invariants.length;
  const splitAt = options.splitAt ?? SPLIT_AT;
  const started = clock();

  // Per state id: its parent's id and the index of the event that led to it (traces are replayed).
  const parents: number[] = [-1];
  const eventIndexes: number[] = [-1];
  const depths: number[] = [0];
  const seen = new Set<string>([model.key(model.initial())]);
  const found: { invariant: string; id: number }[] = [];
  const violated = new Set<string>();
  let stoppedBy: ExploreResult['stoppedBy'] = null;
  let transitions = 0;
  let depthReached = 0;
  let cut: { position: number; eventIndex: number } | undefined;

  // The initial state's invariants (the shards check only the states they adopt).
  const record = (invariant: string, id: number) => {
    if (violated.has(invariant) || found.length >= maxViolations) return;
    violated.add(invariant);
    found.push({ invariant, id });
  };
  const initial = model.initial();
  for (const invariant of model.invariants) if (invariant.check(initial)) record(invariant.name, 0);

  await Promise.all(shards.map((shard) => shard.seedInitial()));
  // While `replicated`, every shard holds the whole frontier and shard 0 alone expands it.
  let replicated = shards.length > 1;
  let frontierIds: number[] = [0];
  let holder: number[] = [0];

  search: for (let depth = 1; frontierIds.length > 0; depth++) {
    if (depth > maxDepth) {
      stoppedBy = 'depth';
      break;
    }
    if (replicated && frontierIds.length >= splitAt) {
      await Promise.all(shards.map((shard, index) => shard.split(index, shards.length)));
      holder = frontierIds.map((_, position) => position % shards.length);
      replicated = false;
    }
    const expanding = replicated ? [shards[0]!] : shards;
    const results = await Promise.all(expanding.map((shard) => shard.expand()));
    const parentCursor = results.map(() => 0);
    const keyCursor = results.map(() => 0);
    const adoptions: Adoption[] = shards.map(() => ({ parents: [], eventIndexes: [], positions: [] }));
    const level: Found[] = [];
    let statesCut = false;
    merge: for (let position = 0; position < frontierIds.length; position++) {
      const owner = replicated ? 0 : holder[position]!;
      const result = results[owner]!;
      const parentIndex = parentCursor[owner]!++;
      const keyCount = result.keyCounts[parentIndex]!;
      let keyAt = keyCursor[owner]!;
      keyCursor[owner] = keyAt + keyCount;
      for (let end = keyAt + keyCount; keyAt < end; keyAt++) {
        const key = result.keys[keyAt]!;
        const known = seen.size;
        seen.add(key);
        if (seen.size === known) continue;
        const eventIndex = result.eventIndexes[keyAt]!;
        const id = parents.length;
        parents.push(frontierIds[position]!);
        eventIndexes.push(eventIndex);
        depths.push(depth);
        const adoption = adoptions[owner]!;
        level.push({
          id,
          parentPosition: position,
          eventIndex,
          transitions: transitions + eventIndex + 1,
          shard: owner,
          adopted: adoption.parents.length,
        });
        adoption.parents.push(parentIndex);
        adoption.eventIndexes.push(eventIndex);
        adoption.positions.push(level.length - 1);
        if (parents.length >= maxStates) {
          statesCut = true;
          break merge;
        }
      }
      transitions += result.eventCounts[parentIndex]!;
    }
    // Replicated shards adopt the same states, so they keep holding the same frontier.
    const adopting = replicated ? shards.map(() => adoptions[0]!) : adoptions;
    const verdicts = await Promise.all(shards.map((shard, index) => shard.adopt(adopting[index]!)));
    const violationsOf = new Map<string, string[]>();
    for (let index = 0; index < (replicated ? 1 : shards.length); index++)
      for (const { index: adopted, invariants } of verdicts[index]!)
        violationsOf.set(`${index}:${adopted}`, invariants);
    for (const state of level) {
      depthReached = depth;
      for (const invariant of violationsOf.get(`${state.shard}:${state.adopted}`) ?? [])
        record(invariant, state.id);
      const byViolations = found.length >= maxViolations && maxViolations > 0;
      if (byViolations || (statesCut && state === level.at(-1))) {
        stoppedBy = byViolations ? 'violations' : 'states';
        // The one-thread explorer stops right after finding this state.
        parents.length = state.id + 1;
        transitions = state.transitions;
        cut = { position: state.parentPosition, eventIndex: state.eventIndex };
        break search;
      }
    }
    frontierIds = level.map((state) => state.id);
    holder = level.map((state) => state.shard);
    if (!replicated) await rebalance(shards, adoptions, holder, options.rebalanceSlack ?? REBALANCE_SLACK);
  }
  if (cut) {
    const { position, eventIndex } = cut;
    await Promise.all(
      (replicated ? [shards[0]!] : shards).map((shard) => shard.cutCoverage(position, eventIndex)),
    );
  }
  const coverage = new CoverageTracker(options.coverage);
  for (const snapshot of await Promise.all(shards.map((shard) => shard.coverage())))
    coverage.absorb(snapshot);
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
    violations: found.map(({ invariant, id }) =>
      replayViolation(model, parents, eventIndexes, invariant, id, depths[id]!),
    ),
  };
}

/** Shares more uneven than this (in states) are evened out by moving states between shards. */
const REBALANCE_SLACK = 16;

/**
 * A shard keeps the states it found first, so shares drift apart over the levels; when one shard
 * holds more than its share (plus a slack), its highest positions move to the shards short of theirs.
 */
async function rebalance(
  shards: readonly ShardPort[],
  adoptions: readonly Adoption[],
  holder: number[],
  slack: number,
) {
  const share = Math.ceil(holder.length / shards.length);
  const counts = adoptions.map((adoption) => adoption.parents.length);
  const short = counts
    .map((count, index) => ({ index, missing: share - count }))
    .filter((s) => s.missing > 0);
  for (let from = 0; from < shards.length; from++) {
    const surplus = counts[from]! - share;
    if (surplus <= slack) continue;
    let left = surplus;
    for (const taker of short) {
      const count = Math.min(left, taker.missing);
      if (count <= 0) continue;
      const moved = await shards[from]!.handOver(count);
      await shards[taker.index]!.takeOver(moved);
      for (const position of moved.positions) holder[position] = taker.index;
      taker.missing -= count;
      left -= count;
    }
  }
}

/** The violation of `invariant` at state `id`, its trace and message read by replaying the path to it. */
function replayViolation<S, E>(
  model: ExplorableModel<S, E>,
  parents: readonly number[],
  eventIndexes: readonly number[],
  invariant: string,
  id: number,
  depth: number,
): ExploreViolation {
  const path: number[] = [];
  for (let at = id; parents[at]! >= 0; at = parents[at]!) path.push(eventIndexes[at]!);
  path.reverse();
  let state = model.initial();
  const trace: TraceStep[] = [];
  for (const eventIndex of path) {
    const event = model.events(state)[eventIndex]!;
    state = model.step(state, event);
    trace.push({ event: model.describeEvent(event), state: model.key(state) });
  }
  const checked = model.invariants.find((candidate) => candidate.name === invariant)!;
  const violation = checked.check(state)!;
  return { invariant, rules: violation.rules, message: violation.message, trace, depth };
}
