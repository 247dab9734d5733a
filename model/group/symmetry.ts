// The explorer key of a group model state: one compact string, equal for states that behave the same.
// It is an abstraction of the state, and each thing it leaves out is sound for the invariants the
// explorer checks (GC-19, GC-35, GC-36, OC-12) because the key is a bisimulation: two states with one
// key enable the same events (up to renaming) and their successors again share a key, and each
// invariant's verdict is either part of the key or decided where the key shows it. What it drops:
//
// - Client names (symmetry): the clients are interchangeable, so the key renames them by a canonical
//   order (a sort on a naming-free signature of each client; permutations are tried only among
//   clients whose signatures tie and who own member ids). Member ids become their client's canonical
//   letter plus the rank of their serial among that client's ids in the state: ids are only ever
//   compared for equality and new ones are always fresh, so serial numbers carry nothing else.
// - The absolute clock: timers are keyed by deadline minus now (nothing else reads the clock in
//   exploration: retention is off and timestamps are only written), in firing order; the order of
//   timers that share a deadline is kept, since ties fire in scheduling order (GC-34).
// - Absolute generations (`generationCode`): without coordinator moves the group's generation only
//   grows (GC-19) and every other generation in the state (a client's view, its last SyncGroup, the
//   sync timer) is compared only for equality with it, so a value below it can never match again:
//   the key tells "none" (-1), "current" and "stale" apart. A stale client's leader member list
//   cannot be used any more (a SyncGroup with a stale generation is refused before the plan is read)
//   and a stale SyncGroup answer cannot take part in a GC-36 conflict that is not already visible
//   where the later of the two answers arrived, when both were current; so both are left out.
// - What only coordinator moves read: the group record last written (`persisted`, the stored
//   partition) and whether offsets were committed (unload keeps a group with offsets). With moves
//   off they are left out; with moves on they are kept, generations are keyed relative to the
//   group's (exactly, since a reload can hand an old generation number out again), and only values
//   below every generation the group can return to collapse into "stale".
// - The last step's observations (`lastCommit`, `previousGenerations`): successors do not read
//   them (each step recomputes them), so only the verdicts of the two invariants that read them
//   (OC-12, GC-19) are part of the key.
// - Parked requests by request number: a client's request number is its incarnation (a crash starts
//   a new one), so a parked request is keyed as "from the current incarnation" or "from a crashed one".
// - Fields that are the same for every member the explorer creates (protocols, timeouts, instance id)
//   and fields written but never read in exploration (stateSince, commit timestamps, protocolType,
//   the member-id serial counters).
import { samePlainData } from '../same-plain-data.ts';
import type { GroupModelState } from './explore-state.ts';
import { acceptedCommitsAreCurrent, generationMonotonic } from './invariants.ts';
import type { CoordinatorState, Group, PersistedGroup, Timer, TopicPartitions } from './types.ts';

/** How many member ids the coordinator has handed out so far (the explorer bounds it, so the key keeps it). */
export function memberIdsIssued(coordinator: CoordinatorState): number {
  let issued = 0;
  for (const client in coordinator.serials) issued += coordinator.serials[client]!;
  return issued;
}

