// The checker catches bugs: each deliberate fault in a copy of the toy cluster is found with a
// shrunk counterexample naming the right property; the unmodified cluster passes the same search.
import test from 'ava';
import type { PropertyName } from '../rules.ts';
import type { Suite } from '../suites/suite.ts';
import type { ToyFaults } from '../testing/toy/faults.ts';
import { ToySystem } from '../testing/toy/toy-system.ts';
import { runSuite } from './run-suite.ts';

const groupSuite: Suite = {
  name: 'fault-group',
  description: 'membership and commits',
  overrides: {},
  weights: { rebalance: 3, commit: 3, heartbeat: 2, advanceTime: 2, consumerCrash: 1 },
  maxCommands: 20,
};
const replicationSuite: Suite = {
  name: 'fault-replication',
  description: 'writes through broker failures',
  overrides: {},
  weights: { produce: 3, replicate: 3, advanceTime: 2, brokerFailure: 3, brokerRestart: 2, retrySend: 1 },
  maxCommands: 25,
};

const cases: { fault: keyof ToyFaults; suite: Suite; caughtBy: PropertyName[] }[] = [
  { fault: 'acceptStaleCommit', suite: groupSuite, caughtBy: ['no-stale-generation-commit'] },
  { fault: 'earlyHighWatermark', suite: replicationSuite, caughtBy: ['high-watermark-bounded'] },
  {
    fault: 'silentUncleanElection',
    suite: replicationSuite,
    caughtBy: ['leader-in-isr', 'no-acknowledged-loss'],
  },
  { fault: 'dropMemberWithoutRebalance', suite: groupSuite, caughtBy: ['generation-monotonic'] },
];

for (const { fault, suite, caughtBy } of cases) {
  test(`deliberate fault ${fault} is caught with a shrunk trace`, async (t) => {
    const outcome = await runSuite({
      suite,
      profile: 'safe',
      seed: 42,
      numRuns: 400,
      system: { name: `toy+${fault}`, create: async () => new ToySystem({ [fault]: true }) },
    });
    t.true(outcome.failed, `${fault} was not caught in 400 runs`);
    t.is(outcome.crash, undefined);
    const properties = (outcome.findings ?? []).map((f) => f.property);
    t.true(
      properties.some((p) => caughtBy.includes(p)),
      `found ${properties.join(', ')}`,
    );
    t.truthy(outcome.path);
    t.truthy(outcome.replayPath);
    // Shrunk: a handful of generated commands, far below the suite's bound.
    t.true((outcome.commands ?? '').split('),').length <= 10, outcome.commands);
    t.log(`${fault}: ${outcome.commands}`);
  });
}

test('the same searches find nothing in the unmodified toy cluster', async (t) => {
  for (const suite of [groupSuite, replicationSuite]) {
    const outcome = await runSuite({
      suite,
      profile: 'safe',
      seed: 42,
      numRuns: 150,
      system: { name: 'toy', create: async () => new ToySystem() },
    });
    t.false(outcome.failed, `${suite.name}: ${outcome.findings?.map((f) => f.message).join('; ')}`);
  }
});

test('a failure replays from seed, path and replay path to the same shrunk commands', async (t) => {
  const system = { name: 'toy+stale', create: async () => new ToySystem({ acceptStaleCommit: true }) };
  const first = await runSuite({ suite: groupSuite, profile: 'safe', seed: 7, numRuns: 400, system });
  t.true(first.failed);
  const replay = await runSuite({
    suite: groupSuite,
    profile: 'safe',
    seed: first.seed,
    numRuns: 1,
    system,
    path: first.path!,
    replayPath: first.replayPath!,
  });
  t.true(replay.failed);
  t.is(replay.commands, first.commands);
  t.deepEqual(
    replay.history?.steps.map((s) => s.event),
    first.history?.steps.map((s) => s.event),
  );
});

test('the same seed twice gives identical results', async (t) => {
  const system = { name: 'toy', create: async () => new ToySystem() };
  const a = await runSuite({ suite: replicationSuite, profile: 'acks-1', seed: 99, numRuns: 200, system });
  const b = await runSuite({ suite: replicationSuite, profile: 'acks-1', seed: 99, numRuns: 200, system });
  t.is(a.failed, b.failed);
  t.is(a.commands, b.commands);
  t.deepEqual(a.findings, b.findings);
  t.deepEqual(a.tally.toJSON(), b.tally.toJSON());
});
