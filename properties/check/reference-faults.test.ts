// The checker catches bugs in copies of the reference cluster: its own known-bad variant (pre-KIP-101
// truncation to the high watermark) and a copy that accepts stale-generation commits. The same
// searches find nothing in the unmodified cluster. Simulated storage keeps the runs quick.
import test from 'ava';
import { createReferenceSystem } from '../adapters/reference/index.ts';
import type { Suite } from '../suites/suite.ts';
import { acceptingStaleCommits } from '../testing/stale-commit-wrapper.ts';
import { runSuite } from './run-suite.ts';

const commits: Suite = {
  name: 'reference-commits',
  description: 'membership and raw commits',
  overrides: {},
  weights: { rebalance: 3, commit: 3, heartbeat: 1 },
  maxCommands: 12,
};

test('a reference copy that accepts stale-generation commits is caught with a shrunk trace', async (t) => {
  const outcome = await runSuite({
    suite: commits,
    profile: 'safe',
    seed: 5,
    numRuns: 150,
    system: {
      name: 'reference+stale',
      create: async () => acceptingStaleCommits(createReferenceSystem({ storage: 'simulated' })),
    },
  });
  t.true(outcome.failed);
  t.is(outcome.crash, undefined, outcome.crash);
  t.true((outcome.findings ?? []).some((f) => f.property === 'no-stale-generation-commit'));
  t.log(outcome.commands);
});

test('the unmodified reference cluster passes the same search', async (t) => {
  const outcome = await runSuite({
    suite: commits,
    profile: 'safe',
    seed: 5,
    numRuns: 40,
    system: { name: 'reference', create: async () => createReferenceSystem({ storage: 'simulated' }) },
  });
  t.false(
    outcome.failed,
    `${outcome.commands} ${outcome.findings?.map((f) => f.message).join('; ')} ${outcome.crash ?? ''}`,
  );
});

test('the reference cluster with pre-KIP-101 truncation loses acknowledged data, and the checker finds it', async (t) => {
  const replication: Suite = {
    name: 'reference-truncation',
    description: 'writes through broker failures',
    // Pre-KIP-101 follower truncation to the local high watermark, switched on as its mutant.
    overrides: { 'kspec.mutant': 'truncate-to-hw' },
    weights: { produce: 3, replicate: 3, brokerFailure: 3, brokerRestart: 3, advanceTime: 1 },
    maxCommands: 25,
  };
  const outcome = await runSuite({
    suite: replication,
    profile: 'safe',
    seed: 3,
    numRuns: 300,
    system: {
      name: 'reference+truncate-to-hw',
      create: async () => createReferenceSystem({ storage: 'simulated' }),
    },
  });
  t.true(outcome.failed, 'pre-KIP-101 truncation not caught');
  t.is(outcome.crash, undefined, outcome.crash);
  t.log(outcome.commands, outcome.findings?.map((f) => `${f.property}: ${f.message}`).join('; '));
});
