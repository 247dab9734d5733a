// The reference cluster and the whole model (group model + data-plane model + consumer level) in
// lockstep, as `kspec check` runs them: on every suite, every event of every run is compared and
// the two agree. A disagreement here is a bug in one of them (the rule book says which).
import test from 'ava';
import { GroupModelSystem } from '../../model/group/contract-adapter.ts';
import { resolveAdapter } from '../adapters/resolve.ts';
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
