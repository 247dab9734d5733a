// Produce at the leader (Partition.appendRecordsToLeader, ReplicaManager.appendRecords,
// DelayedProduce / Partition.checkEnoughReplicasReachOffset).
import { advanceHighWatermark, logEndOffset, replaceReplica } from './high-watermark.ts';
import { effectiveMinIsr } from './min-isr.ts';
import type { Entry, Replica, ReplicationSettings, ReplicationState } from './types.ts';

/**
 * RP-9: an acks=all produce with fewer in-sync replicas than the effective minimum ISR
 * (min.insync.replicas capped at the replica count) is refused before appending.
 */
export function notEnoughReplicas(state: ReplicationState, settings: ReplicationSettings): boolean {
  return settings.acks === 'all' && state.isr.length < effectiveMinIsr(settings);
}

/**
 * RP-9, RP-21: the refusal. An application that sends fire-and-forget never sees it and counts the
 * write as done: it is recorded as acknowledged at offset -1 (never appended anywhere).
 */
export function rejectProduce(state: ReplicationState, settings: ReplicationSettings): ReplicationState {
  const next = { ...state, nextValue: state.nextValue + 1, lastOutcome: 'NOT_ENOUGH_REPLICAS' };
  if (settings.send !== 'fire-and-forget') return next;
  return { ...next, acknowledged: next.acknowledged.concat([{ value: state.nextValue, offset: -1 }]) };
}

/** RP-17: append, then fsync once flush.messages entries are unflushed. */
export function appendEntries(
  replica: Replica,
  entries: readonly Entry[],
  settings: ReplicationSettings,
): Replica {
  if (entries.length === 0) return replica;
  const log = replica.log.concat(entries);
  const flushed = log.length - replica.flushed >= settings.flushMessages ? log.length : replica.flushed;
  return { ...replica, log, flushed };
}

/**
 * RP-8: append at the leader in the current epoch. acks=1 is answered at once; acks=0 gets no
 * answer, and the producer counts it as sent; acks=all waits in `pending` for the HW.
 */
export function appendAtLeader(state: ReplicationState, settings: ReplicationSettings): ReplicationState {
  const record = { value: state.nextValue, offset: logEndOffset(state.replicas[state.leader]!) };
  let next = appendBatchAtLeader(state, [record.value], settings);
  next = { ...next, nextValue: state.nextValue + 1 };
  if (settings.acks === 'all') next = { ...next, pending: next.pending.concat([record]), lastOutcome: null };
  else next = { ...next, lastOutcome: 'NONE' };
  // RP-21: fire-and-forget counts the send as done at once, whatever the broker answers later.
  if (settings.acks !== 'all' || settings.send === 'fire-and-forget')
    next = { ...next, acknowledged: next.acknowledged.concat([record]) };
  return advanceHighWatermark(next, settings);
}

/**
 * LG-2, RP-17: one batch of records appended at the leader in its epoch, one offset per value,
 * fsynced as a whole when flush.messages is reached (Kafka checks after each append, not per
 * record). The HW is not moved here: a caller advances it (RP-2) when its bookkeeping is done.
 */
export function appendBatchAtLeader(
  state: ReplicationState,
  values: readonly number[],
  settings: ReplicationSettings,
  producer?: Entry['producer'],
): ReplicationState {
  const leader = state.replicas[state.leader]!;
  const entries: Entry[] = values.map((value) =>
    producer ? { value, epoch: state.leaderEpoch, producer } : { value, epoch: state.leaderEpoch },
  );
  return replaceReplica(state, state.leader, appendEntries(leader, entries, settings));
}

/**
 * RP-8, RP-10: how the leader answers the waiting acks=all produces whose last record is below
 * `highWatermark` (the others keep waiting): NONE, or NOT_ENOUGH_REPLICAS_AFTER_APPEND when the
 * ISR has shrunk below the effective minimum (Partition.checkEnoughReplicasReachOffset).
 */
export function delayedProduceVerdict(
  state: ReplicationState,
  settings: ReplicationSettings,
): { readonly highWatermark: number; readonly answer: 'NONE' | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' } {
  return {
    highWatermark: state.replicas[state.leader]!.highWatermark,
    answer: state.isr.length < effectiveMinIsr(settings) ? 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' : 'NONE',
  };
}

/** A pending acks=all produce the HW has passed: the delayed produce can complete. */
export function completableProduce(state: ReplicationState): boolean {
  if (state.leader < 0 || state.pending.length === 0) return false;
  return state.pending[0]!.offset < state.replicas[state.leader]!.highWatermark;
}

/**
 * RP-8, RP-10: answer the pending produces the HW has passed: NONE if the ISR still has the
 * effective minimum ISR, else NOT_ENOUGH_REPLICAS_AFTER_APPEND (the data stays in the log).
 */
export function completeProduce(state: ReplicationState, settings: ReplicationSettings): ReplicationState {
  const highWatermark = state.replicas[state.leader]!.highWatermark;
  const done = state.pending.filter((record) => record.offset < highWatermark);
  const waiting = state.pending.filter((record) => record.offset >= highWatermark);
  if (state.isr.length < effectiveMinIsr(settings))
    return { ...state, pending: waiting, lastOutcome: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' };
  // A fire-and-forget application counted these as done when it sent them (RP-21).
  const acknowledged =
    settings.send === 'fire-and-forget' ? state.acknowledged : state.acknowledged.concat(done);
  return { ...state, pending: waiting, acknowledged, lastOutcome: 'NONE' };
}

/** RP-8: the acks values a broker accepts (ProduceRequest.validate / isValidRequiredAcks): -1, 0, 1; others INVALID_REQUIRED_ACKS. */
export function requiredAcksError(acks: number): 'NONE' | 'INVALID_REQUIRED_ACKS' {
  return acks === -1 || acks === 0 || acks === 1 ? 'NONE' : 'INVALID_REQUIRED_ACKS';
}
