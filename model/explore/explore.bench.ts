// Explorer throughput: distinct states/s and transitions/s on the replication model (safe profile),
// the XState engine against the compiled step, and the time to exhaust the group model with 3
// members and 2 partitions. Baseline: a bare breadth-first search (Map + array, string keys) over a
// trivial grid model in the same run, i.e. the cost of exploring with no model behind it.
import type { BenchFunction, BenchResult } from '../../bench/result.ts';
import { withRatio } from '../../bench/result.ts';
import { explore } from './explore.ts';
import { loadModel } from './registry.ts';

/** Issue 22: distinct states per second of the group explorer on one core. */
const GROUP_TARGET = 100_000;

function bareBreadthFirst(size: number): number {
  const started = performance.now();
  const seen = new Map<string, number>([['0,0', 0]]);
  let frontier: [number, number][] = [[0, 0]];
  while (frontier.length > 0) {
    const next: [number, number][] = [];
    for (const [x, y] of frontier) {
      for (const [nx, ny] of [
        [x + 1, y],
        [x, y + 1],
      ] as const) {
        if (nx >= size || ny >= size) continue;
        const key = `${nx},${ny}`;
        if (seen.has(key)) continue;
        seen.set(key, seen.size);
        next.push([nx, ny]);
      }
    }
    frontier = next;
  }
  return seen.size / ((performance.now() - started) / 1000);
}

export const bench: BenchFunction = async ({ quick }) => {
  const results: BenchResult[] = [];
  const baseline = bareBreadthFirst(quick ? 300 : 1000);
  const writes = quick ? 1 : 2;
  const safe = { 'min.insync.replicas': 2 };
  const cpuBefore = process.cpuUsage();
  const direct = explore((await loadModel('replication', { config: safe, writes })).model);
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const note = `replication, safe profile, 3 replicas, ${writes} write(s): ${direct.states} states, ${direct.transitions} transitions, exhausted=${direct.exhausted}`;
  results.push(
    withRatio({
      name: 'explore replication states/s',
      value: direct.statesPerSecond,
      unit: 'states/s',
      baseline,
      note: `${note}; baseline: bare BFS over a grid`,
    }),
    {
      name: 'explore replication transitions/s',
      value: direct.transitions / direct.seconds,
      unit: 'transitions/s',
      note: 'TLC counts these as states generated',
    },
    {
      name: 'explore replication states per CPU second',
      value: direct.states / cpuSeconds,
      unit: 'states/cpu-s',
      note: 'process CPU time (user + system): steadier than wall time on a shared machine',
    },
  );
  const xstate = explore(
    (await loadModel('replication', { config: safe, writes: 1, engine: 'xstate' })).model,
  );
  const directSmall = explore((await loadModel('replication', { config: safe, writes: 1 })).model);
  results.push(
    withRatio({
      name: 'explore replication states/s, XState transition() engine',
      value: xstate.statesPerSecond,
      unit: 'states/s',
      baseline: directSmall.statesPerSecond,
      note: 'baseline: the compiled step on the same model (1 write)',
    }),
  );
  // The time to exhaust the group model with 3 members and 2 partitions at its default bounds, and
  // the 2-member model with a fresh join after a crash or leave (--max-member-ids 4); baseline:
  // the bare BFS's states/s from the start of this run.
  for (const [members, maxMemberIds] of [
    [3, undefined],
    [2, 4],
  ] as const) {
    const group = (
      await loadModel('group', {
        config: {},
        members,
        partitions: 2,
        ...(maxMemberIds === undefined ? {} : { maxMemberIds }),
      })
    ).model;
    const groupCpuBefore = process.cpuUsage();
    const result = explore(group);
    const groupCpu = process.cpuUsage(groupCpuBefore);
    const label = `explore group ${members} members 2 partitions${maxMemberIds === undefined ? '' : `, ${maxMemberIds} member ids`}`;
    const note = `${group.name}: ${result.states} states, ${result.transitions} transitions, depth ${result.depth}, exhausted=${result.exhausted}, violations=${result.violations.length}, CPU ${((groupCpu.user + groupCpu.system) / 1e6).toFixed(2)} s`;
    results.push(
      { name: `${label}: time to exhaust`, value: result.seconds, unit: 's', note },
      withRatio({
        name: `${label}: states/s`,
        value: result.statesPerSecond,
        unit: 'states/s',
        baseline,
        note: 'baseline: bare BFS over a grid',
      }),
    );
  }
  // Issue 22's target, on a search long enough that warming up does not decide it: the first
  // 100,000 states of group 4 members x 3 partitions (2,000 in a quick run).
  const big = (await loadModel('group', { config: {}, members: 4, partitions: 3 })).model;
  const bigCpuBefore = process.cpuUsage();
  const bigResult = explore(big, { maxStates: quick ? 2_000 : 100_000 });
  const bigCpu = process.cpuUsage(bigCpuBefore);
  const bigCpuSeconds = (bigCpu.user + bigCpu.system) / 1e6;
  results.push(
    withRatio({
      name: "explore group 4 members 3 partitions: states/s against issue 22's target",
      value: bigResult.statesPerSecond,
      unit: 'states/s',
      baseline: GROUP_TARGET,
      note: `${big.name}, first ${bigResult.states.toLocaleString('en-US')} states (${bigResult.transitions.toLocaleString('en-US')} transitions), CPU ${bigCpuSeconds.toFixed(2)} s, ${Math.round(bigResult.states / bigCpuSeconds).toLocaleString('en-US')} states per CPU second; baseline: the target, >= ${GROUP_TARGET.toLocaleString('en-US')} distinct states/s on one core (ratio >= 1 meets it)`,
    }),
  );
  return results;
};
