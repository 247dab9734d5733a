// The leader's high watermark in a cluster (RP-2): model/replication's advanceHighWatermark over
// the ISR and the followers outside it that Kafka's leader also waits for, which takes time and
// broker state the single-partition model does not have.
import { advanceHighWatermark, logEndOffset } from '../replication/high-watermark.ts';
import type { PartitionModel, World } from './world.ts';

/**
 * RP-2: the followers outside the ISR the leader's HW waits for (Partition.maybeIncrementLeaderHW):
 * caught up (Replica.isCaughtUp: its last fetch was at the leader's LEO, or it was caught up within
 * replica.lag.time.max.ms) and eligible to rejoin the ISR (Partition.isReplicaIsrEligible: its
 * broker is not fenced or shutting down, and its last fetch carried the broker's current epoch).
 */
export function caughtUpOutsideIsr(world: World, p: PartitionModel): number[] {
  const leader = p.state.leader;
  if (leader < 0) return [];
  const leo = logEndOffset(p.state.replicas[leader]!);
  const waitFor: number[] = [];
  for (let i = 0; i < p.brokers.length; i++) {
    if (i === leader || p.state.isr.includes(i) || !p.fetched[i]) continue;
    const broker = world.brokers[p.brokers[i]!]!;
    const clock = p.clocks[i]!;
    if (broker.fenced || clock.brokerEpoch !== broker.epoch) continue;
    const caughtUp =
      p.state.replicas[i]!.remoteLogEndOffset === leo ||
      world.nowMs - clock.lastCaughtUpTimeMs <= world.config.replicaLagTimeMaxMs;
    if (caughtUp) waitFor.push(i);
  }
  return waitFor;
}

/** RP-2, RP-3, RP-11: the leader (the controller's, or a zombie inside asLeader) recomputes its HW. */
export function advanceLeaderHighWatermark(world: World, p: PartitionModel): void {
  p.state = advanceHighWatermark(p.state, p.settings, caughtUpOutsideIsr(world, p));
}
