// commitThroughSession: members that commit instead of heartbeating while more than a session
// timeout passes (the generation that catches a coordinator forgetting OC-8/GC-28's rescheduling).
import test from 'ava';
import fc from 'fast-check';
import { intSetting } from '../../spec/config.ts';
import { createReferenceSystem } from '../adapters/reference/index.ts';
import { suiteConfig } from '../check/run-suite.ts';
import { LockstepRun } from '../lockstep/run.ts';
import { suiteByName } from '../suites/index.ts';
import { arbitraries } from './arbitraries.ts';
import { COMMIT_ROUNDS, type CommitThroughSessionCommand } from './commit-through-session.ts';
import { RebalanceCommand } from './rebalance.ts';

test('the group and commit suites draw commitThroughSession, over partitions 0 to 5', (t) => {
  for (const name of ['group', 'commit'])
    t.true((suiteByName(name)?.weights.commitThroughSession ?? 0) > 0, name);
  const drawn = fc.sample(arbitraries.commitThroughSession, {
    seed: 5,
    numRuns: 200,
  }) as CommitThroughSessionCommand[];
  const partitions = new Set(drawn.map((c) => c.partition));
  for (const p of [0, 5]) t.true(partitions.has(p), `partition ${p}`);
});

test('members commit, no heartbeat, more than a session passes, and they are still members', async (t) => {
  const suite = suiteByName('group')!;
  const system = createReferenceSystem({ storage: 'simulated' });
  const run = new LockstepRun({ system, config: suiteConfig(suite, 'safe'), systemSeed: 5 });
  await run.start();
  const k = run.knowledge;
  await new RebalanceCommand([0, 1]).run(k, run);
  const before = run.recorder.history().steps.length;
  const command = arbitraries.commitThroughSession;
  const [drawn] = fc.sample(command, { seed: 1, numRuns: 1 }) as CommitThroughSessionCommand[];
  await drawn!.run(k, run);
  const events = run.recorder
    .history()
    .steps.slice(before)
    .map((s) => s.event);
  const session = intSetting(k.config, 'session.timeout.ms');
  const passed = events.reduce((ms, e) => ms + (e.type === 'advance-time' ? e.ms : 0), 0);
  t.false(
    events.some((e) => e.type === 'heartbeat' || e.type === 'join' || e.type === 'sync'),
    'only commits keep the sessions alive',
  );
  t.is(
    events.filter((e) => e.type === 'commit').length,
    2 * COMMIT_ROUNDS,
    'both members commit every round',
  );
  t.true(passed > session, `${passed} ms passed, session ${session} ms`);
  t.true(
    events.filter((e) => e.type === 'advance-time').every((e) => e.type === 'advance-time' && e.ms < session),
    'each step stays under a session',
  );
  const state = await system.inspect!();
  await system.close();
  const group = state.groups.find((g: { group: string }) => g.group === 'g');
  t.is(group?.members.length, 2, 'a commit kept each session alive (OC-8, GC-28)');
});