export interface KeyOptions {
  /** Coordinator unload/load events are explored (the record and stored partition matter). */
  readonly coordinatorMoves: boolean;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A member id (`<client>-<serial>`) parsed once: member ids are few and recur in many states. `uid`
 * numbers the ids a keyer has met, so one key's per-id facts live in flat arrays indexed by it.
 */
interface ParsedId {
  readonly client: number;
  readonly serial: number;
  readonly uid: number;
}

/** Generation codes (see the header): relative to the group's generation, stale below `floor`. */
class Generations {
  readonly reference: number;
  readonly floor: number;
  constructor(
    state: GroupModelState,
    readonly moves: boolean,
  ) {
    const group = state.coordinator.groups[0];
    const stored = state.coordinator.stored[0];
    this.reference = group?.generation ?? stored?.record?.generation ?? 0;
    let floor = this.reference;
    if (moves) {
      // With moves the group can come back at a written generation, or vanish (nothing written, no
      // offsets) and start again at 0.
      if (group?.persisted) floor = Math.min(floor, group.persisted.generation);
      if (stored?.record) floor = Math.min(floor, stored.record.generation);
      if ((group && group.persisted === null && group.offsets.length === 0) || (!group && !stored)) floor = 0;
    }
    this.floor = floor;
  }
  code(generation: number): string {
    if (generation < 0) return 'n';
    if (!this.moves)
      return generation === this.reference
        ? 'c'
        : generation < this.reference
          ? 's'
          : `+${generation - this.reference}`;
    return generation < this.floor ? 's' : `${generation - this.reference}`;
  }
  /** Whether a client's leader member list and SyncGroup answer of this generation can still matter. */
  live(generation: number): boolean {
    return this.moves || (generation >= 0 && generation === this.reference);
  }
}

function flat(assignment: readonly TopicPartitions[]): string {
  let text = '';
  for (const tp of assignment) text += `${tp.topic}:${tp.partitions.join('.')},`;
  return text;
}

function byDeadline(a: Timer, b: Timer): number {
  return a.deadline - b.deadline;
}

/** Timers in firing order: by deadline, ties in scheduling (array) order, as timers.nextDueTimer fires them. */
function firingOrder(timers: readonly Timer[]): readonly Timer[] {
  for (let i = 1; i < timers.length; i++)
    if (timers[i]!.deadline < timers[i - 1]!.deadline) return [...timers].sort(byDeadline);
  return timers;
}

/** Every ordering of `items` (used only for small groups of clients whose signatures tie). */
function permutations(items: readonly number[]): number[][] {
  if (items.length <= 1) return [items.slice()];
  const all: number[][] = [];
  for (let index = 0; index < items.length; index++) {
    const rest = [...items.slice(0, index), ...items.slice(index + 1)];
    for (const tail of permutations(rest)) all.push([items[index]!, ...tail]);
  }
  return all;
}

/**
 * Builds keys, one state at a time. The explorer keys every transition (about ten per state), so
 * the per-state work avoids allocating: the member ids of the state are marked in flat arrays
 * indexed by their uid (`stamp` tells this state's marks from an earlier state's), and each id's
 * token (canonical letter plus rank) is rendered once per client order, not once per mention.
 */
class KeyBuilder {
  private readonly parsed = new Map<string, ParsedId>();
  private readonly byUid: ParsedId[] = [];
  /** Per uid: the stamp of the state that mentions it, its rank, its token under the current order. */
  private readonly seenAt: number[] = [];
  private readonly rankOf: number[] = [];
  private readonly tokenOf: string[] = [];
  /** The uids this state mentions, in first-mention order. */
  private readonly present: number[] = [];
  /** Per client: how many distinct ids of it this state mentions. */
  private readonly idCounts: number[];
  private readonly letterOf: string[];
  private stamp = 0;
  private state!: GroupModelState;
  private gen!: Generations;

  constructor(
    private readonly clients: readonly string[],
    private readonly moves: boolean,
  ) {
    this.idCounts = clients.map(() => 0);
    this.letterOf = clients.map(() => '');
  }

  private parse(memberId: string): ParsedId {
    let known = this.parsed.get(memberId);
    if (!known) {
      const dash = memberId.lastIndexOf('-');
      const client = this.clients.indexOf(memberId.slice(0, dash));
      if (client < 0) throw new Error(`member id ${memberId} of an unknown client`);
      known = { client, serial: Number(memberId.slice(dash + 1)), uid: this.byUid.length };
      this.parsed.set(memberId, known);
      this.byUid.push(known);
      this.seenAt.push(0);
      this.rankOf.push(0);
      this.tokenOf.push('');
    }
    return known;
  }

  /** Marks the member ids of `state` and ranks them by serial within their client. */
  load(state: GroupModelState): void {
    this.state = state;
    this.gen = new Generations(state, this.moves);
    this.stamp += 1;
    this.present.length = 0;
    this.idCounts.fill(0);
    const coordinator = state.coordinator;
    for (const group of coordinator.groups) {
      for (const member of group.members) this.note(member.memberId);
      for (const pending of group.pending) this.note(pending.memberId);
      if (group.leader) this.note(group.leader);
      for (const timer of group.timers) if (timer.kind === 'heartbeat') this.note(timer.memberId);
      if (group.persisted) for (const member of group.persisted.members) this.note(member.memberId);
    }
    for (const stored of coordinator.stored)
      if (stored.record) for (const member of stored.record.members) this.note(member.memberId);
    for (const client of this.clients) {
      const view = state.clients[client]!;
      this.note(view.memberId);
      if (view.leaderOf) for (const member of view.leaderOf) this.note(member.memberId);
    }
    const present = this.present;
    for (let i = 0; i < present.length; i++) {
      const id = this.byUid[present[i]!]!;
      let rank = 0;
      for (let j = 0; j < present.length; j++) {
        const other = this.byUid[present[j]!]!;
        if (other.client === id.client && other.serial < id.serial) rank += 1;
      }
      this.rankOf[id.uid] = rank;
    }
  }

