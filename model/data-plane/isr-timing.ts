// When a lagging follower leaves the ISR is open (RP-6 fixes the condition, not the moment: Kafka
// checks every replica.lag.time.max.ms / 2 from each broker's own start). So where the system's
// ISR differs from the model's only by followers that lag (not caught up with the leader's LEO for
// longer than the limit), the model takes the system's ISR at the end of the event; any other
// follower missing from, or kept in, the ISR breaks RP-6 or RP-7.
import type { Disallowed } from '../../spec/oracle.ts';
import type { PartitionSnapshot } from '../../spec/state.ts';
import { logEndOffset } from '../replication/high-watermark.ts';
import type { PartitionModel, World } from './world.ts';
import { asLeader } from './zombie.ts';

/** RP-6: whether the leader may drop follower `index` now (Replica.isCaughtUp does not hold). */
export function lagging(world: World, p: PartitionModel, index: number): boolean {
  const leader = p.state.leader;
  if (leader < 0 || index === leader) return false;
  const leo = logEndOffset(p.state.replicas[leader]!);
  const caughtUpByOffset = p.fetched[index] && p.state.replicas[index]!.remoteLogEndOffset === leo;
  return (
    !caughtUpByOffset && world.nowMs - p.clocks[index]!.lastCaughtUpTimeMs > world.config.replicaLagTimeMaxMs
  );
}

/**
 * The system's ISR for `p` when it differs from the model's only in lagging followers (as broker
 * ids, to adopt), or the rule it breaks; undefined when they agree or differ otherwise.
 */
export function isrTiming(
  world: World,
  p: PartitionModel,
  seen: PartitionSnapshot,
  /** The ISR (broker ids) before the event: only a follower that was in it can still be in it. */
  before: readonly number[],
): { adopt: number[] } | { disallowed: Disallowed } | undefined {
  const mine = p.state.isr.map((i) => p.brokers[i]!);
  if (seen.leader === null || seen.leader !== p.brokers[p.state.leader] || seen.isr.join() === mine.join())
    return undefined;
  const changed = [
    ...mine.filter((b) => !seen.isr.includes(b)),
    ...seen.isr.filter((b) => !mine.includes(b)),
  ];
  const steady = changed.filter(
    (b) =>
      (!mine.includes(b) && !before.includes(b)) ||
      !asLeader(p, p.state.leader, () => lagging(world, p, p.brokers.indexOf(b))),
  );
  if (steady.length === 0) return { adopt: [...seen.isr] };
  const dropped = steady.filter((b) => mine.includes(b));
  return {
    disallowed: {
      rule: dropped.length > 0 ? 'RP-6' : 'RP-7',
      message:
        dropped.length > 0
          ? `${p.topic}-${p.partition}: broker ${dropped.join(', ')} left the ISR while caught up with the leader`
          : `${p.topic}-${p.partition}: broker ${steady.join(', ')} is in the ISR without having caught up`,
    },
  };
}
