// One shard of a sharded exploration (sharded.ts): it holds part of the frontier, steps those
// states and keys their successors, and keeps the successors the merge says are new. It never
// decides what is new itself: the merge sees every shard's keys in breadth-first order, so the
// search finds exactly the states, parents and violations of the one-thread explorer.
// Pure and synchronous: a worker thread (properties/explore/) or the caller's thread runs it.
import type { ExplorableModel } from '../explorable.ts';
import { type CoverageSnapshot, CoverageTracker, type CoverageUniverse } from './coverage.ts';

/** What a shard found for its parents on one level, parents in ascending frontier position. */
export interface ExpandResult {
  /** Frontier position of each parent expanded. */
  readonly positions: number[];
  /** Events enabled in each parent (transitions taken). */
  readonly eventCounts: number[];
  /** How many (event index, key) pairs each parent contributes below. */
  readonly keyCounts: number[];
  /** Event index of each successor whose key this shard had not yet sent on this level. */
  readonly eventIndexes: number[];
  readonly keys: string[];
}

/** Successors to keep, as (index of the parent in the shard's frontier, event index), in frontier order. */
export interface Adoption {
  readonly parents: number[];
  readonly eventIndexes: number[];
  /** The frontier position each adopted state gets on the next level. */
  readonly positions: number[];
}

/** For each adopted state, the invariants it violates (names), in adoption order; omitted when none. */
export type AdoptResult = { readonly index: number; readonly invariants: string[] }[];

/** Frontier states moved between shards to keep their shares even, with their positions. */
export interface HandedOver<S> {
  readonly states: S[];
  readonly positions: number[];
}

export class ExplorerShard<S, E> {
  private frontier: S[] = [];
  private positions: number[] = [];
  /**
   * Every key this shard has sent the merge, on any level. The merge reads every key sent on a level
   * before the next level starts, so a key sent before is already visited there: sending it again
   * could only be skipped. Most successors repeat a state the same shard made (a shard keeps the
   * states it finds), so this keeps the merge's work, and the messages, near one key per new state.
   */
  private readonly sent = new Set<string>();
  /** The successors whose keys the last expand() sent, in the order sent, so adopt() need not step again. */
  private targets: S[] = [];
  /** The event index of each of `targets`. */
  private sentEventIndexes: number[] = [];
  /** Per frontier index: where its successors start in `targets` (and in the expand result's keys). */
  private targetStart: number[] = [];
  /** The frontier last expanded, kept from its adoption until the next expansion, for cutCoverage. */
  private expanded: { frontier: S[]; positions: number[] } = { frontier: [], positions: [] };
  private readonly coverage: CoverageTracker;
  private coverageAtLevelStart: CoverageSnapshot;

  constructor(
    private readonly model: ExplorableModel<S, E>,
    universe?: CoverageUniverse,
  ) {
    this.coverage = new CoverageTracker(universe);
    this.coverageAtLevelStart = this.coverage.snapshot();
  }

  /** Holds the initial state as frontier position 0. */
  seedInitial(): void {
    const initial = this.model.initial();
    this.coverage.visitState(this.model.stateNames?.(initial));
    this.frontier = [initial];
    this.positions = [0];
  }

  get size(): number {
    return this.frontier.length;
  }

  /** Keeps only the frontier states whose position `keep` accepts (to split a frontier between shards). */
  retain(keep: (position: number) => boolean): void {
    const frontier: S[] = [];
    const positions: number[] = [];
    for (let index = 0; index < this.frontier.length; index++) {
      if (!keep(this.positions[index]!)) continue;
      frontier.push(this.frontier[index]!);
      positions.push(this.positions[index]!);
    }
    this.frontier = frontier;
    this.positions = positions;
  }

  /** Removes the last `count` frontier states (the highest positions) to hand them to another shard. */
  handOver(count: number): HandedOver<S> {
    const at = this.frontier.length - count;
    return { states: this.frontier.splice(at), positions: this.positions.splice(at) };
  }

  /** Takes states another shard handed over; the frontier stays in position order. */
  takeOver({ states, positions }: HandedOver<S>): void {
    const order = [...this.positions.keys()].map((index) => ({
      state: this.frontier[index]!,
      at: this.positions[index]!,
    }));
    for (let index = 0; index < states.length; index++)
      order.push({ state: states[index]!, at: positions[index]! });
    order.sort((a, b) => a.at - b.at);
    this.frontier = order.map((entry) => entry.state);
    this.positions = order.map((entry) => entry.at);
  }

