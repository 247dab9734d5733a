import test from 'ava';
import { FLIPS } from '../profiles.ts';
import { deriveSeed, planTasks } from './plan.ts';

const base = {
  seed: 5,
  suites: ['group', 'commit'],
  profile: 'safe',
  runs: 3,
  matrixRuns: 4,
  safeMatrixRuns: 2,
  matrix: true,
  matrixOnly: false,
  rounds: 1,
};

test('a plan is a pure function of its options; task seeds differ and derive from the run seed', (t) => {
  t.deepEqual(planTasks(base), planTasks(base));
  const seeds = planTasks(base)
    .filter((task) => task.kind !== 'availability')
    .map((task) => task.seed);
  t.is(new Set(seeds).size, seeds.length);
  t.not(deriveSeed(5, 'group'), deriveSeed(6, 'group'));
});

test('shards partition the tasks: every task in exactly one shard', (t) => {
  const all = planTasks({ ...base, rounds: 3 }).map((task) => task.id);
  const shards = [1, 2, 3].map((index) =>
    planTasks({ ...base, rounds: 3, shard: { index, count: 3 } }).map((task) => task.id),
  );
  t.deepEqual(
    shards.flat().sort((a, b) => a - b),
    all,
  );
  for (const shard of shards) t.true(shard.length > 0);
});

test('the matrix has a safe row per matrix suite, one row per flip and the availability case', (t) => {
  const matrix = planTasks({ ...base, matrixOnly: true });
  t.is(matrix.filter((task) => task.profile === 'safe').length, 2);
  t.is(matrix.filter((task) => task.kind === 'availability').length, 1);
  t.is(matrix.length, 2 + FLIPS.length + 1);
});

test('a system other than the reference gets no row of a kspec-only switch (pre-KIP-101 truncation)', (t) => {
  const kspecOnly = FLIPS.filter((flip) => flip.kspecOnly).map((flip) => flip.name);
  t.deepEqual(kspecOnly, ['truncate-to-high-watermark']);
  const foreign = planTasks({ ...base, matrixOnly: true, foreign: true });
  t.is(foreign.length, 2 + FLIPS.length - kspecOnly.length + 1);
  t.false(foreign.some((task) => kspecOnly.includes(task.profile)));
});
