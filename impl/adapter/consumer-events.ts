// Consumer- and producer-level events: poll (positions from committed offsets or
// auto.offset.reset, automatic commit of the previous poll's positions), commitSync/commitAsync of
// the positions, raw fetch, produce. The Java consumer's semantics, reduced to what a run observes.
import type { ErrorName } from '../../spec/errors.ts';
import type { EventOf, ProduceEvent } from '../../spec/events.ts';
import type { PollResult } from '../../spec/observations.ts';
import { recordText, valuesBatch } from '../replication/value-batch.ts';
import { type ClientState, tpKey } from './client-state.ts';
import type { AdapterContext } from './context.ts';
import { sendCommit } from './group-events.ts';

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
function committedOffsets(
  ctx: AdapterContext,
  client: ClientState,
  group: string,
  partitions: { topic: string; partition: number }[],
) {
  let answer: Map<string, number> | undefined;
  const byTopic = new Map<string, number[]>();
  for (const tp of partitions) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
  ctx.cluster.groups.send(
    ctx.node(client.name),
    {
      api: 'OffsetFetch',
      requestId: -1,
      version: 7,
      groupId: group,
      topics: [...byTopic].map(([name, partitionIndexes]) => ({ name, partitionIndexes })),
    },
    (response) => {
      if (response.api !== 'OffsetFetch' || response.error !== 'NONE') return;
      answer = new Map(
        response.topics.flatMap((t) =>
          t.partitions.map((p) => [tpKey(t.name, p.partitionIndex), p.committedOffset] as const),
        ),
      );
    },
  );
  return answer;
}

/** Where to start without a committed offset; undefined when the leader cannot be reached; 'none' for the policy. */
function resetPosition(
  ctx: AdapterContext,
  client: ClientState,
  topic: string,
  partition: number,
): number | 'none' | undefined {
  const policy = ctx.consumer.autoOffsetReset;
  if (policy === 'none') return 'none';
  const leader = ctx.leaderFor(client.name, topic, partition);
  if (leader === undefined) return undefined;
  const answer = ctx.cluster.data.listOffsets(leader, {
    from: ctx.node(client.name),
    topic,
    partition,
    timestamp: policy === 'earliest' ? -2 : -1,
  });
  return answer.error === 'NONE' ? answer.offset : undefined;
}

export function poll(ctx: AdapterContext, event: EventOf<'poll'>, seq: number): void {
  const client = ctx.client(event.client);
  const now = ctx.cluster.now();
  if (ctx.consumer.enableAutoCommit && now - client.lastAutoCommitMs >= ctx.consumer.autoCommitIntervalMs) {
    client.lastAutoCommitMs = now;
    const offsets = positionsAsOffsets(client);
    if (offsets.length > 0 && client.generation >= 0)
      sendCommit(
        ctx,
        {
          client: event.client,
          group: event.group,
          generation: client.generation,
          memberId: client.memberId,
          offsets,
        },
        'auto',
        seq,
      );
  }
  let exception: string | null = null;
  const missing = client.assignment.filter((tp) => !client.positions.has(tpKey(tp.topic, tp.partition)));
  const committed =
    missing.length > 0 ? committedOffsets(ctx, client, event.group, missing) : new Map<string, number>();
  for (const tp of committed ? missing : []) {
    const offset = committed!.get(tpKey(tp.topic, tp.partition)) ?? -1;
    const position = offset >= 0 ? offset : resetPosition(ctx, client, tp.topic, tp.partition);
    if (position === 'none') exception = 'NoOffsetForPartitionException';
    else if (position !== undefined) client.positions.set(tpKey(tp.topic, tp.partition), position);
  }
  const records: PollResult['records'] = [];
  const limit = event.maxRecords ?? ctx.consumer.maxPollRecords;
  if (exception === null) {
    for (const tp of client.assignment) {
      const key = tpKey(tp.topic, tp.partition);
      const position = client.positions.get(key);
      if (position === undefined || records.length >= limit) continue;
      const leader = ctx.leaderFor(client.name, tp.topic, tp.partition);
      if (leader === undefined) continue;
      const answer = ctx.cluster.data.fetch(leader, {
        from: ctx.node(client.name),
        topic: tp.topic,
        partition: tp.partition,
        offset: position,
        maxRecords: limit - records.length,
      });
      if (answer.error === 'OFFSET_OUT_OF_RANGE') {
        const reset = resetPosition(ctx, client, tp.topic, tp.partition);
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
          value: recordText(record),
        });
      if (answer.records.length > 0) client.positions.set(key, answer.records.at(-1)!.offset + 1);
    }
  }
  ctx.emit({
    type: 'poll-result',
    request: seq,
    client: event.client,
    group: event.group,
    exception,
    records,
  });
}

