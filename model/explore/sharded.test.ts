import test from 'ava';
import type { ExplorableModel } from '../explorable.ts';
import { coverageUniverse } from './coverage.ts';
import { type ExploreOptions, type ExploreResult, explore } from './explore.ts';
import { type LoadedModel, loadModel } from './registry.ts';
import { exploreSharded, localShards } from './sharded.ts';

const SPLIT_AT = 16;

// Everything but the timings, which no two runs share.
const figures = ({ seconds: _seconds, statesPerSecond: _rate, ...rest }: ExploreResult) => rest;

async function sameAsOneThread(
  t: import('ava').ExecutionContext,
  loaded: LoadedModel,
  options: Omit<ExploreOptions, 'onStep' | 'coverage'> = {},
) {
  const universe = loaded.machines.length > 0 ? coverageUniverse(loaded.machines) : undefined;
  const withCoverage = { ...options, ...(universe ? { coverage: universe } : {}) };
  const expected = figures(explore(loaded.model, withCoverage));
  for (const count of [1, 2, 3]) {
    // Split early and move states at the slightest imbalance, so both paths run on small models.
    const shards = localShards(loaded.model, count, universe).map((shard) => ({
      ...shard,
      split: (index: number, of: number) => {
        moves.splits++;
        return shard.split(index, of);
      },
      handOver: (states: number) => {
        moves.handOvers++;
        return shard.handOver(states);
      },
    }));
    const sharded = await exploreSharded(loaded.model, shards, {
      ...withCoverage,
      splitAt: SPLIT_AT,
      rebalanceSlack: 0,
    });
    t.deepEqual(figures(sharded), expected, `${count} shard(s)`);
  }
  return expected;
}

const moves = { splits: 0, handOvers: 0 };

// A grid walker whose frontier grows past SPLIT_AT, so the shards split it.
const grid = (size: number, forbidden?: number): ExplorableModel<[number, number], 'right' | 'up'> => ({
  name: 'grid',
  initial: () => [0, 0],
  events: ([x, y]) => [
    ...(x + 1 < size ? (['right'] as const) : []),
    ...(y + 1 < size ? (['up'] as const) : []),
  ],
  step: ([x, y], event) => (event === 'right' ? [x + 1, y] : [x, y + 1]),
  key: ([x, y]) => `${x},${y}`,
  invariants:
    forbidden === undefined
      ? []
      : [
          {
            name: 'far',
            rules: ['TOY-1'],
            check: ([x, y]) =>
              x * y === forbidden ? { rules: ['TOY-1'], message: `at ${x},${y}` } : undefined,
          },
        ],
  describeEvent: (event) => event,
  stateNames: ([x]) => [x % 2 === 0 ? 'grid.even' : 'grid.odd'],
});

test.serial(
  'sharded search: the grid past the split gives the one-thread figures for 1, 2 and 3 shards',
  async (t) => {
    moves.splits = 0;
    moves.handOvers = 0;
    const result = await sameAsOneThread(t, { model: grid(2 * SPLIT_AT), machines: [] });
    t.is(result.states, 4 * SPLIT_AT * SPLIT_AT);
    t.true(moves.splits > 0 && moves.handOvers > 0, `splits ${moves.splits}, hand-overs ${moves.handOvers}`);
  },
);

test('sharded search: a violation after the split has the same shortest trace and stop', async (t) => {
  const result = await sameAsOneThread(t, { model: grid(2 * SPLIT_AT, 20 * 21), machines: [] });
  t.is(result.stoppedBy, 'violations');
  t.is(result.violations[0]!.trace.length, 41);
});

test('sharded search: the states and depth bounds stop where the one-thread explorer stops', async (t) => {
  const model = { model: grid(2 * SPLIT_AT), machines: [] };
  t.is((await sameAsOneThread(t, model, { maxStates: 400 })).stoppedBy, 'states');
  t.is((await sameAsOneThread(t, model, { maxDepth: 20 })).stoppedBy, 'depth');
});

test('sharded search: the group model (2 members, 2 partitions) gives the one-thread figures', async (t) => {
  const loaded = await loadModel('group', { config: {}, members: 2, partitions: 2 });
  t.true((await sameAsOneThread(t, loaded)).exhausted);
});

test('sharded search: replication with acks=1 finds the same violations, traces and coverage', async (t) => {
  const loaded = await loadModel('replication', { config: { acks: 1 }, writes: 1 });
  const result = await sameAsOneThread(t, loaded);
  t.true(result.violations.length > 0);
  const cut = await sameAsOneThread(t, loaded, { maxStates: 500, maxViolations: 5 });
  t.is(cut.stoppedBy, 'states');
});
