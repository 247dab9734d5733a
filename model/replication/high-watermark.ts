// The leader's high watermark and the history it feeds (committed records, RP-3's highest HW).
import { effectiveMinIsr } from './min-isr.ts';
import type { Replica, ReplicationSettings, ReplicationState } from './types.ts';

export function logEndOffset(replica: Replica): number {
  return replica.log.length;
}

export function replaceReplica(state: ReplicationState, broker: number, replica: Replica): ReplicationState {
  const replicas = state.replicas.slice();
  replicas[broker] = replica;
  return { ...state, replicas };
}

/**
 * RP-2, RP-11: the leader's HW becomes the smallest LEO the leader knows of among the ISR (its own
 * LEO, the followers' last fetch offsets) and `caughtUp`, the followers outside the ISR that are
 * caught up and eligible to rejoin it (Partition.maybeIncrementLeaderHW; the caller decides them,
 * since that needs time and broker state); only upwards (RP-3), and not at all while the ISR is
 * smaller than min(min.insync.replicas, replica count). Records newly below the HW are committed.
 */
export function advanceHighWatermark(
  state: ReplicationState,
  settings: ReplicationSettings,
  caughtUp: readonly number[] = [],
): ReplicationState {
  if (state.leader < 0) return state;
  const leader = state.replicas[state.leader]!;
  if (!leader.alive) return state;
  if (state.isr.length < effectiveMinIsr(settings)) return state;
  let candidate = logEndOffset(leader);
  for (const member of [...state.isr, ...caughtUp]) {
    if (member === state.leader) continue;
    candidate = Math.min(candidate, state.replicas[member]!.remoteLogEndOffset);
  }
  if (candidate <= leader.highWatermark) return state;
  const next = replaceReplica(state, state.leader, { ...leader, highWatermark: candidate });
  return recordCommitted(next, leader.log, candidate);
}

// History for RP-19: the first value ever seen below a leader HW at each offset (a later, different
// value there is exactly what the invariant reports).
function recordCommitted(
  state: ReplicationState,
  log: ReplicationState['replicas'][number]['log'],
  highWatermark: number,
): ReplicationState {
  const committed = state.committed.slice();
  for (let offset = committed.length; offset < highWatermark; offset++) committed.push(log[offset]!.value);
  return {
    ...state,
    committed,
    epochHighestHighWatermark: Math.max(state.epochHighestHighWatermark, highWatermark),
  };
}
