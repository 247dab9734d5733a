// A probe aims at an outcome its run has not reached in the group's current state.
import test from 'ava';
import { resolveConfig } from '../../spec/config.ts';
import { resolveAdapter } from '../adapters/resolve.ts';
import { LockstepRun } from '../lockstep/run.ts';
import { SAFE_PROFILE } from '../profiles.ts';
import { ProbeCommand } from './probe.ts';
import { RebalanceCommand } from './rebalance.ts';

async function modelRun(): Promise<LockstepRun> {
  const system = await (await resolveAdapter('model')).create();
  const run = new LockstepRun({ system, config: resolveConfig(SAFE_PROFILE), systemSeed: 1 });
  await run.start();
  return run;
}

for (const target of [
  'join-response INVALID_SESSION_TIMEOUT in Stable',
  'join-response INCONSISTENT_GROUP_PROTOCOL in Stable',
  'heartbeat-response ILLEGAL_GENERATION in Stable',
  'commit-response OFFSET_METADATA_TOO_LARGE in Stable',
  'leave-response UNKNOWN_MEMBER_ID in Stable',
  'sync-response UNKNOWN_MEMBER_ID in Stable',
])
  test(`a probe in a Stable group produces the one unreached outcome: ${target}`, async (t) => {
    const run = await modelRun();
    await new RebalanceCommand([0, 1]).run(run.knowledge, run);
    run.knowledge.unreached = new Set([target]);
    t.false(run.outcomes.reached.has(target));
    await new ProbeCommand(0, 0).run(run.knowledge, run);
    t.true(run.outcomes.reached.has(target), run.outcomes.toJSON().join('\n'));
  });

test('a probe with phases moves a Stable group into a rebalance, then completes its join phase', async (t) => {
  const run = await modelRun();
  await new RebalanceCommand([0, 1]).run(run.knowledge, run);
  run.knowledge.unreached = new Set(['describe-response NONE in CompletingRebalance']);
  await new ProbeCommand(0, 2).run(run.knowledge, run);
  t.true(run.outcomes.reached.has('describe-response NONE in CompletingRebalance'));
});

test('a probe gets a parked SyncGroup answered REBALANCE_IN_PROGRESS by making another member leave', async (t) => {
  const run = await modelRun();
  await new RebalanceCommand([0, 1]).run(run.knowledge, run);
  const target = 'sync-response REBALANCE_IN_PROGRESS in CompletingRebalance';
  run.knowledge.unreached = new Set([target]);
  await new ProbeCommand(0, 2).run(run.knowledge, run);
  t.true(run.outcomes.reached.has(target), run.outcomes.toJSON().join('\n'));
});
