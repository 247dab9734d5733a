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
import type { GroupModelState } from './explore-model.ts';
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

/** Maps a member id (`<client>-<serial>`) to its client's index and the serial's rank, for one state. */
class MemberIds {
  readonly clientOf = new Map<string, number>();
  readonly rankOf = new Map<string, number>();
  /** How many distinct ids of each client the state holds. */
  readonly counts: number[];

  constructor(state: GroupModelState, clients: readonly string[]) {
    const index = new Map(clients.map((client, i) => [client, i]));
    const serials: number[][] = clients.map(() => []);
    const note = (memberId: string) => {
      if (memberId === '' || this.clientOf.has(memberId)) return;
      const dash = memberId.lastIndexOf('-');
      const client = index.get(memberId.slice(0, dash));
      if (client === undefined) throw new Error(`member id ${memberId} of an unknown client`);
      this.clientOf.set(memberId, client);
      serials[client]!.push(Number(memberId.slice(dash + 1)));
    };
    for (const group of state.coordinator.groups) {
      for (const member of group.members) note(member.memberId);
      for (const pending of group.pending) note(pending.memberId);
      for (const member of group.persisted?.members ?? []) note(member.memberId);
      if (group.leader) note(group.leader);
    }
    for (const stored of state.coordinator.stored)
      for (const member of stored.record?.members ?? []) note(member.memberId);
    for (const client of clients) {
      const view = state.clients[client]!;
      note(view.memberId);
      for (const member of view.leaderOf ?? []) note(member.memberId);
    }
    for (const [memberId, client] of this.clientOf) {
      const dash = memberId.lastIndexOf('-');
      const serial = Number(memberId.slice(dash + 1));
      let rank = 0;
      for (const other of serials[client]!) if (other < serial) rank += 1;
      this.rankOf.set(memberId, rank);
    }
    this.counts = serials.map((list) => list.length);
  }
}

const flat = (assignment: readonly TopicPartitions[]): string => {
  let text = '';
  for (const tp of assignment) text += `${tp.topic}:${tp.partitions.join('.')},`;
  return text;
};

/** Timers in firing order: by deadline, ties in scheduling (array) order, as timers.nextDueTimer fires them. */
function firingOrder(timers: readonly Timer[]): readonly Timer[] {
  let sorted = true;
  for (let i = 1; i < timers.length; i++) if (timers[i]!.deadline < timers[i - 1]!.deadline) sorted = false;
  return sorted ? timers : [...timers].sort((a, b) => a.deadline - b.deadline);
}

