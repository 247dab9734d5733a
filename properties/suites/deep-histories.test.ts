// The deep-history suites' generator dimensions reach their boundary values: coordinator failures
// of every kind the safe profile survives, the offsets-retention step one past the check interval
// (the first moment a check runs), and preludes that build the long histories the suites promise
// (generations and commits with every metadata class; logs whose every batch is an index entry).
import test from 'ava';
import fc from 'fast-check';
import { intSetting } from '../../spec/config.ts';
import { createReferenceSystem } from '../adapters/reference/index.ts';
import { suiteConfig } from '../check/run-suite.ts';
import type { AdvanceTimeCommand } from '../commands/advance-time.ts';
import { OFFSETS_RETENTION_CHECK_INTERVAL_MS, timeStepMs } from '../commands/advance-time.ts';
import { arbitraries } from '../commands/arbitraries.ts';
import type { BrokerFailureCommand } from '../commands/broker-failure.ts';
import { LockstepRun } from '../lockstep/run.ts';
import { DEEP_GROUPS_SUITE, DEEP_LOG_SUITE, PRELUDE_BATCHES, PRELUDE_GENERATIONS } from './deep-histories.ts';
import { SUITES, suiteByName } from './index.ts';

test('coordinatorFailure targets the coordinator with a clean shutdown, a process crash and a power loss', (t) => {
  const failures = fc.sample(arbitraries.coordinatorFailure, {
    seed: 3,
    numRuns: 200,
  }) as BrokerFailureCommand[];
  t.true(failures.every((f) => f.broker === 'coordinator'));
  t.deepEqual([...new Set(failures.map((f) => f.kind))].sort(), [
    'clean-shutdown',
    'power-loss',
    'process-crash',
  ]);
});

test('expireOffsets steps one past the retention check interval, with and without heartbeats first', (t) => {
  const steps = fc.sample(arbitraries.expireOffsets, { seed: 3, numRuns: 100 }) as AdvanceTimeCommand[];
  t.true(steps.every((s) => s.step === 'offsets-check'));
  t.deepEqual([...new Set(steps.map((s) => s.heartbeats))].sort(), [false, true]);
  const k = { config: suiteConfig(DEEP_GROUPS_SUITE, 'safe') } as Parameters<typeof timeStepMs>[0];
  t.is(timeStepMs(k, 'offsets-check'), OFFSETS_RETENTION_CHECK_INTERVAL_MS + 1);
  // With the suite's retention (1 minute), one step is past both the retention and a check.
  t.true(intSetting(k.config, 'offsets.retention.minutes') * 60_000 < timeStepMs(k, 'offsets-check'));
});

test('kspec check runs both deep suites by default, and each by name', (t) => {
  t.true(SUITES.includes(DEEP_GROUPS_SUITE));
  t.true(SUITES.includes(DEEP_LOG_SUITE));
  t.is(suiteByName('deep-groups'), DEEP_GROUPS_SUITE);
  t.is(suiteByName('deep-log'), DEEP_LOG_SUITE);
});

async function afterPrelude(suite: typeof DEEP_GROUPS_SUITE) {
  const system = createReferenceSystem({ storage: 'simulated' });
  const run = new LockstepRun({ system, config: suiteConfig(suite, 'safe'), systemSeed: 5 });
  await run.start();
  await suite.prelude!(run);
  const state = await system.inspect!();
  await system.close();
  return { run, state };
}

test('the deep-groups prelude goes through its generations and commits with metadata of every class', async (t) => {
  const { run, state } = await afterPrelude(DEEP_GROUPS_SUITE);
  const group = state.groups.find((g: { group: string }) => g.group === 'g');
  t.true((group?.generation ?? 0) >= PRELUDE_GENERATIONS, `generation ${group?.generation}`);
  const metadata = new Set(
    run.recorder
      .history()
      .steps.flatMap((s) => (s.event.type === 'commit' ? [s.event.offsets[0]?.metadata ?? 'none'] : [])),
  );
  const limit = intSetting(run.knowledge.config, 'offset.metadata.max.bytes');
  for (const m of ['none', '', 'm', 'm'.repeat(limit)])
    t.true(metadata.has(m), `metadata '${m.slice(0, 3)}'`);
  t.true(group?.committed.length === intSetting(run.knowledge.config, 'partitions'));
});

test('the deep-log prelude writes a batch per index entry to every partition', async (t) => {
  const { run, state } = await afterPrelude(DEEP_LOG_SUITE);
  t.is(intSetting(run.knowledge.config, 'index.interval.bytes'), 1);
  for (const p of state.partitions.filter((q: { topic: string }) => q.topic === 't'))
    t.true(p.highWatermark >= PRELUDE_BATCHES, `t-${p.partition} HW ${p.highWatermark}`);
});