  private note(memberId: string): void {
    if (memberId === '') return;
    const id = this.parse(memberId);
    if (this.seenAt[id.uid] === this.stamp) return;
    this.seenAt[id.uid] = this.stamp;
    this.present.push(id.uid);
    this.idCounts[id.client]! += 1;
  }

  /** The id as this state knows it (noted in load), else undefined. */
  private known(memberId: string): ParsedId | undefined {
    const id = this.parsed.get(memberId);
    return id !== undefined && this.seenAt[id.uid] === this.stamp ? id : undefined;
  }

  idCount(client: number): number {
    return this.idCounts[client]!;
  }

  /** A naming-free description of each client: sorting clients by it gives the canonical order. */
  signatures(): string[] {
    const { state, clients, gen } = this;
    const sig: string[] = [];
    for (let i = 0; i < clients.length; i++) {
      const view = state.clients[clients[i]!]!;
      let text = `${this.idCounts[i]!}|${view.memberId === '' ? '-' : this.rankOf[this.parse(view.memberId).uid]}${gen.code(view.generation)}|`;
      if (view.synced && gen.live(view.synced.generation))
        text += `${gen.code(view.synced.generation)}${flat(view.synced.assignment)}`;
      sig.push(`${text}|`);
    }
    const group = state.coordinator.groups[0];
    if (group) {
      for (let position = 0; position < group.members.length; position++) {
        const member = group.members[position]!;
        this.mark(
          sig,
          member.memberId,
          `m${position}${member.awaitingJoin !== null ? 'J' : ''}${member.awaitingSync !== null ? 'S' : ''}${flat(member.assignment)}`,
        );
      }
      for (let position = 0; position < group.pending.length; position++)
        this.mark(sig, group.pending[position]!.memberId, `p${position}`);
      for (const memberId of group.pendingSync) this.mark(sig, memberId, 'y');
      if (group.leader) this.mark(sig, group.leader, 'L');
      for (const timer of group.timers)
        if (timer.kind === 'heartbeat')
          this.mark(sig, timer.memberId, `h${timer.deadline - state.coordinator.now}`);
    }
    for (const client of clients) {
      const view = state.clients[client]!;
      if (!view.leaderOf || !gen.live(view.generation)) continue;
      for (let position = 0; position < view.leaderOf.length; position++)
        this.mark(sig, view.leaderOf[position]!.memberId, `l${position}`);
    }
    return sig;
  }

  private mark(sig: string[], memberId: string, what: string): void {
    const id = this.known(memberId);
    if (id !== undefined) sig[id.client] += `${what}${this.rankOf[id.uid]};`;
  }

  private tok(memberId: string | null): string {
    if (!memberId) return '-';
    return this.tokenOf[this.parse(memberId).uid]!;
  }

  private toks(memberIds: readonly string[]): string {
    let text = '';
    for (const memberId of memberIds) text += `${this.tok(memberId)},`;
    return text;
  }

  private record(persisted: PersistedGroup | null): string {
    if (!persisted) return '-';
    let text = `${this.gen.code(persisted.generation)}:${persisted.protocol ?? '-'}:${this.tok(persisted.leader)}[`;
    for (const member of persisted.members)
      text += `${this.tok(member.memberId)}=${flat(member.assignment)};`;
    return `${text}]`;
  }

