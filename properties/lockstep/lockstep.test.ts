import test from 'ava';
import fc from 'fast-check';
import { resolveConfig } from '../../spec/config.ts';
import type { Observation } from '../../spec/observations.ts';
import { arbitraries } from '../commands/arbitraries.ts';
import { SAFE_PROFILE } from '../profiles.ts';
import { ToySystem } from '../testing/toy/toy-system.ts';
import { compareObservations } from './compare.ts';
import { LockstepRun } from './run.ts';
import { PropertyViolation } from './violation.ts';

const join = (memberId: string, generation: number): Observation => ({
  type: 'join-response',
  request: 1,
  client: 'c0',
  group: 'g',
  error: 'NONE',
  memberId,
  generation,
  protocol: 'range',
  leader: 'c0',
  members: [{ client: 'c0', memberId, topics: ['t'] }],
});

test('comparison ignores system-chosen member ids and order, not answers', (t) => {
  t.is(compareObservations([join('a-1', 1)], [join('zz-9', 1)]), undefined);
  const mismatch = compareObservations([join('a-1', 1)], [join('a-1', 2)]);
  t.truthy(mismatch);
  t.regex(mismatch!.message, /"generation":1/);
});

const commands = fc.commands(
  [
    arbitraries.produce,
    arbitraries.replicate,
    arbitraries.rebalance,
    arbitraries.commit,
    arbitraries.consume,
    arbitraries.advanceTime,
  ],
  { maxCommands: 20, size: 'large' },
);

async function lockstep(
  system: ToySystem,
  oracle: ToySystem,
  cmds: Iterable<fc.AsyncCommand<never, never>>,
): Promise<void> {
  const run = new LockstepRun({ system, oracle, config: resolveConfig(SAFE_PROFILE), systemSeed: 1 });
  await run.start();
  await fc.asyncModelRun(() => ({ model: run.knowledge as never, real: run as never }), cmds);
  await run.finish();
}

test('lockstep: a system equal to its oracle passes', async (t) => {
  await fc.assert(
    fc.asyncProperty(commands, async (cmds) => lockstep(new ToySystem(), new ToySystem(), cmds as never)),
    { seed: 11, numRuns: 40 },
  );
  t.pass();
});

test('lockstep: a system answering differently from the oracle fails with lockstep-observation', async (t) => {
  const result = await fc.check(
    fc.asyncProperty(commands, async (cmds) =>
      lockstep(new ToySystem({ acceptStaleCommit: true }), new ToySystem(), cmds as never),
    ),
    { seed: 11, numRuns: 200 },
  );
  t.true(result.failed);
  t.true(result.errorInstance instanceof PropertyViolation);
  const properties = (result.errorInstance as PropertyViolation).findings.map((f) => f.property);
  t.true(properties.includes('lockstep-observation'), properties.join(', '));
});
