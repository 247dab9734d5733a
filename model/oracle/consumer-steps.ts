// The consumer-level events on top of the group model and the data plane: poll (auto commit of the
// previous positions, positions from committed offsets or auto.offset.reset, then fetching the
// assigned partitions in order up to max.poll.records) and commitSync/commitAsync of the positions.
// The decisions are model/consumer's (OC-13..OC-19); this file sends the requests they imply.
import type { EventOf } from '../../spec/events.ts';
import type { Observation, PollResult } from '../../spec/observations.ts';
import { autoCommitDue, resetAfterOutOfRange, startPosition } from '../consumer/consumer.ts';
import type { ConsumerSettings } from '../consumer/settings.ts';
import type { GroupModelSystem } from '../group/group-model-system.ts';
import {
  type ConsumerClient,
  positionsAsOffsets,
  type TopicPartitionRef,
  tpKey,
} from './consumer-clients.ts';

/** What the consumer reads from the data plane: a Fetch from the partition's leader as the client sees it. */
export interface PartitionReads {
  fetch(
    client: string,
    tp: TopicPartitionRef,
    offset: number,
    maxRecords: number,
  ): Promise<Extract<Observation, { type: 'fetch-response' }>>;
  /** ListOffsets (earliest: the log start offset; latest: the HW); undefined when it fails. */
  listOffset(
    client: string,
    tp: TopicPartitionRef,
    which: 'earliest' | 'latest',
  ): Promise<number | undefined>;
}

export interface ConsumerContext {
  readonly group: GroupModelSystem;
  readonly reads: PartitionReads;
  readonly settings: ConsumerSettings;
  readonly nowMs: number;
  /** max.poll.records when the event gives none (Kafka's default 500). */
  readonly maxPollRecords: number;
}

type Start = { position: number } | { exception: string } | undefined;

/** OC-13, OC-14, OC-19: a start by the reset policy; undefined when the leader cannot be asked. */
async function reset(
  ctx: ConsumerContext,
  client: string,
  tp: TopicPartitionRef,
  decide: (logStart: number, logEnd: number) => { position: number } | { exception: string },
): Promise<Start> {
  const policy = ctx.settings.autoOffsetReset;
  if (policy === 'none') return decide(0, 0);
  const offset = await ctx.reads.listOffset(client, tp, policy);
  return offset === undefined ? undefined : decide(offset, offset);
}

export async function poll(
  ctx: ConsumerContext,
  consumer: ConsumerClient,
  event: EventOf<'poll'>,
  seq: number,
): Promise<Observation[]> {
  const out: Observation[] = [];
  // OC-15: first commit what earlier polls reached, once the interval has passed. (The model's
  // consumer has one position; here each partition has its own, so any position asks only whether
  // the interval passed.)
  const clock = { position: 0, unprocessed: null, lastAutoCommitMs: consumer.lastAutoCommitMs };
  if (autoCommitDue(clock, ctx.settings, ctx.nowMs) !== null) {
    consumer.lastAutoCommitMs = ctx.nowMs;
    const offsets = positionsAsOffsets(consumer);
    if (offsets.length > 0 && consumer.generation >= 0)
      out.push(
        ...ctx.group.commitAs(
          {
            client: event.client,
            group: event.group,
            generation: consumer.generation,
            memberId: ctx.group.memberIdOf(event.client),
            offsets,
          },
          'auto',
          seq,
        ),
      );
  }
  let exception: string | null = null;
  const missing = consumer.assignment.filter((tp) => !consumer.positions.has(tpKey(tp.topic, tp.partition)));
  const committed =
    missing.length > 0
      ? ctx.group.committedOffsets(event.client, event.group, missing, seq)
      : new Map<string, number>();
  for (const tp of committed ? missing : []) {
    const offset = committed!.get(tpKey(tp.topic, tp.partition)) ?? -1;
    const start: Start =
      offset >= 0
        ? { position: offset }
        : await reset(ctx, event.client, tp, (logStart, logEnd) =>
            startPosition(-1, ctx.settings.autoOffsetReset, logStart, logEnd),
          );
    if (start && 'exception' in start) exception = start.exception;
    else if (start) consumer.positions.set(tpKey(tp.topic, tp.partition), start.position);
  }
  const records: PollResult['records'] = [];
  const limit = event.maxRecords ?? ctx.maxPollRecords;
  for (const tp of exception === null ? consumer.assignment : []) {
    const key = tpKey(tp.topic, tp.partition);
    const position = consumer.positions.get(key);
    if (position === undefined || records.length >= limit) continue;
    const answer = await ctx.reads.fetch(event.client, tp, position, limit - records.length);
    if (answer.error === 'OFFSET_OUT_OF_RANGE') {
      const start = await reset(ctx, event.client, tp, (logStart, logEnd) =>
        resetAfterOutOfRange(ctx.settings.autoOffsetReset, logStart, logEnd),
      );
      if (start && 'exception' in start) exception = start.exception;
      else if (start) consumer.positions.set(key, start.position);
      continue;
    }
    if (answer.error !== 'NONE') continue; // the consumer retries on a later poll
    for (const record of answer.records)
      records.push({ topic: tp.topic, partition: tp.partition, offset: record.offset, value: record.value });
    if (answer.records.length > 0) consumer.positions.set(key, answer.records.at(-1)!.offset + 1);
  }
  out.push({
    type: 'poll-result',
    request: seq,
    client: event.client,
    group: event.group,
    exception,
    records,
  });
  return out;
}

/** commitSync()/commitAsync(): the positions with the generation and member id the consumer holds. */
export function consumerCommit(
  ctx: ConsumerContext,
  consumer: ConsumerClient,
  event: EventOf<'consumer-commit'>,
  seq: number,
): Observation[] {
  const offsets = positionsAsOffsets(consumer);
  if (offsets.length === 0)
    // Nothing consumed: no request is sent, and the call returns at once.
    return [
      {
        type: 'commit-response',
        request: seq,
        client: event.client,
        group: event.group,
        source: 'consumer',
        generation: consumer.generation,
        partitions: [],
      },
    ];
  return ctx.group.commitAs(
    {
      client: event.client,
      group: event.group,
      generation: consumer.generation,
      memberId: ctx.group.memberIdOf(event.client),
      offsets,
    },
    'consumer',
    seq,
  );
}
