// Runs one task in this process and reduces it to a TaskResult (writing a counterexample trace).
import { resolveConfig } from '../../spec/config.ts';
import { resolveAdapter } from '../adapters/resolve.ts';
import { Coverage } from '../lockstep/coverage.ts';
import { Tally } from '../lockstep/tally.ts';
import { AVAILABILITY_CASE, profileConfig, SAFE_PROFILE } from '../profiles.ts';
import { suiteByName } from '../suites/index.ts';
import { CONSUMER_MATRIX_SUITE, PRODUCER_MATRIX_SUITE } from '../suites/matrix-suite.ts';
import type { Suite } from '../suites/suite.ts';
import { probeAvailability } from './availability.ts';
import { writeCounterexample } from './counterexample-trace.ts';
import type { Task } from './plan.ts';
import { runSuite } from './run-suite.ts';
import type { TaskResult } from './task-result.ts';

function suiteOf(name: string): Suite {
  const suite =
    [PRODUCER_MATRIX_SUITE, CONSUMER_MATRIX_SUITE].find((s) => s.name === name) ?? suiteByName(name);
  if (!suite) throw new Error(`unknown suite '${name}'`);
  return suite;
}

export interface ExecuteOptions {
  readonly adapter: string;
  /** Lockstep: an oracle system (e.g. `model`) every event it models is also applied to and compared with. */
  readonly oracle?: string;
  readonly tracesDirectory?: string;
  readonly onRun?: () => void;
}

export async function executeTask(task: Task, options: ExecuteOptions): Promise<TaskResult> {
  const factory = await resolveAdapter((task.kind === 'suite' && task.adapter) || options.adapter);
  if (task.kind === 'availability') return availability(task, factory.name, factory.create);
  const outcome = await runSuite({
    suite: suiteOf(task.suite),
    profile: task.profile,
    seed: task.seed,
    numRuns: task.numRuns,
    system: factory,
    ...(options.oracle ? { oracle: await resolveAdapter(options.oracle) } : {}),
    ...(task.path ? { path: task.path } : {}),
    ...(task.replayPath ? { replayPath: task.replayPath } : {}),
    ...(task.steer ? { steer: task.steer } : {}),
    ...(options.onRun ? { onRun: options.onRun } : {}),
  });
  const tracePath =
    options.tracesDirectory && outcome.failed
      ? writeCounterexample(options.tracesDirectory, outcome)
      : undefined;
  return {
    task,
    adapter: factory.name,
    failed: outcome.failed,
    seconds: outcome.seconds,
    runsDone: outcome.runsDone,
    events: outcome.events,
    tally: outcome.tally.toJSON(),
    coverage: outcome.coverage.toJSON(),
    outcomes: outcome.outcomes.toJSON(),
    ...(outcome.path ? { path: outcome.path } : {}),
    ...(outcome.replayPath ? { replayPath: outcome.replayPath } : {}),
    ...(outcome.steer ? { steer: outcome.steer } : {}),
    ...(outcome.commands ? { commands: outcome.commands } : {}),
    ...(outcome.findings ? { findings: outcome.findings } : {}),
    ...(outcome.secondsToFailure !== undefined ? { secondsToFailure: outcome.secondsToFailure } : {}),
    ...(outcome.history ? { shrunkEvents: outcome.history.steps.length } : {}),
    ...(outcome.crash ? { crash: outcome.crash } : {}),
    ...(tracePath ? { tracePath } : {}),
  };
}

async function availability(
  task: Task,
  adapter: string,
  create: () => Promise<import('../../spec/sut.ts').SystemUnderTest>,
): Promise<TaskResult> {
  const started = performance.now();
  const system = await create();
  try {
    const flipped = await probeAvailability(
      system,
      resolveConfig(profileConfig(AVAILABILITY_CASE.name)),
      task.seed >>> 0,
    );
    const safe = await probeAvailability(system, resolveConfig(SAFE_PROFILE), task.seed >>> 0);
    const tally = new Tally();
    tally.add('acks-all-availability', 2, 0, flipped.refused ? 1 : 0);
    return {
      task,
      adapter,
      failed: flipped.refused,
      seconds: (performance.now() - started) / 1000,
      runsDone: 1,
      events: flipped.events + safe.events,
      tally: tally.toJSON(),
      coverage: new Coverage().toJSON(),
      shrunkEvents: flipped.events,
      note: `one replica down: acks=all answered ${flipped.error} (safe profile: ${safe.error})`,
    };
  } finally {
    await system.close();
  }
}
