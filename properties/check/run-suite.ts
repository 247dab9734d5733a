// Runs one suite under one profile as a fast-check property over command sequences, with shrinking
// and replay: the failure carries the seed, the counterexample path and the commands' replay path,
// which together reproduce the shrunk run exactly (../shared/toolchain.md).
import fc from 'fast-check';
import { type Config, resolveConfig } from '../../spec/config.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';
import { type ArbitraryName, CONSUMERS } from '../commands/arbitraries.ts';
import type { Finding, History } from '../history/history.ts';
import { Coverage } from '../lockstep/coverage.ts';
import { LockstepRun } from '../lockstep/run.ts';
import { Tally } from '../lockstep/tally.ts';
import { PropertyViolation } from '../lockstep/violation.ts';
import { OutcomeCoverage } from '../outcomes/outcome-coverage.ts';
import { flipByName, profileConfig, SAFE_PROFILE } from '../profiles.ts';
import { commandsOf, type Suite } from '../suites/suite.ts';
import { steeredCommand } from '../swarm/steered-command.ts';
import { Steering } from '../swarm/steering.ts';
import { describeSwarm, swarmArbitrary } from '../swarm/swarm.ts';
import type { Swarm } from '../swarm/swarm-config.ts';

/** Makes systems under test; one is created per suite run and reset before every property run. */
export interface SystemFactory {
  readonly name: string;
  create(): Promise<SystemUnderTest>;
}

export interface SuiteRunOptions {
  readonly suite: Suite;
  readonly profile: string;
  readonly seed: number;
  readonly numRuns: number;
  readonly system: SystemFactory;
  readonly oracle?: SystemFactory;
  /** Replay: fast-check's counterexample path and the commands' replay path. */
  readonly path?: string;
  readonly replayPath?: string;
  /** Replay of a swarm suite: the steering its failing run was generated with (`--steer`). */
  readonly steer?: string;
  readonly extraConfig?: Config;
  readonly onRun?: () => void;
  /**
   * Most property runs spent shrinking after the first failure (a count, not a time, so the same
   * seed still gives the same counterexample); past it, candidates are skipped as passing and the
   * smallest failure found so far is reported.
   */
  readonly maxShrinkRuns?: number;
  /**
   * fast-check's size for the command lists (default 'large', at most 1,000 commands whatever the
   * suite's maxCommands): the scale benchmark passes 'xlarge' to reach runs of 10,000 events. A
   * counterexample replays only with the size it was generated with.
   */
  readonly size?: fc.Size;
}

export const DEFAULT_MAX_SHRINK_RUNS = 250;

export interface SuiteOutcome {
  readonly suite: string;
  readonly profile: string;
  readonly adapter: string;
  readonly config: Config;
  readonly seed: number;
  readonly systemSeed: number;
  readonly numRuns: number;
  readonly runsDone: number;
  readonly failed: boolean;
  readonly seconds: number;
  readonly tally: Tally;
  readonly coverage: Coverage;
  /** Rule outcomes the passing runs produced. */
  readonly outcomes: OutcomeCoverage;
  /** Events applied in the runs that passed (setup and final phase included). */
  readonly events: number;
  readonly path?: string;
  readonly replayPath?: string;
  /** Swarm suites: the steering the failing run was generated with (replay needs it). */
  readonly steer?: string;
  readonly commands?: string;
  readonly findings?: readonly Finding[];
  readonly history?: History;
  /** Not a rule violation: the system or the runner threw. */
  readonly crash?: string;
  readonly numShrinks?: number;
  /** A failure: seconds from the suite's start until its first failing run ended (before shrinking). */
  readonly secondsToFailure?: number;
}

/**
 * Safe profile, then the suite's overrides, then a swarm run's settings, then the profile's flip (a
 * flip always wins), then `extra`.
 */
export function suiteConfig(suite: Suite, profile: string, extra: Config = {}, swarm: Config = {}): Config {
  const flip = profile === 'safe' ? {} : (flipByName(profile)?.overrides ?? profileConfig(profile));
  return resolveConfig({ ...SAFE_PROFILE, ...suite.overrides, ...swarm, ...flip, ...extra });
}

const REPLAY_PATH = /\/\*replayPath="([^"]*)"\*\//;

