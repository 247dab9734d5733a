// Runs one suite under one profile as a fast-check property over command sequences, with shrinking
// and replay: the failure carries the seed, the counterexample path and the commands' replay path,
// which together reproduce the shrunk run exactly (../shared/toolchain.md).
import fc from 'fast-check';
import { type Config, resolveConfig } from '../../spec/config.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';
import type { Finding, History } from '../history/history.ts';
import { Coverage } from '../lockstep/coverage.ts';
import { LockstepRun } from '../lockstep/run.ts';
import { Tally } from '../lockstep/tally.ts';
import { PropertyViolation } from '../lockstep/violation.ts';
import { flipByName, profileConfig, SAFE_PROFILE } from '../profiles.ts';
import { commandsOf, type Suite } from '../suites/suite.ts';

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
  readonly extraConfig?: Config;
  readonly onRun?: () => void;
  /**
   * Most property runs spent shrinking after the first failure (a count, not a time, so the same
   * seed still gives the same counterexample); past it, candidates are skipped as passing and the
   * smallest failure found so far is reported.
   */
  readonly maxShrinkRuns?: number;
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
  /** Events applied in the runs that passed (setup and final phase included). */
  readonly events: number;
  readonly path?: string;
  readonly replayPath?: string;
  readonly commands?: string;
  readonly findings?: readonly Finding[];
  readonly history?: History;
  /** Not a rule violation: the system or the runner threw. */
  readonly crash?: string;
  readonly numShrinks?: number;
}

/** Safe profile, then the suite's overrides, then the profile's flip (a flip always wins), then `extra`. */
export function suiteConfig(suite: Suite, profile: string, extra: Config = {}): Config {
  const flip = profile === 'safe' ? {} : (flipByName(profile)?.overrides ?? profileConfig(profile));
  return resolveConfig({ ...SAFE_PROFILE, ...suite.overrides, ...flip, ...extra });
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
  let events = 0;
  let runsDone = 0;
  let failing = false;
  const commands = fc.commands(commandsOf(options.suite), {
    maxCommands: options.suite.maxCommands,
    size: 'large',
    ...(options.replayPath ? { replayPath: options.replayPath } : {}),
  });
  const maxShrinkRuns = options.maxShrinkRuns ?? DEFAULT_MAX_SHRINK_RUNS;
  let shrinkRuns = 0;
  const property = fc.asyncProperty(commands, async (cmds) => {
    if (failing && ++shrinkRuns > maxShrinkRuns) return;
    const run = new LockstepRun({ system, ...(oracle ? { oracle } : {}), config, systemSeed });
    try {
      await run.start();
      await options.suite.prelude?.(run);
      await fc.asyncModelRun(() => ({ model: run.knowledge, real: run }), cmds);
      await run.finish();
    } catch (error) {
      if (!failing) runsDone += 1;
      failing = true;
      throw error;
    } finally {
      if (!failing) {
        tally.merge(run.tally);
        coverage.merge(run.coverage);
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
      ...(options.path ? { path: options.path } : {}),
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
      events,
      seconds: (performance.now() - started) / 1000,
    };
    if (!result.failed) return { ...base, failed: false };
    const shown = String(result.counterexample?.[0] ?? '');
    const error = result.errorInstance;
    const replayPath = REPLAY_PATH.exec(shown)?.[1] ?? options.replayPath;
    const outcome = {
      ...base,
      failed: true,
      ...(result.counterexamplePath ? { path: result.counterexamplePath } : {}),
      ...(replayPath ? { replayPath } : {}),
      commands: shown.replace(REPLAY_PATH, '').trim(),
      numShrinks: result.numShrinks,
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
