// Within one leader epoch, the leader's high watermark never goes back. A leader whose process is
// down but not yet fenced (RP-25) shows no HW (-1): nobody can read it until the controller fences
// the broker and elects another leader in a new epoch, so an unknown HW is no step back.
import type { StateInvariant } from './invariant.ts';

export const highWatermarkMonotonic: StateInvariant = {
  name: 'high-watermark-monotonic',
  check(state, previous) {
    if (!previous) return undefined;
    for (const p of state.partitions) {
      const before = previous.partitions.find((q) => q.topic === p.topic && q.partition === p.partition);
      if (!before || before.leader === null || p.leader === null || before.leaderEpoch !== p.leaderEpoch)
        continue;
      if (p.highWatermark === -1 || before.highWatermark === -1) continue;
      if (p.highWatermark < before.highWatermark)
        return `${p.topic}-${p.partition}: high watermark went from ${before.highWatermark} to ${p.highWatermark} in epoch ${p.leaderEpoch}`;
    }
    return undefined;
  },
};
