// Producer, consumer and admin events of the contract as wire requests: Produce and Fetch to the
// partition leader, poll as a consumer does it (committed offset or auto.offset.reset, then fetch;
// auto commit of the previous positions first), CreateTopics/CreatePartitions to the controller.
import { buildRecordBatch } from '../../../impl/log/batch/build.ts';
import { parseRecordBatches } from '../../../impl/log/batch/decode.ts';
import type { ErrorName } from '../../../spec/errors.ts';
import type { EventOf } from '../../../spec/events.ts';
import type { PollResult } from '../../../spec/observations.ts';
import { tpKey } from './client-state.ts';
import { errorName, type KafkaContext } from './context.ts';
import { fetchCommitted, sendCommit } from './group-events.ts';
import type { Address } from './target.ts';

// biome-ignore lint/suspicious/noExplicitAny: decoded wire responses are checked field by field
type Answer = any;

const PRODUCE_TIMEOUT_MS = 5000;
const MAX_FETCH_BYTES = 4 * 1024 * 1024;
const LEADER_MOVED: readonly ErrorName[] = [
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'NETWORK_EXCEPTION',
];

export async function produce(ctx: KafkaContext, event: EventOf<'produce'>, seq: number): Promise<void> {
  const base = {
    type: 'produce-response' as const,
    request: seq,
    producer: event.producer,
    topic: event.topic,
    partition: event.partition,
    acks: event.acks,
    values: [...event.values],
  };
  const leader = await ctx.leader(event.topic, event.partition);
  if (!leader) {
    if (event.acks !== 0) ctx.emit({ ...base, error: 'LEADER_NOT_AVAILABLE', baseOffset: -1 });
    return;
  }
  const records = buildRecordBatch(event.values.map((value) => ({ value, timestamp: Date.now() })));
  const body = {
    transactionalId: null,
    acks: event.acks,
    timeoutMs: PRODUCE_TIMEOUT_MS,
    topicData: [{ name: ctx.real(event.topic), partitionData: [{ index: event.partition, records }] }],
  };
  let answer: Answer;
  try {
    answer = await ctx.target.request(leader, `producer-${event.producer}`, 'Produce', 7, body as never, {
      minimum: 3,
      ...(event.acks === 0 ? { expectResponse: false } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'UnsupportedApiError') throw error;
    ctx.forgetLeaders();
    if (event.acks !== 0) ctx.emit({ ...base, error: 'NETWORK_EXCEPTION', baseOffset: -1 });
    return;
  }
  if (event.acks === 0) return;
  const partition = answer.responses?.[0]?.partitionResponses?.[0];
  const error = partition ? errorName(partition.errorCode) : 'UNKNOWN_SERVER_ERROR';
  if (LEADER_MOVED.includes(error)) ctx.forgetLeaders();
  ctx.emit({ ...base, error, baseOffset: error === 'NONE' ? partition.baseOffset : -1 });
}

interface FetchOutcome {
  error: ErrorName;
  highWatermark: number;
  logStartOffset: number;
  records: { offset: number; value: string }[];
}

async function fetchFrom(
  ctx: KafkaContext,
  lane: string,
  topic: string,
  partition: number,
  offset: number,
  maxRecords: number,
): Promise<FetchOutcome> {
  const none = { highWatermark: -1, logStartOffset: -1, records: [] };
  const leader = await ctx.leader(topic, partition);
  if (!leader)
    return {
      error: partition < (ctx.topics.get(topic) ?? 0) ? 'LEADER_NOT_AVAILABLE' : 'UNKNOWN_TOPIC_OR_PARTITION',
      ...none,
    };
  let answer: Answer;
  try {
    answer = await ctx.target.request(leader, lane, 'Fetch', 5, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: MAX_FETCH_BYTES,
      isolationLevel: 0,
      topics: [
        {
          topic: ctx.real(topic),
          partitions: [{ partition, fetchOffset: offset, partitionMaxBytes: MAX_FETCH_BYTES }],
        },
      ],
    } as never);
  } catch (error) {
    if ((error as Error).name === 'UnsupportedApiError') throw error;
    ctx.forgetLeaders();
    return { error: 'NETWORK_EXCEPTION', ...none };
  }
  const p = answer.responses?.[0]?.partitions?.[0];
  if (!p) return { error: 'UNKNOWN_SERVER_ERROR', ...none };
  const error = errorName(p.errorCode);
  if (LEADER_MOVED.includes(error)) ctx.forgetLeaders();
  const records: { offset: number; value: string }[] = [];
  if (error === 'NONE' && p.records && p.records.length > 0) {
    const bytes = Buffer.isBuffer(p.records) ? p.records : Buffer.from(p.records);
    // A fetch may end in a partial batch (maxBytes): keep the whole batches only.
    for (const batch of parseWholeBatches(bytes))
      for (const record of batch.records)
        if (record.offset >= offset && records.length < maxRecords)
          records.push({ offset: record.offset, value: record.value?.toString('utf8') ?? '' });
  }
  return {
    error,
    highWatermark: Number(p.highWatermark),
    logStartOffset: Number(p.logStartOffset ?? -1),
    records,
  };
}

function parseWholeBatches(bytes: Buffer) {
  let end = 0;
  while (end + 12 <= bytes.length) {
    const size = 12 + bytes.readInt32BE(end + 8);
    if (end + size > bytes.length) break;
    end += size;
  }
  return parseRecordBatches(bytes.subarray(0, end));
}

export async function rawFetch(ctx: KafkaContext, event: EventOf<'fetch'>, seq: number): Promise<void> {
  const outcome = await fetchFrom(
    ctx,
    `fetch-${event.client}`,
    event.topic,
    event.partition,
    event.offset,
    event.maxRecords ?? 500,
  );
  ctx.emit({
    type: 'fetch-response',
    request: seq,
    client: event.client,
    topic: event.topic,
    partition: event.partition,
    ...outcome,
  });
}

async function resetPosition(
  ctx: KafkaContext,
  lane: string,
  topic: string,
  partition: number,
): Promise<number | 'none' | undefined> {
  const policy = ctx.autoOffsetReset;
  if (policy === 'none') return 'none';
  const leader: Address | undefined = await ctx.leader(topic, partition);
  if (!leader) return undefined;
  try {
    const answer: Answer = await ctx.target.request(
      leader,
      lane,
      'ListOffsets',
      2,
      {
        replicaId: -1,
        isolationLevel: 0,
        topics: [
          {
            name: ctx.real(topic),
            partitions: [{ partitionIndex: partition, timestamp: policy === 'earliest' ? -2 : -1 }],
          },
        ],
      } as never,
      { minimum: 1 },
    );
    const p = answer.topics?.[0]?.partitions?.[0];
    return p && p.errorCode === 0 ? Number(p.offset) : undefined;
  } catch {
    return undefined;
  }
}

const positionsAsOffsets = (ctx: KafkaContext, name: string) =>
  [...ctx.client(name).positions.entries()].map(([key, offset]) => {
    const [topic, partition] = key.split('\0');
    return { topic: topic!, partition: Number(partition), offset };
  });

export async function poll(ctx: KafkaContext, event: EventOf<'poll'>, seq: number): Promise<void> {
  const client = ctx.client(event.client);
  const lane = event.client;
  if (ctx.enableAutoCommit && ctx.nowMs - client.lastAutoCommitMs >= ctx.autoCommitIntervalMs) {
    client.lastAutoCommitMs = ctx.nowMs;
    const offsets = positionsAsOffsets(ctx, event.client);
    if (offsets.length > 0 && client.generation >= 0)
      await sendCommit(
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
  if (missing.length > 0) {
    const committed = await fetchCommitted(ctx, lane, event.group, missing);
    if (committed.error === 'NONE')
      for (const tp of missing) {
        const entry = committed.offsets.find((o) => o.topic === tp.topic && o.partition === tp.partition);
        const position =
          entry && entry.offset >= 0 ? entry.offset : await resetPosition(ctx, lane, tp.topic, tp.partition);
        if (position === 'none') exception = 'NoOffsetForPartitionException';
        else if (position !== undefined) client.positions.set(tpKey(tp.topic, tp.partition), position);
      }
  }
  const records: PollResult['records'] = [];
  const limit = event.maxRecords ?? 500;
  if (exception === null)
    for (const tp of client.assignment) {
      const key = tpKey(tp.topic, tp.partition);
      const position = client.positions.get(key);
      if (position === undefined || records.length >= limit) continue;
      const answer = await fetchFrom(ctx, lane, tp.topic, tp.partition, position, limit - records.length);
      if (answer.error === 'OFFSET_OUT_OF_RANGE') {
        const reset = await resetPosition(ctx, lane, tp.topic, tp.partition);
        if (reset === 'none') exception = 'OffsetOutOfRangeException';
        else if (reset !== undefined) client.positions.set(key, reset);
        continue;
      }
      if (answer.error !== 'NONE') continue;
      for (const record of answer.records)
        records.push({ topic: tp.topic, partition: tp.partition, ...record });
      if (answer.records.length > 0) client.positions.set(key, answer.records.at(-1)!.offset + 1);
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

export async function consumerCommit(
  ctx: KafkaContext,
  event: EventOf<'consumer-commit'>,
  seq: number,
): Promise<void> {
  const client = ctx.client(event.client);
  const offsets = positionsAsOffsets(ctx, event.client);
  if (offsets.length === 0) {
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
  await sendCommit(
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

async function controller(ctx: KafkaContext): Promise<Address> {
  const { controllerId } = await ctx.refreshMetadata(null).catch(() => ({ controllerId: -1 }));
  return ctx.target.nodes.get(controllerId) ?? ctx.anyBroker();
}

/** Waits (bounded) until every partition of `topic` has a leader, so the first produce finds one. */
async function awaitLeaders(ctx: KafkaContext, topic: string, partitions: number): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    ctx.forgetLeaders();
    let ready = true;
    for (let p = 0; p < partitions && ready; p++) ready = (await ctx.leader(topic, p)) !== undefined;
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Auto-creation through Metadata; records the partition count the target chose. */
async function autoCreate(ctx: KafkaContext, topic: string): Promise<ErrorName> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const answer: Answer = await ctx.target.request(
        ctx.anyBroker(),
        'admin',
        'Metadata',
        4,
        { topics: [{ name: ctx.real(topic) }], allowAutoTopicCreation: true } as never,
        { minimum: 4 },
      );
      const found = answer.topics?.find((t: { name: string }) => t.name === ctx.real(topic));
      if (found && found.errorCode === 0 && found.partitions.length > 0) {
        ctx.topics.set(topic, found.partitions.length);
        return 'NONE';
      }
    } catch (error) {
      if ((error as Error).name === 'UnsupportedApiError') return 'UNSUPPORTED_VERSION';
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 'REQUEST_TIMED_OUT';
}

export async function createTopic(
  ctx: KafkaContext,
  event: EventOf<'create-topic'>,
  seq: number,
): Promise<void> {
  const configs = Object.entries({
    'min.insync.replicas': ctx.config['min.insync.replicas'],
    'unclean.leader.election.enable': ctx.config['unclean.leader.election.enable'],
    ...event.config,
  })
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ({ name, value: String(value) }));
  let error: ErrorName;
  try {
    const answer: Answer = await ctx.target.request(await controller(ctx), 'admin', 'CreateTopics', 3, {
      topics: [
        {
          name: ctx.real(event.topic),
          numPartitions: event.partitions,
          replicationFactor: event.replicationFactor,
          assignments: [],
          configs,
        },
      ],
      timeoutMs: 10000,
      validateOnly: false,
    } as never);
    error = errorName(answer.topics?.[0]?.errorCode ?? -1);
  } catch (e) {
    // No CreateTopics (librdkafka's mock cluster): create it the way a client's first Metadata
    // request does, by auto-creation, with the target's default partition count and replication.
    error =
      (e as Error).name === 'UnsupportedApiError' ? await autoCreate(ctx, event.topic) : 'NETWORK_EXCEPTION';
  }
  if (error === 'NONE') {
    if (!ctx.topics.has(event.topic)) ctx.topics.set(event.topic, event.partitions);
    await awaitLeaders(ctx, event.topic, ctx.topics.get(event.topic)!);
  }
  ctx.emit({ type: 'admin-response', request: seq, op: 'create-topic', topic: event.topic, error });
}

export async function partitionChange(
  ctx: KafkaContext,
  event: EventOf<'partition-change'>,
  seq: number,
): Promise<void> {
  let error: ErrorName;
  try {
    const answer: Answer = await ctx.target.request(await controller(ctx), 'admin', 'CreatePartitions', 1, {
      topics: [{ name: ctx.real(event.topic), count: event.partitions, assignments: null }],
      timeoutMs: 10000,
      validateOnly: false,
    } as never);
    error = errorName(answer.results?.[0]?.errorCode ?? -1);
  } catch (e) {
    error = (e as Error).name === 'UnsupportedApiError' ? 'UNSUPPORTED_VERSION' : 'NETWORK_EXCEPTION';
  }
  if (error === 'NONE') {
    ctx.topics.set(event.topic, event.partitions);
    await awaitLeaders(ctx, event.topic, event.partitions);
  }
  ctx.emit({ type: 'admin-response', request: seq, op: 'partition-change', topic: event.topic, error });
}
