// The explorer key of a group model state: the same for states that differ only by the names of
// interchangeable clients, by the serial numbers in member ids, by the absolute clock or by the
// absolute generation (behaviour depends only on deadlines relative to now and on generations
// relative to the group's). Generations more than two behind collapse into one class.
import type { GroupModelState } from './explore-model.ts';

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

function normalized(state: GroupModelState): unknown {
  const now = state.coordinator.now;
  const group = state.coordinator.groups[0];
  const stored = state.coordinator.stored[0];
  const reference = group?.generation ?? stored?.record?.generation ?? 0;
  const rel = (generation: number) =>
    generation < 0 ? 'none' : reference - generation > 2 ? 'old' : reference - generation;
  return {
    status: state.coordinator.status,
    group: group && {
      ...group,
      stateSince: undefined,
      generation: undefined,
      timers: group.timers.map((timer) => ({
        ...timer,
        deadline: timer.deadline - now,
        ...(timer.kind === 'sync' ? { generation: rel(timer.generation) } : {}),
      })),
      offsets: group.offsets.map(({ topic, partition, offset }) => [topic, partition, offset]),
      persisted: group.persisted && {
        ...group.persisted,
        stateSince: undefined,
        generation: rel(group.persisted.generation),
      },
    },
    stored: state.coordinator.stored.map((entry) => ({
      record: entry.record && {
        ...entry.record,
        stateSince: undefined,
        generation: rel(entry.record.generation),
      },
      offsets: entry.offsets.map(({ topic, partition, offset }) => [topic, partition, offset]),
    })),
    clients: Object.fromEntries(
      Object.entries(state.clients).map(([client, view]) => [
        client,
        {
          ...view,
          generation: rel(view.generation),
          synced: view.synced && { ...view.synced, generation: rel(view.synced.generation) },
        },
      ]),
    ),
    previous: Object.values(state.previousGenerations).map(rel),
    lastCommit: state.lastCommit,
  };
}

const NAME = /\bc(\d+)(?:-(\d+))?\b/g;

/** Canonical text of a state: the smallest rendering over every renaming of the clients. */
export function canonicalKey(state: GroupModelState, clients: readonly string[]): string {
  const text = JSON.stringify(normalized(state));
  // Member ids `<client>-<serial>` become `<client>-<rank of the serial among that client's ids>`.
  const serials = new Map<string, number[]>();
  for (const match of text.matchAll(NAME)) {
    if (match[2] === undefined) continue;
    const list = serials.get(match[1]!) ?? [];
    if (!list.includes(Number(match[2]))) list.push(Number(match[2]));
    serials.set(match[1]!, list);
  }
  for (const list of serials.values()) list.sort((a, b) => a - b);
  let best: string | undefined;
  for (const order of permutations(clients.map((client) => client.slice(1)))) {
    const rename = new Map(clients.map((client, index) => [client.slice(1), order[index]!]));
    const renamed = JSON.parse(
      text.replace(NAME, (_, number: string, serial?: string) => {
        const to = rename.get(number) ?? number;
        return serial === undefined ? `c${to}` : `c${to}-${serials.get(number)!.indexOf(Number(serial))}`;
      }),
    ) as { clients: Record<string, unknown> };
    // Renaming reorders the clients: list them by their new names.
    renamed.clients = Object.fromEntries(
      Object.entries(renamed.clients).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    const candidate = JSON.stringify(renamed);
    if (best === undefined || candidate < best) best = candidate;
  }
  return best!;
}
