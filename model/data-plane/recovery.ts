// A restarted broker's replica, opened when the controller first tells the broker about it (as a
// Kafka broker loads its logs at startup): the log is what its disk kept (RP-16); after a power
// loss a disk may also have written back a prefix of the unflushed tail before the power went
// (LG-8, the system's choice, adopted); the HW is the one last checkpointed, capped at the LEO
// (replication-offset-checkpoint); the leader-epoch cache forgets epochs starting at or after the
// LEO (LG-10); the leader knows nothing of its progress yet.
import { logEndOffset, replaceReplica } from '../replication/high-watermark.ts';
import { snapshotsAfterLoad } from '../replication/producer-state.ts';
import { truncateEpochsFromEnd } from './epoch-cache.ts';
import { openedAt } from './log-flusher.ts';
import { type PartitionModel, partitionKey, type World } from './world.ts';

export const recoveryKey = (p: PartitionModel, broker: number): string => `${partitionKey(p)}@${broker}`;

export function openRecoveredReplica(world: World, p: PartitionModel, index: number): void {
  if (!p.recovering[index]) return;
  p.recovering[index] = false;
  const replica = p.state.replicas[index]!;
  const tail = p.lostTails[index]!;
  p.lostTails[index] = [];
  const length = world.choices.recoveredLengths.get(recoveryKey(p, p.brokers[index]!)) ?? 0;
  const kept = tail.slice(0, Math.max(0, Math.min(tail.length, length - replica.log.length)));
  const log = replica.log.concat(kept);
  const end = log.length;
  p.state = replaceReplica(p.state, index, {
    ...replica,
    log,
    // IP-6: loading the log ends with a producer snapshot at its end (UnifiedLog.rebuildProducerState).
    producerSnapshots: snapshotsAfterLoad(replica.producerSnapshots, end),
    flushed: kept.length > 0 ? end : replica.flushed,
    highWatermark: Math.min(p.checkpointedHighWatermark[index]!, end),
    remoteLogEndOffset: 0,
  });
  p.epochCaches[index] = truncateEpochsFromEnd(p.epochCaches[index]!, logEndOffset(p.state.replicas[index]!));
  // LocalLog starts its last flush time when the log is opened.
  p.lastFlush[index] = openedAt(p.state.replicas[index]!.flushed, world.nowMs);
}
