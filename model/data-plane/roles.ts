// What a broker does with the controller's word about a partition (LeaderAndIsr / the KRaft
// partition record): open its replica if needed, then lead (a new term: its epoch starts at its
// LEO, every follower's lag clock starts now, it knows none of their LEOs) or follow (RP-15 under
// the known-bad switch: truncate to its own HW). Stale news (an older epoch) is ignored.
import { becomeFollower } from '../replication/fetch.ts';
import { logEndOffset, replaceReplica } from '../replication/high-watermark.ts';
import { assignEpoch } from './epoch-cache.ts';
import { advanceLeaderHighWatermark } from './high-watermark.ts';
import { openRecoveredReplica } from './recovery.ts';
import { NEVER_CAUGHT_UP, type PartitionModel, type PartitionView, type World } from './world.ts';

export function roleOf(p: PartitionModel, index: number): 'leader' | 'follower' | 'offline' | 'closed' {
  const view = p.views[p.brokers[index]!];
  if (!view) return 'closed';
  if (view.leader === null) return 'offline';
  return view.leader === p.brokers[index] ? 'leader' : 'follower';
}

/** The controller's current word on `p`. */
export function controllerView(p: PartitionModel): PartitionView {
  const { state } = p;
  return {
    leader: state.leader < 0 ? null : p.brokers[state.leader]!,
    leaderEpoch: state.leaderEpoch,
    isr: state.isr.map((i) => p.brokers[i]!),
  };
}

/**
 * Broker `broker` (running, reachable from the controller) learns the controller's view; if it
 * holds a replica of `p` it opens it and takes its role.
 */
export function applyView(world: World, p: PartitionModel, broker: number): void {
  const nowMs = world.nowMs;
  const view = controllerView(p);
  const index = p.brokers.indexOf(broker);
  if (index < 0) {
    p.views[broker] = view;
    return;
  }
  const before = p.views[broker] ?? null;
  const wasRole = roleOf(p, index);
  if (wasRole === 'closed') openRecoveredReplica(world, p, index);
  p.views[broker] = view;
  p.zombies.delete(index); // it has heard from the controller
  if (before && view.leaderEpoch < before.leaderEpoch) return;
  if (view.leader === broker) {
    const newTerm = wasRole !== 'leader' || view.leaderEpoch > (before?.leaderEpoch ?? -1);
    if (newTerm) startTerm(p, index, nowMs);
    advanceLeaderHighWatermark(world, p);
    return;
  }
  if (view.leader === null) return;
  const newLeader =
    wasRole !== 'follower' ||
    view.leaderEpoch > (before?.leaderEpoch ?? -1) ||
    before?.leader !== view.leader;
  if (!newLeader) return;
  const replica = becomeFollower(p.state.replicas[index]!, p.settings);
  if (replica !== p.state.replicas[index]) truncateCache(p, index, logEndOffset(replica));
  p.state = replaceReplica(p.state, index, {
    ...replica,
    highWatermark: Math.min(replica.highWatermark, logEndOffset(replica)),
  });
}

function startTerm(p: PartitionModel, index: number, nowMs: number): void {
  const leo = logEndOffset(p.state.replicas[index]!);
  p.epochCaches[index] = assignEpoch(p.epochCaches[index]!, p.state.leaderEpoch, leo);
  p.state = { ...p.state, epochStartOffset: leo };
  // Replica.resetReplicaState: ISR members start caught up now, the others never caught up (so
  // the HW does not wait for them before they catch up, RP-2); no follower has fetched yet.
  p.clocks = p.clocks.map((_, i) => ({
    lastCaughtUpTimeMs: p.state.isr.includes(i) ? nowMs : NEVER_CAUGHT_UP,
    lastFetchLeaderEndOffset: -1,
    lastFetchTimeMs: nowMs,
    brokerEpoch: -1,
  }));
  p.fetched = p.fetched.map(() => false);
  p.state = {
    ...p.state,
    replicas: p.state.replicas.map((r, i) => (i === index ? r : { ...r, remoteLogEndOffset: 0 })),
  };
}

function truncateCache(p: PartitionModel, index: number, endOffset: number): void {
  p.epochCaches[index] = p.epochCaches[index]!.filter((e) => e.startOffset < endOffset);
}