  expand(): ExpandResult {
    // The previous level is needed only if the search stops inside it (cutCoverage), and a search
    // that stops expands nothing more. Kept alive while this level expands, it made every step
    // slower (a larger heap for the collector and its write barriers), not just collection.
    this.expanded = { frontier: [], positions: [] };
    this.coverageAtLevelStart = this.coverage.snapshot();
    const result: ExpandResult = {
      positions: this.positions,
      eventCounts: [],
      keyCounts: [],
      eventIndexes: [],
      keys: [],
    };
    // A key sent once need not be sent again: the merge keeps its first occurrence (see `sent`).
    const sent = this.sent;
    const targets: S[] = [];
    this.targets = targets;
    this.sentEventIndexes = result.eventIndexes;
    this.targetStart = [];
    for (const state of this.frontier) {
      const events = this.model.events(state);
      const before = result.keys.length;
      this.targetStart.push(before);
      this.visit(state, events, events.length, (index, key, target) => {
        const known = sent.size;
        sent.add(key);
        if (sent.size === known) return;
        result.eventIndexes.push(index);
        result.keys.push(key);
        targets.push(target);
      });
      result.eventCounts.push(events.length);
      result.keyCounts.push(result.keys.length - before);
    }
    return result;
  }

  /** Steps the first `count` events of a state, with coverage, handing each successor's key on. */
  private visit(
    state: S,
    events: readonly E[],
    count: number,
    found?: (index: number, key: string, target: S) => void,
  ) {
    const { model, coverage } = this;
    const fromNames = model.stateNames?.(state);
    for (let index = 0; index < count; index++) {
      const target = model.step(state, events[index]!);
      const toNames = model.stateNames?.(target);
      coverage.visitTransition(fromNames, events[index]!, toNames);
      // Every target is new or was visited when first found, so visiting each is visiting the new ones.
      coverage.visitState(toNames);
      // An unchanged successor has its parent's key, which the merge visited when it adopted the parent.
      if (found && !model.unchanged?.(state, target)) found(index, model.key(target), target);
    }
  }

  /** Keeps the adopted successors as the next frontier and says which invariants each violates. */
  adopt(adoption: Adoption): AdoptResult {
    const { model } = this;
    const next: S[] = [];
    const violations: AdoptResult = [];
    // Adoptions come in frontier order, so one parent's events are listed once (when needed at all).
    let parentIndex = -1;
    let parent: S | undefined;
    let events: readonly E[] | undefined;
    // The successor the last expand() made for (parent, event), found by walking the keys it sent for
    // that parent (adoptions come in ascending event order too); stepped again only if not kept
    // (states taken over from another shard since).
    let cursor = 0;
    const eventIndexesSent = this.sentEventIndexes;
    for (let index = 0; index < adoption.parents.length; index++) {
      if (adoption.parents[index] !== parentIndex) {
        parentIndex = adoption.parents[index]!;
        parent = this.frontier[parentIndex]!;
        events = undefined;
        cursor = this.targetStart[parentIndex] ?? -1;
      }
      const eventIndex = adoption.eventIndexes[index]!;
      let state: S | undefined;
      if (cursor >= 0) {
        const end = this.targetStart[parentIndex + 1] ?? eventIndexesSent.length;
        while (cursor < end && eventIndexesSent[cursor]! < eventIndex) cursor++;
        if (cursor < end && eventIndexesSent[cursor] === eventIndex) state = this.targets[cursor];
      }
      if (state === undefined) {
        events ??= model.events(parent!);
        state = model.step(parent!, events[eventIndex]!);
      }
      next.push(state);
      const violated: string[] = [];
      for (const invariant of model.invariants) if (invariant.check(state)) violated.push(invariant.name);
      if (violated.length > 0) violations.push({ index, invariants: violated });
    }
    this.expanded = { frontier: this.frontier, positions: this.positions };
    this.targets = [];
    this.sentEventIndexes = [];
    this.targetStart = [];
    this.frontier = next;
    this.positions = adoption.positions;
    return violations;
  }

  /**
   * The search stopped inside the last level expanded, at the event `eventIndex` of the parent at
   * frontier position `position`: coverage counts only what the one-thread explorer had stepped by then.
   */
  cutCoverage(position: number, eventIndex: number): void {
    this.coverage.restore(this.coverageAtLevelStart);
    const { frontier, positions } = this.expanded;
    for (let index = 0; index < frontier.length; index++) {
      const at = positions[index]!;
      if (at > position) break;
      const state = frontier[index]!;
      const events = this.model.events(state);
      this.visit(state, events, at === position ? eventIndex + 1 : events.length);
    }
  }

  coverageSnapshot(): CoverageSnapshot {
    return this.coverage.snapshot();
  }
}
