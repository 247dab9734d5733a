// The raw data-plane events: produce as a producer library sends it (to the partition leader its
// metadata names; acks checked before anything is sent, as a producer refuses an invalid acks
// setting), a raw Fetch from the leader at a given offset, and ListOffsets (RP-24) as a consumer
// sends it to that leader.
import type { ErrorName } from '../../spec/errors.ts';
import type { EventOf, ProduceEvent } from '../../spec/events.ts';
import { listOffsetsTimestamp, listOffsetsVersion, recordTimestamps } from '../../spec/timestamps.ts';
import type { Clients } from './clients.ts';
import type { FetchOutcome, ProduceOutcome } from './transport.ts';

export async function rawFetch(clients: Clients, event: EventOf<'fetch'>, seq: number): Promise<void> {
  const from = { client: event.client, lane: 'fetch' } as const;
  const real = clients.names.real(event.topic);
  const route = await clients.transport.route(from, real, event.partition);
  const call = {
    topic: real,
    partition: event.partition,
    offset: event.offset,
    maxRecords: event.maxRecords ?? clients.settings.maxPollRecords,
  };
  const emit = (answer: FetchOutcome) =>
    clients.emit({
      type: 'fetch-response',
      request: seq,
      client: event.client,
      topic: event.topic,
      partition: event.partition,
      error: answer.error,
      highWatermark: answer.highWatermark,
      logStartOffset: answer.logStartOffset,
      records: answer.records.map((r) => ({ offset: r.offset, value: r.value })),
    });
  const unanswered = (error: ErrorName) =>
    emit({ error, highWatermark: -1, logStartOffset: -1, records: [] });
  if (!route.exists) {
    // A partition the metadata does not list: Kafka's consumers refuse it themselves; the raw
    // reader asks the first broker that answers, so that broker's own answer is compared (RP-22),
    // and answers for itself only when no broker answers.
    const answer = await clients.transport.fetch(from, 'any', call);
    if (answer.error === 'NETWORK_EXCEPTION') unanswered('UNKNOWN_TOPIC_OR_PARTITION');
    else emit(answer);
    return;
  }
  if (route.leader === undefined) unanswered('LEADER_NOT_AVAILABLE');
  else emit(await clients.transport.fetch(from, route.leader, call));
}

export async function produce(clients: Clients, event: ProduceEvent, seq: number): Promise<void> {
  const respond = (error: ErrorName, baseOffset: number, currentLeader?: ProduceOutcome['currentLeader']) => {
    if (event.acks === 0 && error !== 'INVALID_REQUIRED_ACKS') return; // acks=0: no response at all
    clients.emit({
      type: 'produce-response',
      request: seq,
      producer: event.producer,
      topic: event.topic,
      partition: event.partition,
      acks: event.acks,
      error,
      baseOffset,
      values: [...event.values],
      ...(currentLeader ? { currentLeader: { ...currentLeader } } : {}),
    });
  };
  if (event.acks !== -1 && event.acks !== 0 && event.acks !== 1) {
    respond('INVALID_REQUIRED_ACKS', -1);
    return;
  }
  const from = { client: event.producer, lane: 'produce' } as const;
  const real = clients.names.real(event.topic);
  const route = await clients.transport.route(from, real, event.partition);
  if (!route.exists) {
    respond('UNKNOWN_TOPIC_OR_PARTITION', -1);
    return;
  }
  if (route.leader === undefined) {
    respond(route.reachable ? 'LEADER_NOT_AVAILABLE' : 'NETWORK_EXCEPTION', -1);
    return;
  }
  clients.transport.produce(
    from,
    route.leader,
    {
      version: clients.settings.produceVersion,
      topic: real,
      partition: event.partition,
      acks: event.acks,
      values: event.values,
      timestamps: recordTimestamps(event, clients.transport.now()),
      ...(event.idempotence ? { idempotence: event.idempotence } : {}),
      ...(event.malformed ? { malformed: event.malformed } : {}),
      ...(event.records !== undefined ? { records: event.records } : {}),
    },
    (answer) => respond(answer.error, answer.baseOffset, answer.currentLeader),
  );
}

export async function listOffsets(
  clients: Clients,
  event: EventOf<'list-offsets'>,
  seq: number,
): Promise<void> {
  const from = { client: event.client, lane: 'fetch' } as const;
  const real = clients.names.real(event.topic);
  const route = await clients.transport.route(from, real, event.partition);
  const answer =
    route.leader === undefined
      ? {
          error: route.exists ? ('LEADER_NOT_AVAILABLE' as const) : ('UNKNOWN_TOPIC_OR_PARTITION' as const),
          offset: -1,
          timestamp: -1,
        }
      : await clients.transport.listOffsets(from, route.leader, {
          topic: real,
          partition: event.partition,
          timestamp: listOffsetsTimestamp(event),
          isolation: event.isolation ?? 'read_uncommitted',
          version: listOffsetsVersion(event),
        });
  clients.emit({
    type: 'list-offsets-response',
    request: seq,
    client: event.client,
    topic: event.topic,
    partition: event.partition,
    error: answer.error,
    // Kafka answers offset -1 with every partition error (ReplicaManager.fetchOffset's error response).
    offset: answer.error === 'NONE' ? answer.offset : -1,
    ...(event.position === 'timestamp' ? { timestamp: answer.error === 'NONE' ? answer.timestamp : -1 } : {}),
  });
}
