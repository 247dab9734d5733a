// The generator dimensions added for outcome coverage reach their values: probes with and without
// phases, fetches of an offline partition and of both ends of the partition range.
import test from 'ava';
import fc from 'fast-check';
import { arbitraries } from './arbitraries.ts';
import type { FetchCommand } from './fetch.ts';
import type { ProbeCommand } from './probe.ts';

test('probe draws no phases and one to three phases on', (t) => {
  const probes = fc.sample(arbitraries.probe, { seed: 17, numRuns: 300 }) as ProbeCommand[];
  t.deepEqual([...new Set(probes.map((p) => p.stall))].sort(), [0, 1, 2, 3]);
});

test('fetch draws an offline partition and partitions 0 to 5', (t) => {
  const fetches = fc.sample(arbitraries.fetch, { seed: 17, numRuns: 300 }) as FetchCommand[];
  const partitions = new Set(fetches.map((f) => f.partition));
  for (const p of ['offline', 0, 5] as const) t.true(partitions.has(p), String(p));
});
