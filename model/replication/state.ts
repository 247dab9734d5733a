// The initial partition and the small state operations that belong to no single concern.
import { replaceReplica } from './high-watermark.ts';
import type { Replica, ReplicationSettings, ReplicationState } from './types.ts';

const freshReplica: Replica = {
  alive: true,
  gone: false,
  log: [],
  flushed: 0,
  highWatermark: 0,
  remoteLogEndOffset: 0,
};

/** RP-1: a new partition: broker 0 leads epoch 0, every replica is in the ISR, all logs are empty. */
export function initialReplicationState(settings: ReplicationSettings): ReplicationState {
  return {
    replicas: Array.from({ length: settings.replicas }, () => freshReplica),
    leader: 0,
    leaderEpoch: 0,
    epochStartOffset: 0,
    isr: Array.from({ length: settings.replicas }, (_, broker) => broker),
    nextValue: 1,
    pending: [],
    acknowledged: [],
    committed: [],
    epochHighestHighWatermark: 0,
    powerLossesUsed: 0,
    diskLossesUsed: 0,
    lastOutcome: null,
  };
}

export function canFlush(state: ReplicationState, broker: number): boolean {
  const replica = state.replicas[broker];
  return replica?.alive === true && replica.flushed < replica.log.length;
}

/** RP-17: an fsync (flush.ms elapsing, or the OS writing the page cache back) makes the whole log durable. */
export function flushReplica(state: ReplicationState, broker: number): ReplicationState {
  const replica = state.replicas[broker]!;
  return replaceReplica(state, broker, { ...replica, flushed: replica.log.length });
}
