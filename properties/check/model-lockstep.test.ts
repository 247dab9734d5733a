// The reference cluster and the whole model (group model + data-plane model + consumer level) in
// lockstep, as `kspec check` runs them: on every suite, every event of every run is compared and
// the two agree. A disagreement here is a bug in one of them (the rule book says which).
import test from 'ava';
import { GroupModelSystem } from '../../model/group/group-model-system.ts';
import { joinEvent, openLeaderEvents } from '../../model/group/testing/scenarios.ts';
import { resolveConfig } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';
import { resolveAdapter } from '../adapters/resolve.ts';
import { LockstepRun } from '../lockstep/run.ts';
import { SAFE_PROFILE } from '../profiles.ts';
import { SUITES } from '../suites/index.ts';
import { runSuite } from './run-suite.ts';

for (const suite of SUITES) {
  test(`${suite.name}: the reference cluster answers as the model does, every event compared`, async (t) => {
    const outcome = await runSuite({
      suite,
      profile: 'safe',
      seed: 21,
      numRuns: 12,
      system: await resolveAdapter('reference:simulated'),
      oracle: await resolveAdapter('model'),
    });
    t.false(outcome.failed, `${outcome.findings?.[0]?.message ?? outcome.crash}\n${outcome.commands}`);
    const compared = outcome.tally.rows.get('lockstep-observation')?.checked ?? 0;
    // Runs whose coordinator may have moved stop comparing group answers but still compare every
    // event's data-plane answers, so every event counts as compared.
    t.is(compared, outcome.events);
  });
}

test('the model itself, checked as a system, holds every suite (state invariants and history checkers)', async (t) => {
  for (const suite of SUITES) {
    const outcome = await runSuite({
      suite,
      profile: 'safe',
      seed: 22,
      numRuns: 15,
      system: await resolveAdapter('model'),
    });
    t.false(
      outcome.failed,
      `${suite.name}: ${outcome.findings?.[0]?.message ?? outcome.crash}\n${outcome.commands}`,
    );
  }
});

test('a system that takes another allowed pick (the last allowed leader) passes: the model follows it', async (t) => {
  const outcome = await runSuite({
    suite: SUITES.find((s) => s.name === 'group')!,
    profile: 'safe',
    seed: 23,
    numRuns: 40,
    system: { name: 'group model, last pick', create: async () => new GroupModelSystem({ pick: 'last' }) },
    oracle: await resolveAdapter('model'),
  });
  t.false(outcome.failed, `${outcome.findings?.[0]?.message ?? outcome.crash}\n${outcome.commands}`);
  t.true((outcome.tally.rows.get('lockstep-choice')?.checked ?? 0) > 0);
});

/** The open leader pick (GC-20), then the new leader's plan-less sync. */
const OPEN_LEADER_THEN_SYNC = (leader: string): Event[] => [
  ...openLeaderEvents(),
  { type: 'sync', client: leader, group: 'g', generation: 2, member: 'own' },
];

test('without snapshots too: the answers that matched tell the model which allowed pick to follow', async (t) => {
  const inner = new GroupModelSystem({ pick: 'last' });
  const blackBox: SystemUnderTest = {
    capabilities: async () => ({ ...(await inner.capabilities()), inspect: false }),
    reset: (setup) => inner.reset(setup),
    apply: (event, seq) => inner.apply(event, seq),
    close: () => inner.close(),
  };
  const oracle = await (await resolveAdapter('model')).create();
  const run = new LockstepRun({
    system: blackBox,
    oracle,
    config: resolveConfig(SAFE_PROFILE),
    systemSeed: 1,
  });
  await run.start();
  // The system's leader is c3 (the last allowed); its plan-less sync completes the rebalance there,
  // so the model must have followed the pick to answer it the same way.
  for (const event of OPEN_LEADER_THEN_SYNC('c3')) await run.step(event);
  t.is(run.tally.rows.get('lockstep-observation')?.violations, 0);
  t.true(run.oracleFollowing);
});

test('RP-5 a replicate round whose answers matched another fetch order: adopt starts from that order (regression)', async (t) => {
  // Found by kspec check --seed 3: the model followed the answers' fetch order for both partitions,
  // then re-fixed one partition's order from the snapshot and lost the other's.
  const events: Event[] = [
    { type: 'produce', producer: 'p0', topic: 't', partition: 0, values: ['p0-0'], acks: -1 },
    { type: 'replicate', topic: 't', partition: 1 },
    // The group's __consumer_offsets partitions replicate too, which moves the seeded fetch order.
    joinEvent('c0', 'none'),
    joinEvent('c0', 'own'),
    { type: 'sync', client: 'c0', group: 'g', generation: 1, member: 'own' },
    { type: 'broker-failure', broker: 0, kind: 'clean-shutdown' },
    { type: 'produce', producer: 'p0', topic: 't', partition: 1, values: ['p0-1'], acks: -1 },
    { type: 'produce', producer: 'p0', topic: 't', partition: 0, values: ['p0-2'], acks: -1 },
    { type: 'broker-restart', broker: 0 },
    { type: 'replicate' },
    { type: 'replicate' },
  ];
  const system = await (await resolveAdapter('reference:simulated')).create();
  const oracle = await (await resolveAdapter('model')).create();
  const config = resolveConfig({ ...SAFE_PROFILE, partitions: 2 });
  const run = new LockstepRun({ system, oracle, config, systemSeed: 614806410 });
  await run.start();
  for (const event of events) await run.step(event);
  t.is(run.tally.rows.get('lockstep-choice')?.violations, 0);
  t.is(run.tally.rows.get('lockstep-observation')?.violations, 0);
  await system.close();
});
