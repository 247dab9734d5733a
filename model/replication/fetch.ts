// A follower's fetch from the leader (ReplicaFetcherThread, Partition.updateFollowerFetchState,
// Partition.maybeExpandIsr) and follower truncation (KIP-101/279/320, or pre-KIP-101 to the HW).
import { advanceHighWatermark, logEndOffset, replaceReplica } from './high-watermark.ts';
import { appendEntries } from './produce.ts';
import { snapshotsAfterTruncation } from './producer-state.ts';
import type { Entry, Replica, ReplicationSettings, ReplicationState } from './types.ts';

/** Where two logs agree: the length of their common prefix by (epoch, value) per offset. */
export function divergenceOffset(follower: readonly Entry[], leader: readonly Entry[]): number {
  const length = Math.min(follower.length, leader.length);
  for (let offset = 0; offset < length; offset++) {
    const mine = follower[offset]!;
    const theirs = leader[offset]!;
    if (mine.epoch !== theirs.epoch || mine.value !== theirs.value) return offset;
  }
  return length;
}

export function truncateTo(replica: Replica, length: number): Replica {
  if (length >= replica.log.length) return replica;
  return {
    ...replica,
    log: replica.log.slice(0, length),
    producerSnapshots: snapshotsAfterTruncation(replica.producerSnapshots, length),
    flushed: Math.min(replica.flushed, length),
    highWatermark: Math.min(replica.highWatermark, length),
  };
}

/**
 * RP-14: leader-epoch truncation. The follower asks for the end offset of its last epoch and cuts
 * there, repeating while epochs differ; since one leader writes each (epoch, offset), that ends
 * exactly where the two logs stop agreeing, which is never below a committed offset.
 * RP-15 (known-bad switch): pre-KIP-101 followers instead truncated to their own HW when becoming
 * follower (see `becomeFollower`) and fetched from their LEO without comparing epochs; a LEO beyond
 * the leader's is cut back to it (OFFSET_OUT_OF_RANGE handling).
 */
function truncateForFetch(follower: Replica, leader: Replica, settings: ReplicationSettings): Replica {
  if (settings.truncation === 'leader-epoch')
    return truncateTo(follower, divergenceOffset(follower.log, leader.log));
  return truncateTo(follower, Math.min(logEndOffset(follower), logEndOffset(leader)));
}

/** RP-15: what a replica does on becoming a follower (restart, or a new leader elected). */
export function becomeFollower(replica: Replica, settings: ReplicationSettings): Replica {
  return settings.truncation === 'high-watermark' ? truncateTo(replica, replica.highWatermark) : replica;
}

/** RP-7: a follower is back in sync once its LEO reaches the leader's HW and the start of the leader's epoch. */
export function caughtUpForIsr(state: ReplicationState, followerEnd: number): boolean {
  const leader = state.replicas[state.leader]!;
  return followerEnd >= leader.highWatermark && followerEnd >= state.epochStartOffset;
}

export function canFetch(state: ReplicationState, broker: number): boolean {
  if (state.leader < 0 || broker === state.leader) return false;
  return state.replicas[broker]!.alive && state.replicas[state.leader]!.alive;
}

/**
 * RP-5: one fetch round: truncate if needed (RP-14/15); the leader records the fetch offset as the
 * follower's LEO, may add it to the ISR (RP-7) and advance its HW (RP-2); the response carries the
 * records from the fetch offset and the leader's HW, which the follower takes as
 * min(leader HW, own LEO). The HW the follower learns therefore lags the leader's by one round.
 */
export function followerFetch(
  state: ReplicationState,
  broker: number,
  settings: ReplicationSettings,
): ReplicationState {
  const leader = state.replicas[state.leader]!;
  const follower = truncateForFetch(state.replicas[broker]!, leader, settings);
  const fetchOffset = logEndOffset(follower);
  let next = replaceReplica(state, broker, { ...follower, remoteLogEndOffset: fetchOffset });
  if (!next.isr.includes(broker) && caughtUpForIsr(next, fetchOffset))
    next = { ...next, isr: [...next.isr, broker].sort((a, b) => a - b) };
  next = advanceHighWatermark(next, settings);
  const leaderAfter = next.replicas[next.leader]!;
  const fetched = appendEntries(next.replicas[broker]!, leaderAfter.log.slice(fetchOffset), settings);
  const highWatermark = Math.min(leaderAfter.highWatermark, logEndOffset(fetched));
  return replaceReplica(next, broker, { ...fetched, highWatermark });
}

/** RP-6: a follower that has not caught up to the leader's LEO within replica.lag.time.max.ms may be dropped. */
export function canLagOut(state: ReplicationState, broker: number): boolean {
  if (state.leader < 0 || broker === state.leader || !state.isr.includes(broker)) return false;
  const leader = state.replicas[state.leader]!;
  return leader.alive && state.replicas[broker]!.remoteLogEndOffset < logEndOffset(leader);
}

/** RP-6: the leader shrinks the ISR; the HW may then advance (Partition.maybeShrinkIsr). */
export function lagOut(
  state: ReplicationState,
  broker: number,
  settings: ReplicationSettings,
): ReplicationState {
  return advanceHighWatermark({ ...state, isr: state.isr.filter((member) => member !== broker) }, settings);
}
