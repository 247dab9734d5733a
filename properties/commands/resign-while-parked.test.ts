// resignWhileParked: a request parked on the group's coordinator when it shuts down cleanly is
// answered NOT_COORDINATOR (GC-32), and the model oracle predicts that answer.
import test from 'ava';
import fc from 'fast-check';
import type { Observation } from '../../spec/observations.ts';
import { createReferenceSystem } from '../adapters/reference/index.ts';
import { resolveAdapter } from '../adapters/resolve.ts';
import { suiteConfig } from '../check/run-suite.ts';
import { LockstepRun } from '../lockstep/run.ts';
import { DEEP_GROUPS_SUITE } from '../suites/deep-histories.ts';
import { arbitraries } from './arbitraries.ts';
import { RebalanceCommand } from './rebalance.ts';
import { type ParkedRequest, ResignWhileParkedCommand } from './resign-while-parked.ts';

test('deep-groups draws resignWhileParked, both a parked JoinGroup and a parked SyncGroup', (t) => {
  t.true((DEEP_GROUPS_SUITE.weights.resignWhileParked ?? 0) > 0);
  const drawn = fc.sample(arbitraries.resignWhileParked, {
    seed: 1,
    numRuns: 50,
  }) as ResignWhileParkedCommand[];
  t.deepEqual([...new Set(drawn.map((c) => c.parked))].sort(), ['join', 'sync']);
});

for (const parked of ['join', 'sync'] as ParkedRequest[]) {
  test(`GC-32 a ${parked === 'join' ? 'JoinGroup' : 'SyncGroup'} parked at the coordinator's clean shutdown is answered NOT_COORDINATOR, as the model predicts`, async (t) => {
    const system = createReferenceSystem({ storage: 'simulated' });
    const oracle = await (await resolveAdapter('model')).create();
    const run = new LockstepRun({
      system,
      oracle,
      config: suiteConfig(DEEP_GROUPS_SUITE, 'safe'),
      systemSeed: 5,
    });
    await run.start();
    await new RebalanceCommand([0, 1, 2]).run(run.knowledge, run);
    const command = new ResignWhileParkedCommand(parked);
    t.true(command.enabled(run.knowledge));
    // A coordinator that forgets its parked requests fails here: the model's answer has no match.
    await command.run(run.knowledge, run);
    const steps = run.recorder.history().steps;
    const shutdown = steps.at(-1)!;
    t.is(shutdown.event.type, 'broker-failure');
    const answers = shutdown.observations.filter(
      (o: Observation) => o.type === `${parked}-response` && 'error' in o && o.error === 'NOT_COORDINATOR',
    );
    t.true(answers.length >= 1, JSON.stringify(shutdown.observations));
    t.is(run.tally.rows.get('lockstep-observation')?.violations, 0);
    await oracle.close();
    await system.close();
  });
}
