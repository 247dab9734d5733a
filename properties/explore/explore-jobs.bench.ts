// `kspec explore --jobs N` figures (issue 22 part 2), all from the same run:
// - the speed-up of 2 worker threads over the one-thread explorer on the group model (4 members,
//   3 partitions, its first 100,000 states: large enough that starting two workers, about a CPU
//   second, does not decide it), both runs ending in the same states and transitions (checked here);
// - the bigger group instance, 4 members and 3 partitions, exhausted on 2 worker threads: states and
//   time (target < 60 s on 2 cores);
// - the replication model with 3 replicas and 3 writes (safe profile) on 2 worker threads, within a
//   states bound: whether it exhausts (ratio 1), and at what rate.
// The machine may be shared: wall-time speed-ups are only meaningful with two idle cores, so each
// row also reports the process CPU seconds (worker threads included).
import type { BenchFunction, BenchResult } from '../../bench/result.ts';
import { withRatio } from '../../bench/result.ts';
import { coverageUniverse } from '../../model/explore/coverage.ts';
import { type ExploreResult, explore } from '../../model/explore/explore.ts';
import { loadModel, type ModelName, type ModelOptions } from '../../model/explore/registry.ts';
import { exploreSharded } from '../../model/explore/sharded.ts';
import { workerShards } from './worker-shards.ts';

interface Timed {
  readonly result: ExploreResult;
  readonly cpuSeconds: number;
}

async function run(name: ModelName, options: ModelOptions, jobs: number, maxStates?: number): Promise<Timed> {
  const loaded = await loadModel(name, options);
  const universe = loaded.machines.length > 0 ? coverageUniverse(loaded.machines) : undefined;
  const bounds = { ...(maxStates ? { maxStates } : {}), ...(universe ? { coverage: universe } : {}) };
  const cpu = process.cpuUsage();
  let result: ExploreResult;
  if (jobs === 1) result = explore(loaded.model, bounds);
  else {
    const workers = workerShards(name, options, jobs, universe);
    try {
      result = await exploreSharded(loaded.model, workers.shards, bounds);
    } finally {
      await workers.close();
    }
  }
  const used = process.cpuUsage(cpu);
  return { result, cpuSeconds: (used.user + used.system) / 1e6 };
}

const describe = ({ result, cpuSeconds }: Timed) =>
  `${result.states.toLocaleString('en-US')} states, ${result.transitions.toLocaleString('en-US')} transitions, exhausted=${result.exhausted}, violations=${result.violations.length}, ${result.seconds.toFixed(1)} s wall, CPU ${cpuSeconds.toFixed(1)} s`;

/** Issue 22's bounds for the bigger instance and for the replication model's states. */
const BIG_GROUP_TARGET_SECONDS = 60;
const SPEED_UP_STATES = 100_000;
const REPLICATION_MAX_STATES = 2_000_000;

export const bench: BenchFunction = async ({ quick }) => {
  const results: BenchResult[] = [];
  const group = { config: {}, members: quick ? 3 : 4, partitions: quick ? 1 : 3 };
  const bound = quick ? undefined : SPEED_UP_STATES;
  const one = await run('group', group, 1, bound);
  const two = await run('group', group, 2, bound);
  if (one.result.states !== two.result.states || one.result.transitions !== two.result.transitions)
    throw new Error(`--jobs 2 found ${describe(two)}, one thread ${describe(one)}`);
  const instance = `group ${group.members} members ${group.partitions} partitions${bound ? `, first ${bound.toLocaleString('en-US')} states` : ''}`;
  results.push(
    withRatio({
      name: `explore --jobs 2: ${instance}, speed-up`,
      value: one.result.seconds / two.result.seconds,
      unit: 'x',
      baseline: 1,
      note: `wall time of one thread over 2 jobs; one thread: ${describe(one)}; 2 jobs: ${describe(two)}; target > 1 on 2 cores (ideal 2); only meaningful with two idle cores`,
    }),
    withRatio({
      name: `explore --jobs 2: ${instance}, CPU cost`,
      value: two.cpuSeconds,
      unit: 'cpu-s',
      baseline: one.cpuSeconds,
      note: 'process CPU seconds of 2 jobs (worker threads included) over one thread: the work the sharding adds (ideal 1; the wall-time speed-up on two idle cores is at most 2 / this ratio)',
    }),
  );
  if (quick) return results;
  const big = await run('group', { config: {}, members: 4, partitions: 3 }, 2);
  results.push(
    withRatio({
      name: 'explore --jobs 2: group 4 members 3 partitions, time to exhaust',
      value: big.result.seconds,
      unit: 's',
      baseline: BIG_GROUP_TARGET_SECONDS,
      note: `${describe(big)}, ${Math.round(big.result.statesPerSecond).toLocaleString('en-US')} states/s; baseline: the target, < ${BIG_GROUP_TARGET_SECONDS} s on 2 cores (ratio <= 1 meets it)`,
    }),
  );
  const replication = await run(
    'replication',
    { config: { 'min.insync.replicas': 2 }, replicas: 3, writes: 3 },
    2,
    REPLICATION_MAX_STATES,
  );
  results.push(
    withRatio({
      name: 'explore --jobs 2: replication 3 replicas 3 writes (safe profile), exhausts',
      value: replication.result.exhausted ? 1 : 0,
      unit: 'exhausted',
      baseline: 1,
      note: `${describe(replication)}, depth ${replication.result.depth}, ${Math.round(replication.result.statesPerSecond).toLocaleString('en-US')} states/s; target: exhausts within ${REPLICATION_MAX_STATES.toLocaleString('en-US')} states (ratio 1 meets it)`,
    }),
  );
  return results;
};
