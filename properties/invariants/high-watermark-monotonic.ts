// Within one leader epoch, the leader's high watermark never goes back.
import type { StateInvariant } from './invariant.ts';

export const highWatermarkMonotonic: StateInvariant = {
  name: 'high-watermark-monotonic',
  check(state, previous) {
    if (!previous) return undefined;
    for (const p of state.partitions) {
      const before = previous.partitions.find((q) => q.topic === p.topic && q.partition === p.partition);
      if (!before || before.leader === null || p.leader === null || before.leaderEpoch !== p.leaderEpoch)
        continue;
      if (p.highWatermark < before.highWatermark)
        return `${p.topic}-${p.partition}: high watermark went from ${before.highWatermark} to ${p.highWatermark} in epoch ${p.leaderEpoch}`;
    }
    return undefined;
  },
};
