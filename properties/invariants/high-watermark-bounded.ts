// The leader's high watermark never exceeds the log end offset of a live ISR member: consumers may
// only see what every in-sync replica has. A replica whose log is not open (log end -1: its process
// restarted but its broker has not registered again, RP-25) holds nothing to compare.
import type { StateInvariant } from './invariant.ts';

export const highWatermarkBounded: StateInvariant = {
  name: 'high-watermark-bounded',
  check(state) {
    for (const p of state.partitions) {
      if (p.leader === null) continue;
      for (const replica of p.replicaStates)
        if (
          replica.alive &&
          replica.logEndOffset >= 0 &&
          p.isr.includes(replica.broker) &&
          p.highWatermark > replica.logEndOffset
        )
          return `${p.topic}-${p.partition}: high watermark ${p.highWatermark} above ISR member ${replica.broker}'s log end ${replica.logEndOffset}`;
    }
    return undefined;
  },
};
