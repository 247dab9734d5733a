// A leader is a live member of its ISR; with unclean election off, a new leader comes from the
// previous ISR (an out-of-sync replica is never elected silently).
import { booleanSetting } from '../../spec/config.ts';
import type { StateInvariant } from './invariant.ts';

export const leaderInIsr: StateInvariant = {
  name: 'leader-in-isr',
  check(state, previous, config) {
    const unclean = booleanSetting(config, 'unclean.leader.election.enable');
    for (const p of state.partitions) {
      if (p.leader === null) continue;
      if (!p.isr.includes(p.leader))
        return `${p.topic}-${p.partition}: leader ${p.leader} not in ISR [${p.isr.join(',')}]`;
      const before = previous?.partitions.find((q) => q.topic === p.topic && q.partition === p.partition);
      if (!unclean && before && before.leaderEpoch !== p.leaderEpoch && !before.isr.includes(p.leader))
        return `${p.topic}-${p.partition}: broker ${p.leader} elected in epoch ${p.leaderEpoch} though not in the ISR [${before.isr.join(',')}] (unclean election is off)`;
    }
    return undefined;
  },
};
