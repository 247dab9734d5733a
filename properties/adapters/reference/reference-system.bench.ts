// Simulated events per second through the reference adapter (properties/adapters/reference): a 3-broker cluster, one group of 3
// consumers, 6 partitions, a seeded mixed workload (testing/mixed-workload.ts). Reported on the
// simulated file system (the figure), and on real segment files in a temporary directory with the
// ratio real / simulated (the cost of the real disk path, same run, same events).
import type { BenchFunction, BenchResult } from '../../../bench/result.ts';
import { withRatio } from '../../../bench/result.ts';
import { createReferenceSystem } from './reference-system.ts';
import { mixedWorkload } from './testing/mixed-workload.ts';

async function eventsPerSecond(storage: 'real' | 'simulated', count: number): Promise<number> {
  const events = mixedWorkload(42, count);
  const system = createReferenceSystem({ storage });
  await system.reset({ seed: 42, config: { 'auto.offset.reset': 'earliest', 'enable.auto.commit': true } });
  const started = process.hrtime.bigint();
  for (const [seq, event] of events.entries()) await system.apply(event, seq);
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  await system.close();
  return events.length / elapsedSeconds;
}

export const bench: BenchFunction = async ({ quick }) => {
  const count = quick ? 500 : 10_000;
  await eventsPerSecond('simulated', Math.min(count, 300)); // warm-up (JIT, module loading)
  const simulated = await eventsPerSecond('simulated', count);
  const real = await eventsPerSecond('real', count);
  const results: BenchResult[] = [
    {
      name: 'cluster: simulated events/s (3 brokers, 1 group x 3 consumers, 6 partitions, mixed)',
      value: simulated,
      unit: 'events/s',
      note: `${count} events; simulated file system`,
    },
    withRatio({
      name: 'cluster: same workload on real segment files (adapter default, no OS fsync)',
      value: real,
      unit: 'events/s',
      baseline: simulated,
      note: 'ratio = real disk / simulated file system',
    }),
  ];
  return results;
};