export function groupKeyer(clients: readonly string[], options: KeyOptions) {
  const moves = options.coordinatorMoves;

  /** The generation values the group can reach again: its own, and with moves the written ones. */
  function generationCode(state: GroupModelState): (generation: number) => string {
    const group = state.coordinator.groups[0];
    const stored = state.coordinator.stored[0]?.record;
    const reference = group?.generation ?? stored?.generation ?? 0;
    if (!moves)
      return (generation) =>
        generation < 0
          ? 'n'
          : generation === reference
            ? 'c'
            : generation < reference
              ? 's'
              : `+${generation - reference}`;
    let floor = reference;
    if (group?.persisted) floor = Math.min(floor, group.persisted.generation);
    if (stored) floor = Math.min(floor, stored.generation);
    return (generation) => (generation < 0 ? 'n' : generation < floor ? 's' : `${generation - reference}`);
  }

  /** A naming-free description of a client: sorting clients by it gives the canonical order. */
  function signatures(state: GroupModelState, ids: MemberIds, gen: (g: number) => string): string[] {
    const sig = clients.map((client, i) => {
      const view = state.clients[client]!;
      const own = view.memberId === '' ? '-' : `${ids.rankOf.get(view.memberId)}`;
      const current = gen(view.generation);
      let text = `${ids.counts[i]}|${own}${current}|`;
      if (view.synced && (moves || gen(view.synced.generation) === 'c'))
        text += `${gen(view.synced.generation)}${flat(view.synced.assignment)}`;
      return `${text}|`;
    });
    const mark = (memberId: string, what: string) => {
      const client = ids.clientOf.get(memberId);
      if (client !== undefined) sig[client] += `${what}${ids.rankOf.get(memberId)};`;
    };
    const group = state.coordinator.groups[0];
    if (group) {
      group.members.forEach((member, position) => {
        mark(
          member.memberId,
          `m${position}${member.awaitingJoin !== null ? 'J' : ''}${member.awaitingSync !== null ? 'S' : ''}${flat(member.assignment)}`,
        );
      });
      group.pending.forEach((pending, position) => mark(pending.memberId, `p${position}`));
      for (const memberId of group.pendingSync) mark(memberId, 'y');
      if (group.leader) mark(group.leader, 'L');
      for (const timer of group.timers)
        if (timer.kind === 'heartbeat') mark(timer.memberId, `h${timer.deadline - state.coordinator.now}`);
    }
    clients.forEach((client) => {
      const view = state.clients[client]!;
      if (!moves && gen(view.generation) !== 'c') return;
      view.leaderOf?.forEach((member, position) => mark(member.memberId, `l${position}`));
    });
    return sig;
  }

  function render(
    state: GroupModelState,
    ids: MemberIds,
    gen: (g: number) => string,
    order: readonly number[],
  ): string {
    // order[k] = the original index of the client named k.
    const letterOf: string[] = [];
    order.forEach((original, named) => {
      letterOf[original] = LETTERS[named]!;
    });
    const tok = (memberId: string | null): string => {
      if (!memberId) return '-';
      return `${letterOf[ids.clientOf.get(memberId)!]}${ids.rankOf.get(memberId)}`;
    };
    const now = state.coordinator.now;
    const incarnation = (client: string) => state.clients[client]?.incarnation;
    // The member ids handed out so far: the explorer bounds them (explore-model maxMemberIds).
    let key = `${state.coordinator.status[0]!}${memberIdsIssued(state.coordinator)}`;
    const group: Group | undefined = state.coordinator.groups[0];
    if (group) {
      key += `{${group.state}<${group.previousState}:${group.protocol ?? '-'}:L${tok(group.leader)}`;
      if (group.leaderCandidates) key += `?${group.leaderCandidates.map(tok).join(',')}`;
      key += group.newMemberAdded ? '+' : '';
      key += '[';
      for (const member of group.members) {
        key += tok(member.memberId);
        if (member.awaitingJoin !== null)
          key += member.awaitingJoin === incarnation(member.client) ? 'J' : 'j';
        if (member.awaitingSync !== null)
          key += member.awaitingSync === incarnation(member.client) ? 'S' : 's';
        if (member.isNew) key += 'N';
        key += `=${flat(member.assignment)};`;
      }
      key += `]p${group.pending.map((p) => tok(p.memberId)).join(',')}`;
      key += `y${group.pendingSync.map(tok).join(',')}t`;
      for (const timer of firingOrder(group.timers)) {
        const due = timer.deadline - now;
        switch (timer.kind) {
          case 'heartbeat':
            key += `h${tok(timer.memberId)}@${due},`;
            break;
          case 'join':
            key += `j@${due},`;
            break;
          case 'initial-join':
            key += `i@${due}/${timer.delayMs}/${timer.remainingMs},`;
            break;
          case 'sync':
            key += `s${gen(timer.generation)}@${due},`;
            break;
        }
      }
      if (moves) key += `o${group.offsets.length}r${record(group.persisted)}`;
      key += '}';
    }
    if (moves)
      for (const stored of state.coordinator.stored)
        key += `S${record(stored.record)}o${stored.offsets.length}`;
    const views: string[] = [];
    order.forEach((original) => {
      const view = state.clients[clients[original]!]!;
      const current = gen(view.generation);
      let text = `${tok(view.memberId)}${current}`;
      if (view.leaderOf && (moves || current === 'c'))
        text += `<${view.leaderOf.map((m) => tok(m.memberId)).join(',')}>`;
      if (view.synced) {
        const synced = gen(view.synced.generation);
        if (moves || synced === 'c') text += `#${synced}${flat(view.synced.assignment)}`;
      }
      views.push(text);
    });
    key += `(${views.join('|')})`;
    // Verdicts of the invariants that read the last step's observations (see the header).
    if (acceptedCommitsAreCurrent.check(state)) key += '!c';
    if (generationMonotonic.check(state)) key += '!g';
    return key;

    function record(persisted: PersistedGroup | null): string {
      if (!persisted) return '-';
      return `${gen(persisted.generation)}:${persisted.protocol ?? '-'}:${tok(persisted.leader)}[${persisted.members.map((m) => `${tok(m.memberId)}=${flat(m.assignment)}`).join(';')}]`;
    }
  }

  /** Every ordering of `items` (used only for small groups of clients whose signatures tie). */
  function permutations(items: readonly number[]): number[][] {
    if (items.length <= 1) return [items.slice()];
    return items.flatMap((item, index) =>
      permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
    );
  }

  return function canonicalKey(state: GroupModelState): string {
    const ids = new MemberIds(state, clients);
    const gen = generationCode(state);
    const sig = signatures(state, ids, gen);
    const order = clients
      .map((_, i) => i)
      .sort((a, b) => (sig[a]! < sig[b]! ? -1 : sig[a]! > sig[b]! ? 1 : a - b));
    // Tied clients that own no member id render identically in either order; tied clients with ids
    // may still differ through who refers to whom, so those orders are tried and the least kept.
    const ties: number[][] = [];
    for (let start = 0; start < order.length; ) {
      let end = start + 1;
      while (end < order.length && sig[order[end]!] === sig[order[start]!]) end++;
      if (end - start > 1 && ids.counts[order[start]!]! > 0) ties.push([start, end]);
      start = end;
    }
    if (ties.length === 0) return render(state, ids, gen, order);
    let candidates: number[][] = [order];
    for (const [start, end] of ties) {
      candidates = candidates.flatMap((candidate) =>
        permutations(candidate.slice(start, end)).map((middle) => [
          ...candidate.slice(0, start),
          ...middle,
          ...candidate.slice(end),
        ]),
      );
    }
    let best: string | undefined;
    for (const candidate of candidates) {
      const key = render(state, ids, gen, candidate);
      if (best === undefined || key < best) best = key;
    }
    return best!;
  };
}
