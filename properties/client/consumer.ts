// The consumer's own loop, reduced to what a run observes: poll (positions from committed offsets
// or auto.offset.reset, automatic commit of the positions first when the interval has passed, then
// fetches from each assigned partition's leader) and commitSync/commitAsync of the positions.
import type { EventOf } from '../../spec/events.ts';
import type { PollResult } from '../../spec/observations.ts';
import { type ClientState, tpKey } from './client-state.ts';
import type { Clients } from './clients.ts';
import { offsetFetchRequest, sendCommit } from './group-requests.ts';
import type { Endpoint } from './transport.ts';

function positionsAsOffsets(client: ClientState) {
  return client.assignment
    .filter((tp) => client.positions.has(tpKey(tp.topic, tp.partition)))
    .map((tp) => ({
      topic: tp.topic,
      partition: tp.partition,
      offset: client.positions.get(tpKey(tp.topic, tp.partition))!,
    }));
}

/** Committed offsets of `partitions` for the group, or undefined when the coordinator did not answer. */
async function committedOffsets(
  clients: Clients,
  from: Endpoint,
  group: string,
  partitions: readonly { topic: string; partition: number }[],
): Promise<Map<string, number> | undefined> {
  const response = await clients.transport.call(from, offsetFetchRequest(clients, group, partitions, -1));
  if (response?.api !== 'OffsetFetch' || response.error !== 'NONE') return undefined;
  return new Map(
    response.topics.flatMap((t) =>
      t.partitions.map(
        (p) => [tpKey(clients.names.contract(t.name), p.partitionIndex), p.committedOffset] as const,
      ),
    ),
  );
}

/** Where to start without a committed offset; undefined when the leader cannot be reached; 'none' for the policy. */
async function resetPosition(
  clients: Clients,
  from: Endpoint,
  topic: string,
  partition: number,
): Promise<number | 'none' | undefined> {
  const policy = clients.settings.autoOffsetReset;
  if (policy === 'none') return 'none';
  const real = clients.names.real(topic);
  const { leader } = await clients.transport.route(from, real, partition);
  if (leader === undefined) return undefined;
  const answer = await clients.transport.listOffsets(from, leader, {
    topic: real,
    partition,
    timestamp: policy === 'earliest' ? -2 : -1,
    version: clients.settings.listOffsetsVersion,
  });
  return answer.error === 'NONE' ? answer.offset : undefined;
}

export async function poll(clients: Clients, event: EventOf<'poll'>, seq: number): Promise<void> {
  const { transport, settings } = clients;
  const client = clients.client(event.client);
  const from: Endpoint = { client: event.client, lane: 'main' };
  const now = transport.now();
  if (settings.enableAutoCommit && now - client.lastAutoCommitMs >= settings.autoCommitIntervalMs) {
    client.lastAutoCommitMs = now;
    const offsets = positionsAsOffsets(client);
    // commitAsync: poll goes on; the answer is reported whenever it comes.
    if (offsets.length > 0 && client.generation >= 0)
      commitPositions(clients, client, event.group, offsets, 'auto', seq);
  }
  let exception: string | null = null;
  const missing = client.assignment.filter((tp) => !client.positions.has(tpKey(tp.topic, tp.partition)));
  const committed =
    missing.length > 0
      ? await committedOffsets(clients, from, event.group, missing)
      : new Map<string, number>();
  for (const tp of committed ? missing : []) {
    const offset = committed!.get(tpKey(tp.topic, tp.partition)) ?? -1;
    const position = offset >= 0 ? offset : await resetPosition(clients, from, tp.topic, tp.partition);
    if (position === 'none') exception = 'NoOffsetForPartitionException';
    else if (position !== undefined) client.positions.set(tpKey(tp.topic, tp.partition), position);
  }
  const records: PollResult['records'] = [];
  const limit = event.maxRecords ?? settings.maxPollRecords;
  if (exception === null) {
    for (const tp of client.assignment) {
      const key = tpKey(tp.topic, tp.partition);
      const position = client.positions.get(key);
      if (position === undefined || records.length >= limit) continue;
      const real = clients.names.real(tp.topic);
      const { leader } = await transport.route(from, real, tp.partition);
      if (leader === undefined) continue;
      const answer = await transport.fetch(from, leader, {
        topic: real,
        partition: tp.partition,
        offset: position,
        maxRecords: limit - records.length,
      });
      if (answer.error === 'OFFSET_OUT_OF_RANGE') {
        const reset = await resetPosition(clients, from, tp.topic, tp.partition);
        if (reset === 'none') exception = 'OffsetOutOfRangeException';
        else if (reset !== undefined) client.positions.set(key, reset);
        continue;
      }
      if (answer.error !== 'NONE') continue;
      for (const record of answer.records)
        records.push({
          topic: tp.topic,
          partition: tp.partition,
          offset: record.offset,
          value: record.value,
        });
      if (answer.records.length > 0) client.positions.set(key, answer.records.at(-1)!.offset + 1);
    }
  }
  clients.emit({
    type: 'poll-result',
    request: seq,
    client: event.client,
    group: event.group,
    exception,
    records,
  });
}

export function consumerCommit(clients: Clients, event: EventOf<'consumer-commit'>, seq: number): void {
  const client = clients.client(event.client);
  const offsets = positionsAsOffsets(client);
  if (offsets.length === 0) {
    // commitSync()/commitAsync() with nothing consumed sends no request.
    clients.emit({
      type: 'commit-response',
      request: seq,
      client: event.client,
      group: event.group,
      source: 'consumer',
      generation: client.generation,
      partitions: [],
    });
    return;
  }
  commitPositions(clients, client, event.group, offsets, 'consumer', seq);
}

/** Commits the client's positions with its member id and generation. */
function commitPositions(
  clients: Clients,
  client: ClientState,
  group: string,
  offsets: ReturnType<typeof positionsAsOffsets>,
  source: 'auto' | 'consumer',
  seq: number,
): void {
  sendCommit(
    clients,
    { client: client.name, group, generation: client.generation, memberId: client.memberId, offsets },
    source,
    seq,
  );
}