export async function runSuite(options: SuiteRunOptions): Promise<SuiteOutcome> {
  const started = performance.now();
  const config = suiteConfig(options.suite, options.profile, options.extraConfig);
  const systemSeed = options.seed >>> 0;
  const system = await options.system.create();
  const oracle = options.oracle ? await options.oracle.create() : undefined;
  const tally = new Tally();
  const coverage = new Coverage();
  const outcomes = new OutcomeCoverage();
  let events = 0;
  let runsDone = 0;
  let failing = false;
  // Swarm suites draw a configuration per run and steer the command kinds between runs.
  const swarmed = options.suite.swarm === true;
  const steering = new Steering(options.suite.weights, options.steer);
  const kinds = Object.keys(options.suite.weights) as ArbitraryName[];
  const commands = fc.commands(swarmed ? [steeredCommand(steering)] : commandsOf(options.suite), {
    maxCommands: options.suite.maxCommands,
    size: options.size ?? 'large',
    ...(options.replayPath ? { replayPath: options.replayPath } : {}),
  });
  const swarms: fc.Arbitrary<Swarm | undefined> = swarmed
    ? swarmArbitrary(kinds, CONSUMERS, steering)
    : fc.constant(undefined);
  const maxShrinkRuns = options.maxShrinkRuns ?? DEFAULT_MAX_SHRINK_RUNS;
  let shrinkRuns = 0;
  let failedSteer: string | undefined;
  let failedConfig = config;
  let failedAt: number | undefined;
  const property = fc.asyncProperty(swarms, commands, async (swarm, cmds) => {
    if (failing && ++shrinkRuns > maxShrinkRuns) return;
    const steer = steering.encode();
    const runConfig = swarm
      ? suiteConfig(options.suite, options.profile, options.extraConfig, swarm.config)
      : config;
    const run = new LockstepRun({ system, ...(oracle ? { oracle } : {}), config: runConfig, systemSeed });
    run.knowledge.swarm = swarm;
    if (swarmed) run.knowledge.unreached = new Set(steering.unreached);
    try {
      await run.start();
      await options.suite.prelude?.(run);
      await fc.asyncModelRun(() => ({ model: run.knowledge, real: run }), cmds);
      await options.suite.epilogue?.(run);
      await run.finish();
    } catch (error) {
      if (!failing) {
        runsDone += 1;
        failedSteer = steer;
        failedAt = performance.now();
      }
      failing = true;
      // Shrinking keeps the last failing candidate: its configuration is the counterexample's.
      failedConfig = runConfig;
      throw error;
    } finally {
      if (!failing) {
        tally.merge(run.tally);
        coverage.merge(run.coverage);
        outcomes.merge(run.outcomes);
        if (swarmed) steering.update(outcomes.reached);
        events += run.recorder.nextSeq;
        runsDone += 1;
        options.onRun?.();
      }
    }
  });
  try {
    const result = await fc.check(property, {
      seed: options.seed,
      numRuns: options.path ? 1 : options.numRuns,
      // A replay reports the counterexample the path names, as printed, not a further shrunk one (a
      // shrink cut short by maxShrinkRuns would otherwise go on from it).
      ...(options.path ? { path: options.path, endOnFailure: true } : {}),
    });
    const base = {
      suite: options.suite.name,
      profile: options.profile,
      adapter: options.system.name,
      config,
      seed: options.seed,
      systemSeed,
      numRuns: options.numRuns,
      runsDone,
      tally,
      coverage,
      outcomes,
      events,
      seconds: (performance.now() - started) / 1000,
    };
    if (!result.failed) return { ...base, failed: false };
    const [swarm, cmds] = result.counterexample ?? [undefined, undefined];
    const shown = `${swarm ? `${describeSwarm(swarm)} ` : ''}${String(cmds ?? '')}`;
    const error = result.errorInstance;
    const replayPath = REPLAY_PATH.exec(shown)?.[1] ?? options.replayPath;
    const outcome = {
      ...base,
      failed: true,
      ...(result.counterexamplePath ? { path: result.counterexamplePath } : {}),
      ...(replayPath ? { replayPath } : {}),
      commands: shown.replace(REPLAY_PATH, '').trim(),
      numShrinks: result.numShrinks,
      config: failedConfig,
      ...(failedAt !== undefined ? { secondsToFailure: (failedAt - started) / 1000 } : {}),
      ...(swarmed && (failedSteer ?? options.steer) ? { steer: failedSteer ?? options.steer } : {}),
    };
    if (error instanceof PropertyViolation) {
      for (const f of error.findings) tally.add(f.property, 0, f.severity === 'violation' ? 1 : 0);
      return { ...outcome, findings: error.findings, history: error.history };
    }
    return { ...outcome, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  } finally {
    await system.close();
    await oracle?.close();
  }
}
