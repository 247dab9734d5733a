// A failure of a swarm suite (drawn configuration, steered kinds) replays from seed, path, replay
// path and the printed steering to the same shrunk run; the same seed twice gives the same result.
import test from 'ava';
import { runSuite } from '../check/run-suite.ts';
import type { Suite } from '../suites/suite.ts';
import { ToySystem } from '../testing/toy/toy-system.ts';

const suite: Suite = {
  name: 'swarm-group',
  description: 'membership and commits, swarm-generated',
  overrides: {},
  weights: { rebalance: 3, commit: 3, heartbeat: 2, advanceTime: 2, consumerCrash: 1, join: 1 },
  maxCommands: 20,
  swarm: true,
};
const system = { name: 'toy+stale', create: async () => new ToySystem({ acceptStaleCommit: true }) };

test('a swarm failure replays from seed, path, replay path and steering', async (t) => {
  const first = await runSuite({ suite, profile: 'safe', seed: 7, numRuns: 400, system });
  t.true(first.failed);
  t.truthy(first.steer);
  t.regex(first.commands ?? '', /^swarm\(/);
  const replay = await runSuite({
    suite,
    profile: 'safe',
    seed: first.seed,
    numRuns: 1,
    system,
    path: first.path!,
    replayPath: first.replayPath!,
    steer: first.steer!,
  });
  t.true(replay.failed);
  t.is(replay.commands, first.commands);
  t.deepEqual(replay.config, first.config);
  t.deepEqual(
    replay.history?.steps.map((s) => s.event),
    first.history?.steps.map((s) => s.event),
  );
});

test('a swarm suite gives the same runs, outcomes and steering for the same seed', async (t) => {
  const toy = { name: 'toy', create: async () => new ToySystem() };
  const a = await runSuite({ suite, profile: 'safe', seed: 11, numRuns: 30, system: toy });
  const b = await runSuite({ suite, profile: 'safe', seed: 11, numRuns: 30, system: toy });
  t.false(a.failed);
  t.is(a.events, b.events);
  t.deepEqual(a.outcomes.toJSON(), b.outcomes.toJSON());
  t.deepEqual(a.tally.toJSON(), b.tally.toJSON());
});
