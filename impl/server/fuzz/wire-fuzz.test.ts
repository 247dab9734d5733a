// A fixed-seed slice of `npm run fuzz`'s wire fuzzer (the full run sends 1,000,000 frames): mutated
// frames of every API and version on 16 connections, a healthy client beside them.
import test from 'ava';
import { APIS } from '../../protocol/registry.ts';
import { runWireFuzz } from './wire-fuzz.ts';

test('wire fuzz slice: 6,000 mutated frames, no handler throws, the healthy client is served, every close is logged', async (t) => {
  const result = await runWireFuzz({ frames: 6000, seed: 23 });
  t.log(
    `${result.frames} frames (${result.answered} answered, ${result.closedByBroker} closed by the broker, ` +
      `${result.abandoned} abandoned) on ${result.connections} connections in ${result.seconds} s; ` +
      `healthy rounds ${result.healthy.rounds}; peak RSS ${result.rssMb.peak} MB`,
  );
  t.deepEqual(result.failures, []);
  const served = Object.values(APIS).reduce((sum, api) => sum + api.maxVersion - api.minVersion + 1, 0);
  t.is(result.corpus.apiVersions, served, 'every version of every API served is in the corpus');
  t.true(result.answered > 0 && result.closedByBroker > 0);
});
