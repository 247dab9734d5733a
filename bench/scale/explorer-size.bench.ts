// Scale curve (issue 22 part 5): how the group explorer's time to exhaust grows with members and
// partitions (one thread, default bounds: member ids = members from 3 members on). The 4-member
// instance is measured on 2 worker threads in properties/explore/explore-jobs.bench.ts.
import { explore } from '../../model/explore/explore.ts';
import { loadModel } from '../../model/explore/registry.ts';
import type { BenchFunction, BenchResult } from '../result.ts';

export const bench: BenchFunction = async ({ quick }) => {
  const results: BenchResult[] = [];
  const members = quick ? [1, 2] : [1, 2, 3];
  const partitions = quick ? [1, 2] : [1, 2, 3];
  for (const p of partitions)
    for (const m of members) {
      const { model } = await loadModel('group', { config: {}, members: m, partitions: p });
      const cpu = process.cpuUsage();
      const result = explore(model);
      const used = process.cpuUsage(cpu);
      // CPU time: on a machine shared with other jobs, wall time says more about them than about the model.
      results.push({
        name: `scale: explore group ${m} member(s) ${p} partition(s), CPU time to exhaust`,
        value: (used.user + used.system) / 1e6,
        unit: 'CPU s',
        note: `${result.states.toLocaleString('en-US')} states, ${result.transitions.toLocaleString('en-US')} transitions, depth ${result.depth}, exhausted=${result.exhausted}, ${result.seconds.toFixed(2)} s wall`,
        curve: {
          chart: 'explorer time vs members and partitions',
          series: `${p} partition${p === 1 ? '' : 's'}`,
          xLabel: 'members',
          x: m,
        },
      });
    }
  return results;
};
