// The reference cluster as a system without snapshots: it answers replicas() (its Metadata view)
// only, standing in for a cluster over the wire in tests of what runs do without inspect().
import type { SystemUnderTest } from '../../../../spec/sut.ts';

export function withoutSnapshots(system: SystemUnderTest): SystemUnderTest {
  return {
    capabilities: async () => ({ ...(await system.capabilities()), inspect: false }),
    reset: (setup) => system.reset(setup),
    apply: (event, seq) => system.apply(event, seq),
    replicas: () => system.replicas!(),
    close: () => system.close(),
  };
}
