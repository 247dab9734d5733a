// The main job's wire leg (issue 17 part 3): the default plan runs every suite against the
// reference over the Kafka wire, and a bug planted in a wire handler only (reference-wire/
// wire-faults.ts) is caught by those tasks, while the same task passes without it.
import test from 'ava';
import { WIRE_FAULTS } from '../adapters/reference-wire/wire-faults.ts';
import { executeTask } from './execute-task.ts';
import { planTasks, SUITE_NAMES, type Task } from './plan.ts';
import { buildReport } from './report.ts';
import type { TaskResult } from './task-result.ts';
import { isWireTask } from './wire-leg.ts';
import { WIRE_ADAPTER } from './wire-leg-plan.ts';

const plan = (wire: boolean) =>
  planTasks({
    seed: 1,
    suites: SUITE_NAMES,
    profile: 'safe',
    runs: 25,
    matrixRuns: 1000,
    safeMatrixRuns: 125,
    matrix: true,
    matrixOnly: false,
    rounds: 1,
    wire,
  });

test('the default plan has one wire task per suite, against reference:wire', (t) => {
  const wire = plan(true).filter(isWireTask);
  t.deepEqual(
    wire.map((task) => task.suite),
    SUITE_NAMES,
  );
  t.true(wire.every((task) => task.kind === 'suite' && task.adapter === WIRE_ADAPTER));
  t.is(plan(false).filter(isWireTask).length, 0);
});

/** Runs the wire tasks in plan order until one fails (as the main job would report it). */
async function firstFailure(tasks: readonly Task[]): Promise<TaskResult | undefined> {
  for (const task of tasks) {
    const result = await executeTask(task, { adapter: 'reference', oracle: 'model' });
    if (result.failed || result.crash) return result;
  }
  return undefined;
}

for (const [name, fault] of Object.entries(WIRE_FAULTS))
  test.serial(`a bug planted in a wire handler is caught by the main job: ${name}`, async (t) => {
    t.timeout(600_000);
    const tasks = plan(true).filter(isWireTask);
    process.env.KSPEC_WIRE_FAULT = name;
    let caught: TaskResult | undefined;
    try {
      caught = await firstFailure(tasks);
    } finally {
      delete process.env.KSPEC_WIRE_FAULT;
    }
    t.truthy(caught, `${fault.description}: not caught by the wire leg`);
    if (fault.caughtAs === 'crash') {
      t.regex(caught!.crash ?? '', /a broker failed to handle a request and closed the connection/);
    } else {
      t.falsy(caught!.crash);
      t.true(
        (caught!.findings ?? []).some((f) => f.property === 'lockstep-observation'),
        JSON.stringify(caught!.findings?.map((f) => f.message)),
      );
    }
    // The report says the wire path ran and did not hold.
    const report = buildReport({
      seed: 1,
      adapter: 'reference',
      oracle: 'model',
      deep: false,
      shards: [],
      seconds: 0,
      tasks: [caught!],
    });
    t.false(report.wire?.ok);
    // Without the planted bug the same task holds: the catch is the bug's.
    const clean = await executeTask(caught!.task, { adapter: 'reference', oracle: 'model' });
    t.false(clean.failed, clean.findings?.[0]?.message ?? clean.crash);
    const summary = buildReport({
      seed: 1,
      adapter: 'reference',
      oracle: 'model',
      deep: false,
      shards: [],
      seconds: 0,
      tasks: [clean],
    }).wire;
    t.true(summary?.ok);
    t.true((summary?.compared ?? 0) > 0);
  });