export function consumerCommit(ctx: AdapterContext, event: EventOf<'consumer-commit'>, seq: number): void {
  const client = ctx.client(event.client);
  const offsets = positionsAsOffsets(client);
  if (offsets.length === 0) {
    // commitSync()/commitAsync() with nothing consumed sends no request.
    ctx.emit({
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
  sendCommit(
    ctx,
    {
      client: event.client,
      group: event.group,
      generation: client.generation,
      memberId: client.memberId,
      offsets,
    },
    'consumer',
    seq,
  );
}

export function rawFetch(ctx: AdapterContext, event: EventOf<'fetch'>, seq: number): void {
  const leader = ctx.leaderFor(event.client, event.topic, event.partition);
  const base = {
    type: 'fetch-response' as const,
    request: seq,
    client: event.client,
    topic: event.topic,
    partition: event.partition,
  };
  if (leader === undefined) {
    const known = ctx.cluster.controller.partition(event.topic, event.partition);
    ctx.emit({
      ...base,
      error: known ? 'LEADER_NOT_AVAILABLE' : 'UNKNOWN_TOPIC_OR_PARTITION',
      highWatermark: -1,
      logStartOffset: -1,
      records: [],
    });
    return;
  }
  const answer = ctx.cluster.data.fetch(leader, {
    from: ctx.node(event.client),
    topic: event.topic,
    partition: event.partition,
    offset: event.offset,
    maxRecords: event.maxRecords ?? ctx.consumer.maxPollRecords,
  });
  ctx.emit({
    ...base,
    error: answer.error,
    highWatermark: answer.highWatermark,
    logStartOffset: answer.logStartOffset,
    records: answer.records.map((r) => ({ offset: r.offset, value: recordText(r) })),
  });
}

export function produce(ctx: AdapterContext, event: ProduceEvent, seq: number): void {
  const respond = (error: ErrorName, baseOffset: number) => {
    if (event.acks === 0 && error !== 'INVALID_REQUIRED_ACKS') return; // acks=0: no response at all
    ctx.emit({
      type: 'produce-response',
      request: seq,
      producer: event.producer,
      topic: event.topic,
      partition: event.partition,
      acks: event.acks,
      error,
      baseOffset,
      values: [...event.values],
    });
  };
  if (event.acks !== -1 && event.acks !== 0 && event.acks !== 1) {
    respond('INVALID_REQUIRED_ACKS', -1);
    return;
  }
  const known = ctx.cluster.controller.partition(event.topic, event.partition);
  if (!known) {
    respond('UNKNOWN_TOPIC_OR_PARTITION', -1);
    return;
  }
  const leader = ctx.leaderFor(event.producer, event.topic, event.partition);
  if (leader === undefined) {
    respond(ctx.reachesAnyBroker(event.producer) ? 'LEADER_NOT_AVAILABLE' : 'NETWORK_EXCEPTION', -1);
    return;
  }
  ctx.cluster.data.produce(
    leader,
    {
      from: ctx.node(event.producer),
      topic: event.topic,
      partition: event.partition,
      acks: event.acks,
      records: valuesBatch(event.values, ctx.cluster.now()),
    },
    (answer) => respond(answer.error, answer.baseOffset),
  );
}
