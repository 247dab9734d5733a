// Broker failures, restarts and leader election (the controller's part: KafkaController /
// PartitionLeaderElectionAlgorithms in ZooKeeper mode, QuorumController's ISR handling in KRaft).
import { becomeFollower } from './fetch.ts';
import { advanceHighWatermark, logEndOffset, replaceReplica } from './high-watermark.ts';
import type { FailureKind, Replica, ReplicationSettings, ReplicationState } from './types.ts';

/** The fault budget: power and disk losses are bounded by kspec.faults.*; shutdowns and process crashes are not. */
export function canFail(
  state: ReplicationState,
  broker: number,
  kind: FailureKind,
  settings: ReplicationSettings,
): boolean {
  if (!state.replicas[broker]!.alive) return false;
  if (kind === 'power-loss') return state.powerLossesUsed < settings.powerLossBudget;
  if (kind === 'disk-loss')
    return state.diskLossesUsed < settings.diskLossBudget && !soleCommittedHolder(state, broker);
  return true;
}

/**
 * RP-20's fault assumption: no disk loss on the sole ISR member while another replica holds the
 * committed records. It would come back empty as the only replica eligible and its empty log would
 * win over the copies, whatever the settings (the hole KIP-966's eligible leader replicas close).
 * Losing the only copy (replication factor 1, or data committed by the leader alone) stays possible.
 */
function soleCommittedHolder(state: ReplicationState, broker: number): boolean {
  const committed = state.committed.length;
  if (committed === 0 || state.isr.length !== 1 || state.isr[0] !== broker) return false;
  return state.replicas.some((replica, id) => id !== broker && replica.log.length >= committed);
}

/**
 * RP-16: what each failure leaves on the broker. A clean shutdown flushes first; a process crash
 * keeps every appended byte (the page cache survives); a power loss keeps only the flushed
 * prefix; a disk loss leaves an empty disk (the broker may restart on it, remembering nothing).
 */
export function failedReplica(replica: Replica, kind: FailureKind): Replica {
  switch (kind) {
    case 'clean-shutdown':
      return { ...replica, alive: false, flushed: replica.log.length };
    case 'process-crash':
      return { ...replica, alive: false };
    case 'power-loss': {
      const log = replica.log.slice(0, replica.flushed);
      return { ...replica, alive: false, log, highWatermark: Math.min(replica.highWatermark, log.length) };
    }
    case 'disk-loss':
      return { ...replica, alive: false, gone: true, log: [], flushed: 0, highWatermark: 0 };
  }
}

/**
 * RP-16, RP-12: a broker fails. The controller drops it from the ISR, unless it is the last member
 * (Kafka keeps the last ISR member so that only it can be elected cleanly). If it led, the
 * partition goes offline until ELECT; its pending produces are never answered.
 */
export function failBroker(
  state: ReplicationState,
  broker: number,
  kind: FailureKind,
  settings: ReplicationSettings,
): ReplicationState {
  let next = replaceReplica(state, broker, failedReplica(state.replicas[broker]!, kind));
  next = {
    ...next,
    powerLossesUsed: next.powerLossesUsed + (kind === 'power-loss' ? 1 : 0),
    diskLossesUsed: next.diskLossesUsed + (kind === 'disk-loss' ? 1 : 0),
  };
  if (next.isr.length > 1) next = { ...next, isr: next.isr.filter((member) => member !== broker) };
  if (broker === next.leader) return { ...next, leader: -1, pending: [] };
  return advanceHighWatermark(next, settings);
}

export function canRestart(state: ReplicationState, broker: number): boolean {
  const replica = state.replicas[broker]!;
  return !replica.alive;
}

/** RP-16: a restarted broker recovers its log from disk (what the failure left) and becomes a follower. */
export function restartBroker(
  state: ReplicationState,
  broker: number,
  settings: ReplicationSettings,
): ReplicationState {
  const replica = state.replicas[broker]!;
  return replaceReplica(
    state,
    broker,
    becomeFollower({ ...replica, alive: true, gone: false, remoteLogEndOffset: 0 }, settings),
  );
}

function liveIsrMember(state: ReplicationState): boolean {
  return state.isr.some((member) => state.replicas[member]!.alive);
}

/**
 * RP-12: a clean election may pick a live ISR member. Kafka takes the first such replica in the
 * partition's assignment order; the assignment order is arbitrary, so the model lets the election
 * pick any of them, which covers every order (and makes the brokers interchangeable).
 */
export function cleanCandidate(state: ReplicationState, broker: number): boolean {
  return state.leader < 0 && state.replicas[broker]!.alive && state.isr.includes(broker);
}

/** RP-13: only with unclean.leader.election.enable=true, and only when no ISR member is alive, may an out-of-sync live replica be elected. */
export function uncleanCandidate(
  state: ReplicationState,
  broker: number,
  settings: ReplicationSettings,
): boolean {
  return (
    settings.uncleanLeaderElection &&
    state.leader < 0 &&
    state.replicas[broker]!.alive &&
    !state.isr.includes(broker) &&
    !liveIsrMember(state)
  );
}

/**
 * RP-12, RP-13: the new leader takes epoch + 1 and keeps its log (leaders never truncate); an
 * unclean leader becomes the whole ISR. The others become followers (RP-15) and the new leader
 * knows none of their LEOs yet.
 */
export function electLeader(
  state: ReplicationState,
  broker: number,
  settings: ReplicationSettings,
): ReplicationState {
  const isr = state.isr.includes(broker) ? state.isr : [broker];
  const replicas = state.replicas.map((replica, id) => {
    if (id === broker) return replica;
    const follower = replica.alive ? becomeFollower(replica, settings) : replica;
    return { ...follower, remoteLogEndOffset: 0 };
  });
  const leader = replicas[broker]!;
  return advanceHighWatermark(
    {
      ...state,
      replicas,
      isr,
      leader: broker,
      leaderEpoch: state.leaderEpoch + 1,
      epochStartOffset: logEndOffset(leader),
      epochHighestHighWatermark: leader.highWatermark,
    },
    settings,
  );
}
