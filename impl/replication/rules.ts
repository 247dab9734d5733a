// Replication decisions as pure functions (Partition.scala, AbstractFetcherThread.scala): the
// replica state machine calls them and does the I/O. Each names the Kafka rule it follows.
import type { EpochEnd } from './partition-store.ts';

/** What the leader knows about one follower. */
export interface FollowerProgress {
  readonly broker: number;
  /** The follower's log end offset as of its last fetch (its fetch offset), -1 when unknown. */
  readonly logEndOffset: number;
  /** Last time the follower was caught up to the leader's LEO (Replica.lastCaughtUpTimeMs). */
  readonly lastCaughtUpTimeMs: number;
  /** The leader's LEO and the time at the follower's previous fetch. */
  readonly lastFetchLeaderEndOffset: number;
  readonly lastFetchTimeMs: number;
  /** The broker epoch the follower's last fetch in this term carried; null before any (Optional.empty). */
  readonly brokerEpoch: number | null;
}

/** Replica.resetReplicaState: a follower outside the ISR when a term starts has never caught up in it. */
export const NEVER_CAUGHT_UP = Number.NEGATIVE_INFINITY;

/**
 * The effective minimum ISR (Partition.effectiveMinIsr, KAFKA-15583): min.insync.replicas capped
 * at the partition's replica count. It gates acks=all appends, their completion and the HW.
 */
export function effectiveMinIsr(minInsyncReplicas: number, replicaCount: number): number {
  return Math.min(minInsyncReplicas, replicaCount);
}

/**
 * Replica.isCaughtUp: the follower's last fetch was at the leader's LEO, or it was caught up within
 * replica.lag.time.max.ms.
 */
export function isCaughtUp(
  progress: FollowerProgress,
  leaderEndOffset: number,
  nowMs: number,
  lagTimeMaxMs: number,
): boolean {
  return progress.logEndOffset === leaderEndOffset || nowMs - progress.lastCaughtUpTimeMs <= lagTimeMaxMs;
}

/**
 * Leader HW: the minimum LEO over the followers it waits for (the ISR's, and those of caught-up,
 * eligible followers outside it) and its own; it never moves backwards and does not advance
 * while the ISR is smaller than the effective minimum ISR (Partition.maybeIncrementLeaderHW).
 */
export function nextHighWatermark(input: {
  current: number;
  leaderEndOffset: number;
  followerEnds: readonly number[];
  isrSize: number;
  minInsyncReplicas: number;
  replicaCount: number;
}): number {
  if (input.isrSize < effectiveMinIsr(input.minInsyncReplicas, input.replicaCount)) return input.current;
  const candidate = Math.min(input.leaderEndOffset, ...input.followerEnds);
  return Math.max(input.current, candidate);
}

/** Follower HW: the leader's HW from the last fetch, capped at the follower's own LEO. */
export function followerHighWatermark(leaderHighWatermark: number, ownEndOffset: number): number {
  return Math.min(leaderHighWatermark, ownEndOffset);
}

/** ISR members (not the leader) that have not caught up within replica.lag.time.max.ms. */
export function laggingFollowers(
  isr: readonly number[],
  leader: number,
  progress: ReadonlyMap<number, FollowerProgress>,
  nowMs: number,
  lagTimeMaxMs: number,
): number[] {
  return isr.filter((broker) => {
    if (broker === leader) return false;
    const follower = progress.get(broker);
    return !follower || nowMs - follower.lastCaughtUpTimeMs > lagTimeMaxMs;
  });
}

/**
 * A follower re-enters the ISR once its LEO reached the leader's HW and the start offset of the
 * leader's current epoch (so it holds everything this leader's term may have acknowledged).
 */
export function canJoinIsr(
  followerEndOffset: number,
  leaderHighWatermark: number,
  leaderEpochStartOffset: number,
): boolean {
  return followerEndOffset >= leaderHighWatermark && followerEndOffset >= leaderEpochStartOffset;
}

/**
 * Fetch with lastFetchedEpoch (KIP-320/595): the leader reports a diverging epoch when the
 * follower's last epoch ends earlier in the leader's log than the fetch offset, or the leader does
 * not know that epoch.
 */
export function divergingEpoch(
  fetchOffset: number,
  lastFetchedEpoch: number,
  leaderEnd: EpochEnd,
): EpochEnd | undefined {
  if (lastFetchedEpoch < 0) return undefined;
  if (leaderEnd.endOffset < fetchOffset || leaderEnd.epoch < lastFetchedEpoch) return leaderEnd;
  return undefined;
}

/**
 * Where a follower truncates after a diverging epoch (getOffsetTruncationState): where both logs
 * agree on the epoch, never beyond its own LEO. A leader that does not know the epoch at all
 * makes the follower fall back to its high watermark.
 */
export function truncationOffset(input: {
  leaderEnd: EpochEnd;
  followerEndForLeaderEpoch: EpochEnd;
  followerEndOffset: number;
  followerHighWatermark: number;
}): number {
  const { leaderEnd, followerEndForLeaderEpoch, followerEndOffset } = input;
  if (leaderEnd.endOffset < 0) return Math.min(input.followerHighWatermark, followerEndOffset);
  if (followerEndForLeaderEpoch.endOffset < 0) return Math.min(leaderEnd.endOffset, followerEndOffset);
  if (followerEndForLeaderEpoch.epoch !== leaderEnd.epoch)
    return Math.min(followerEndForLeaderEpoch.endOffset, followerEndOffset);
  return Math.min(leaderEnd.endOffset, followerEndForLeaderEpoch.endOffset, followerEndOffset);
}

/** A request's leader epoch against the replica's: older is fenced, newer is not yet known here. */
export function checkLeaderEpoch(
  requestEpoch: number | undefined,
  currentEpoch: number,
): 'ok' | 'FENCED_LEADER_EPOCH' | 'UNKNOWN_LEADER_EPOCH' {
  if (requestEpoch === undefined || requestEpoch < 0) return 'ok';
  if (requestEpoch < currentEpoch) return 'FENCED_LEADER_EPOCH';
  if (requestEpoch > currentEpoch) return 'UNKNOWN_LEADER_EPOCH';
  return 'ok';
}
