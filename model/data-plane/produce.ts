// Produce (RP-8..RP-10, WP-9's acks=0): acks is checked first (INVALID_REQUIRED_ACKS answered even
// with acks=0... any value other than -1, 0, 1), then the client routes to the leader it knows; the
// leader refuses acks=all below min.insync.replicas (NOT_ENOUGH_REPLICAS, nothing appended), else
// appends one batch in its epoch (after LG-1's checks of a malformed batch: the request's own, before
// routing, and the log's, after min.insync.replicas); acks=1 is answered at once, acks=all waits for the HW, acks=0 is
// never answered.
import type { ErrorName } from '../../spec/errors.ts';
import type { ProduceEvent } from '../../spec/events.ts';
import { MALFORMED_BATCH_RULES } from '../../spec/malformed-batches.ts';
import { readSection } from '../../spec/record-section.ts';
import { recordTimestamps } from '../../spec/timestamps.ts';
import { logEndOffset } from '../replication/high-watermark.ts';
import { appendBatchAtLeader, notEnoughReplicas, requiredAcksError } from '../replication/produce.ts';
import { checkSequence, producerStates, type SequenceCheck } from '../replication/producer-state.ts';
import type { Entry } from '../replication/types.ts';
import { answerProduce, checkWaitingProduces } from './delayed-produce.ts';
import { assignEpoch } from './epoch-cache.ts';
import { advanceLeaderHighWatermark } from './high-watermark.ts';
import { leaderSeenBy, reachesAnyBroker, reachLeader } from './routing.ts';
import { findPartition, type World } from './world.ts';
import { asLeader } from './zombie.ts';

export function produce(world: World, event: ProduceEvent, seq: number): void {
  const base = {
    request: seq,
    producer: event.producer,
    topic: event.topic,
    partition: event.partition,
    values: event.values,
    acks: event.acks,
  };
  const respond = (error: ErrorName, baseOffset = -1, broker?: number) => {
    if (event.acks === 0 && error !== 'INVALID_REQUIRED_ACKS') return;
    answerProduce(world, broker === undefined ? base : { ...base, broker }, error, baseOffset);
  };
  const malformed = event.malformed ? MALFORMED_BATCH_RULES[event.malformed] : undefined;
  const timestamps = recordTimestamps(event, world.nowMs);
  // LG-1: a records section the produce brings is read as Kafka's DefaultRecord reads it.
  const edited =
    event.records === undefined
      ? undefined
      : readSection(Buffer.from(event.records, 'hex'), event.values.length);
  if (requiredAcksError(event.acks) !== 'NONE') {
    respond('INVALID_REQUIRED_ACKS');
    return;
  }
  const p = findPartition(world, event.topic, event.partition);
  if (!p) {
    respond('UNKNOWN_TOPIC_OR_PARTITION');
    return;
  }
  const leaderBroker = leaderSeenBy(world, event.producer, p);
  if (leaderBroker === undefined) {
    respond(reachesAnyBroker(world, event.producer) ? 'LEADER_NOT_AVAILABLE' : 'NETWORK_EXCEPTION');
    return;
  }
  const index = reachLeader(world, event.producer, leaderBroker, p);
  // LG-1: the request's own check refuses an empty or many-batch partition before the broker asks
  // whether it leads it (KafkaApis: ProduceRequest.validateRecords).
  if (malformed?.beforeRouting && index !== 'NETWORK_EXCEPTION') {
    respond(malformed.error, -1, leaderBroker);
    return;
  }
  if (typeof index === 'string') {
    respond(index, -1, leaderBroker);
    return;
  }
  const acks = event.acks === -1 ? 'all' : event.acks === 1 ? '1' : '0';
  // The broker appends in the term it leads in its own view: the controller's leader's, or a
  // replaced leader's that has not heard yet (zombie.ts).
  const appended = asLeader(
    p,
    index,
    ():
      | Exclude<SequenceCheck, { kind: 'append' }>
      | Refused
      | { kind: 'appended'; baseOffset: number }
      | undefined => {
      if (notEnoughReplicas(p.state, { ...p.settings, acks })) return undefined;
      // LG-1: the leader's log validates the batch before it checks the producer's sequence.
      if (malformed && malformed.error !== 'NONE') return { kind: 'refuse', error: malformed.error };
      if (edited && edited.error !== 'NONE') return { kind: 'refuse', error: edited.error };
      // IP-1..IP-5: the log checks an idempotent batch against its producer state before writing.
      const check = event.idempotence
        ? checkSequence(producerStates(p.state.replicas[index]!), event.idempotence, event.values.length)
        : ({ kind: 'append' } as const);
      if (check.kind !== 'append') return check;
      const baseOffset = logEndOffset(p.state.replicas[index]!);
      // A section of the produce's own that reads is stored as it reads (the generator keeps each
      // record's offset delta; a changed one is not represented: offsets stay the batch's own).
      const stored =
        edited?.error === 'NONE'
          ? edited.records.map((r) => ({ value: r.value, timestamp: timestamps[0]! + r.timestampDelta }))
          : event.values.map((value, i) => ({ value, timestamp: timestamps[i]! }));
      const numbers = stored.map((r) => world.values.number(r.value, r.timestamp));
      p.state = appendBatchAtLeader(p.state, numbers, p.settings, batchMark(event));
      p.epochCaches[index] = assignEpoch(p.epochCaches[index]!, p.state.leaderEpoch, baseOffset);
      advanceLeaderHighWatermark(world, p);
      return { kind: 'appended', baseOffset };
    },
  );
  if (appended === undefined) {
    const leads = p.state.leader === index || p.zombies.has(index);
    respond(leads ? 'NOT_ENOUGH_REPLICAS' : 'NOT_LEADER_OR_FOLLOWER', -1, leaderBroker);
    return;
  }
  if (appended.kind === 'refuse') {
    respond(appended.error, -1, leaderBroker);
    return;
  }
  // IP-2: a duplicate is answered as its original was: its offsets, once the HW covers them (acks=all).
  const baseOffset = appended.kind === 'duplicate' ? appended.firstOffset : appended.baseOffset;
  const lastOffset =
    appended.kind === 'duplicate' ? appended.lastOffset : baseOffset + event.values.length - 1;
  if (acks !== 'all') {
    checkWaitingProduces(world); // the append may have moved the HW (a one-replica ISR)
    respond('NONE', baseOffset, leaderBroker);
    return;
  }
  // Every field written out: an object spread from `base` with fields added reads about 15x slower
  // in V8 11 (Node 20), and long runs scan a thousand or more of these after every event.
  world.waiting.push({
    request: base.request,
    producer: base.producer,
    topic: base.topic,
    partition: base.partition,
    values: base.values,
    acks: base.acks,
    broker: leaderBroker,
    baseOffset,
    lastOffset,
    deadlineMs: world.nowMs + world.config.produceTimeoutMs,
  });
  checkWaitingProduces(world);
}

/** A malformed batch the leader's log refuses (LG-1). */
type Refused = { kind: 'refuse'; error: ErrorName };

/** The batch header an idempotent produce's entries carry, so every replica's producer state can be rebuilt from its log (IP-6). */
function batchMark(event: ProduceEvent): Entry['producer'] {
  if (!event.idempotence) return undefined;
  return { ...event.idempotence, count: event.values.length };
}
