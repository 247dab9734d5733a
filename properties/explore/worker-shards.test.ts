import test from 'ava';
import { coverageUniverse } from '../../model/explore/coverage.ts';
import { explore } from '../../model/explore/explore.ts';
import { loadModel } from '../../model/explore/registry.ts';
import { exploreSharded } from '../../model/explore/sharded.ts';
import { workerShards } from './worker-shards.ts';

test('worker-thread shards find what the one-thread explorer finds (replication, acks=1)', async (t) => {
  const options = { config: { acks: 1 }, writes: 1 };
  const loaded = await loadModel('replication', options);
  const universe = coverageUniverse(loaded.machines);
  const { seconds: _s, statesPerSecond: _r, ...expected } = explore(loaded.model, { coverage: universe });
  const workers = workerShards('replication', options, 2, universe);
  try {
    const {
      seconds: _s2,
      statesPerSecond: _r2,
      ...sharded
    } = await exploreSharded(loaded.model, workers.shards, {
      coverage: universe,
      splitAt: 8,
      rebalanceSlack: 0,
    });
    t.deepEqual(sharded, expected);
    t.true(expected.violations.length > 0);
  } finally {
    await workers.close();
  }
});

test('a shard whose model cannot be built fails the search with its error, not a hang', async (t) => {
  const workers = workerShards('replication', { config: {}, replicas: 99 }, 1);
  try {
    await t.throwsAsync(workers.shards[0]!.seedInitial(), { message: /explore shard/ });
  } finally {
    await workers.close();
  }
});
