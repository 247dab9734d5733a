// The explorer key of a group model state: the same for states that differ only by the names of
// interchangeable clients, by the serial numbers in member ids, by the absolute clock or by the
// absolute generation (behaviour depends only on deadlines relative to now and on generations
// relative to the group's, and on member ids only through equality). Generations more than two
// behind collapse into one class. The key is a compact rendering: fields that are the same for every
// member the explorer creates (protocols, timeouts, instance id) are left out.
import type { GroupModelState } from './explore-model.ts';
import type { PersistedGroup, TopicPartitions } from './types.ts';

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

type Rename = (name: string) => string;

/** Renames a client (`c2`) or a member id (`c2-7`) under a client permutation, serials by rank. */
function renamer(clientMap: Map<string, string>, serialRanks: Map<string, Map<number, number>>): Rename {
  return (name) => {
    const dash = name.lastIndexOf('-');
    if (dash < 0) return clientMap.get(name) ?? name;
    const client = name.slice(0, dash);
    const rank = serialRanks.get(client)?.get(Number(name.slice(dash + 1)));
    return `${clientMap.get(client) ?? client}-${rank ?? name.slice(dash + 1)}`;
  };
}

const flat = (assignment: readonly TopicPartitions[]) =>
  assignment.map((tp) => `${tp.topic}:${tp.partitions.join('.')}`).join(',');

function render(state: GroupModelState, rename: Rename): string {
  const now = state.coordinator.now;
  const group = state.coordinator.groups[0];
  const stored = state.coordinator.stored[0];
  const reference = group?.generation ?? stored?.record?.generation ?? 0;
  const rel = (generation: number) =>
    generation < 0 ? 'n' : reference - generation > 2 ? 'o' : reference - generation;
  const record = (persisted: PersistedGroup | null) =>
    persisted && [
      rel(persisted.generation),
      persisted.protocol,
      persisted.leader && rename(persisted.leader),
      persisted.members.map((m) => [rename(m.memberId), flat(m.assignment)]),
    ];
  const clients = Object.entries(state.clients)
    .map(
      ([client, view]) =>
        [
          rename(client),
          view.memberId && rename(view.memberId),
          rel(view.generation),
          view.leaderOf?.map((m) => rename(m.memberId)) ?? null,
          view.synced && [rel(view.synced.generation), flat(view.synced.assignment)],
        ] as const,
    )
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return JSON.stringify([
    state.coordinator.status,
    group && [
      group.state,
      group.previousState,
      group.protocol,
      group.leader && rename(group.leader),
      group.leaderCandidates?.map(rename) ?? null,
      group.members.map((m) => [
        rename(m.memberId),
        m.awaitingJoin !== null,
        m.awaitingSync !== null,
        m.isNew,
        flat(m.assignment),
      ]),
      group.pending.map((p) => rename(p.memberId)),
      group.pendingSync.map(rename),
      group.newMemberAdded,
      group.timers.map((t) => [
        t.kind,
        t.deadline - now,
        t.kind === 'heartbeat'
          ? rename(t.memberId)
          : t.kind === 'sync'
            ? rel(t.generation)
            : t.kind === 'initial-join'
              ? [t.delayMs, t.remainingMs]
              : 0,
      ]),
      group.offsets.map((o) => [o.topic, o.partition, o.offset]),
      record(group.persisted),
    ],
    state.coordinator.stored.map((s) => [
      record(s.record),
      s.offsets.map((o) => [o.topic, o.partition, o.offset]),
    ]),
    clients,
    Object.values(state.previousGenerations).map(rel),
    state.lastCommit,
  ]);
}

/** Serial numbers of each client's member ids present in the state, ranked (smallest first). */
function serialRanks(state: GroupModelState): Map<string, Map<number, number>> {
  const serials = new Map<string, Set<number>>();
  const note = (memberId: string) => {
    const dash = memberId.lastIndexOf('-');
    if (dash < 0) return;
    const client = memberId.slice(0, dash);
    const set = serials.get(client) ?? new Set<number>();
    set.add(Number(memberId.slice(dash + 1)));
    serials.set(client, set);
  };
  for (const group of state.coordinator.groups) {
    for (const member of group.members) note(member.memberId);
    for (const pending of group.pending) note(pending.memberId);
    for (const member of group.persisted?.members ?? []) note(member.memberId);
  }
  for (const stored of state.coordinator.stored) {
    for (const member of stored.record?.members ?? []) note(member.memberId);
  }
  for (const view of Object.values(state.clients)) {
    if (view.memberId) note(view.memberId);
    for (const member of view.leaderOf ?? []) note(member.memberId);
  }
  return new Map(
    [...serials].map(([client, set]) => [
      client,
      new Map([...set].sort((a, b) => a - b).map((serial, rank) => [serial, rank])),
    ]),
  );
}

/** Canonical text of a state: the smallest rendering over every renaming of the clients. */
export function canonicalKey(state: GroupModelState, clients: readonly string[]): string {
  const ranks = serialRanks(state);
  let best: string | undefined;
  for (const order of permutations(clients)) {
    const candidate = render(
      state,
      renamer(new Map(clients.map((client, index) => [client, order[index]!])), ranks),
    );
    if (best === undefined || candidate < best) best = candidate;
  }
  return best!;
}