  /** The key with the client at original index order[k] named by the k-th letter. */
  render(order: readonly number[]): string {
    const { state, clients, gen } = this;
    for (let named = 0; named < order.length; named++) this.letterOf[order[named]!] = LETTERS[named]!;
    for (const uid of this.present) {
      const id = this.byUid[uid]!;
      this.tokenOf[uid] = `${this.letterOf[id.client]}${this.rankOf[uid]}`;
    }
    const now = state.coordinator.now;
    // The member ids handed out so far: the explorer bounds them (explore-model maxMemberIds).
    let key = `${state.coordinator.status[0]!}${memberIdsIssued(state.coordinator)}`;
    const group: Group | undefined = state.coordinator.groups[0];
    if (group) {
      key += `{${group.state}<${group.previousState}:${group.protocol ?? '-'}:L${this.tok(group.leader)}`;
      if (group.leaderCandidates) key += `?${this.toks(group.leaderCandidates)}`;
      if (group.newMemberAdded) key += '+';
      if (group.unwritten) key += 'u';
      key += '[';
      for (const member of group.members) {
        key += this.tok(member.memberId);
        const incarnation = state.clients[member.client]?.incarnation;
        if (member.awaitingJoin !== null) key += member.awaitingJoin === incarnation ? 'J' : 'j';
        if (member.awaitingSync !== null) key += member.awaitingSync === incarnation ? 'S' : 's';
        if (member.isNew) key += 'N';
        key += `=${flat(member.assignment)};`;
      }
      key += ']p';
      for (const pending of group.pending) key += `${this.tok(pending.memberId)},`;
      key += `y${this.toks(group.pendingSync)}t`;
      for (const timer of firingOrder(group.timers)) {
        const due = timer.deadline - now;
        switch (timer.kind) {
          case 'heartbeat':
            key += `h${this.tok(timer.memberId)}@${due},`;
            break;
          case 'join':
            key += `j@${due},`;
            break;
          case 'initial-join':
            key += `i@${due}/${timer.delayMs}/${timer.remainingMs},`;
            break;
          case 'sync':
            key += `s${gen.code(timer.generation)}@${due},`;
            break;
        }
      }
      if (this.moves) key += `o${group.offsets.length}r${this.record(group.persisted)}`;
      key += '}';
    }
    if (this.moves)
      for (const stored of state.coordinator.stored)
        key += `S${this.record(stored.record)}o${stored.offsets.length}`;
    key += '(';
    for (const original of order) {
      const view = state.clients[clients[original]!]!;
      key += `${this.tok(view.memberId)}${gen.code(view.generation)}`;
      if (view.leaderOf && gen.live(view.generation)) {
        key += '<';
        for (const member of view.leaderOf) key += `${this.tok(member.memberId)},`;
        key += '>';
      }
      if (view.synced && gen.live(view.synced.generation))
        key += `#${gen.code(view.synced.generation)}${flat(view.synced.assignment)}`;
      key += '|';
    }
    key += ')';
    // Verdicts of the invariants that read the last step's observations (see the header).
    if (acceptedCommitsAreCurrent.check(state)) key += '!c';
    if (generationMonotonic.check(state)) key += '!g';
    return key;
  }
}

/** Sorts client indices by signature, ties by index (an insertion sort: there are a handful). */
function sortBySignature(order: number[], sig: readonly string[]): void {
  for (let i = 1; i < order.length; i++) {
    const item = order[i]!;
    let j = i - 1;
    for (; j >= 0; j--) {
      const other = order[j]!;
      if (sig[other]! < sig[item]! || (sig[other] === sig[item] && other < item)) break;
      order[j + 1] = other;
    }
    order[j + 1] = item;
  }
}

/**
 * True only when `to` has `from`'s key because nothing the key reads changed: the coordinator and
 * the clients' views are equal as data, and the two invariants that read the last step's
 * observations (`lastCommit`, `previousGenerations`, which every step rewrites) give the same
 * verdicts, which is all the key keeps of them. A commit answered without a change (about half the
 * group model's self-loops) differs only there. The explorer then skips keying `to`.
 */
export function sameGroupKey(from: GroupModelState, to: GroupModelState): boolean {
  return (
    samePlainData(from.coordinator, to.coordinator) &&
    samePlainData(from.clients, to.clients) &&
    !acceptedCommitsAreCurrent.check(from) === !acceptedCommitsAreCurrent.check(to) &&
    !generationMonotonic.check(from) === !generationMonotonic.check(to)
  );
}

/**
 * The explorer key function for a model with these clients (see the header for what it abstracts).
 * The function keeps scratch state between calls: one keyer serves one search at a time.
 */
export function groupKeyer(
  clients: readonly string[],
  options: KeyOptions,
): (state: GroupModelState) => string {
  const builder = new KeyBuilder(clients, options.coordinatorMoves);
  const order = clients.map((_, i) => i);

  return (state) => {
    builder.load(state);
    const sig = builder.signatures();
    for (let i = 0; i < order.length; i++) order[i] = i;
    sortBySignature(order, sig);
    // Tied clients that own no member id render identically in either order; tied clients with ids
    // may still differ through who refers to whom, so those orders are tried and the least kept.
    let candidates: number[][] | undefined;
    for (let start = 0; start < order.length; ) {
      let end = start + 1;
      while (end < order.length && sig[order[end]!] === sig[order[start]!]) end++;
      if (end - start > 1 && builder.idCount(order[start]!) > 0) {
        const from = start;
        const to = end;
        candidates = (candidates ?? [order.slice()]).flatMap((candidate) =>
          permutations(candidate.slice(from, to)).map((middle) => [
            ...candidate.slice(0, from),
            ...middle,
            ...candidate.slice(to),
          ]),
        );
      }
      start = end;
    }
    if (!candidates) return builder.render(order);
    let best: string | undefined;
    for (const candidate of candidates) {
      const key = builder.render(candidate);
      if (best === undefined || key < best) best = key;
    }
    return best!;
  };
}
