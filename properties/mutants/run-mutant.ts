// Runs the checker against one mutant of the reference cluster: the mutant's suite with
// `kspec.mutant` set, on fixed seeds; reports whether it was caught, by which property (and rules),
// in how long and with how many events in the shrunk trace.
import { resolveAdapter } from '../adapters/resolve.ts';
import { writeCounterexample } from '../check/counterexample-trace.ts';
import { runSuite } from '../check/run-suite.ts';
import { suiteByName } from '../suites/index.ts';
import type { Mutant } from './catalog.ts';

export interface MutantResult {
  readonly mutant: string;
  readonly area: string;
  readonly suite: string;
  readonly caught: boolean;
  /** The properties that reported a violation, and their rule ids. */
  readonly properties: readonly string[];
  readonly rules: readonly string[];
  /** Caught by a property the catalog expects (else caught by something else, or a crash). */
  readonly expected: boolean;
  readonly seconds: number;
  readonly runs: number;
  readonly shrunkEvents: number | null;
  readonly seed: number;
  readonly message?: string;
  readonly crash?: string;
  readonly tracePath?: string;
  readonly path?: string;
  readonly replayPath?: string;
}

export interface MutantRunOptions {
  readonly seed?: number;
  readonly runs?: number;
  readonly tracesDirectory?: string;
  /** false: no lockstep oracle, the state invariants and history checkers alone. */
  readonly oracle?: boolean;
  /** Most runs spent shrinking (the quick mode spends fewer: a longer trace, a faster catch). */
  readonly maxShrinkRuns?: number;
}

export async function runMutant(mutant: Mutant, options: MutantRunOptions = {}): Promise<MutantResult> {
  const suite = suiteByName(mutant.suite);
  if (!suite) throw new Error(`mutant ${mutant.name}: unknown suite '${mutant.suite}'`);
  const seed = options.seed ?? mutant.seed;
  const outcome = await runSuite({
    suite,
    profile: 'safe',
    seed,
    numRuns: options.runs ?? mutant.runs,
    system: await resolveAdapter('reference'),
    // As `kspec check` does: the model in lockstep, unless the run asks for the checkers alone.
    ...(options.oracle === false ? {} : { oracle: await resolveAdapter('model') }),
    extraConfig: { ...mutant.config, 'kspec.mutant': mutant.name },
    ...(options.maxShrinkRuns !== undefined ? { maxShrinkRuns: options.maxShrinkRuns } : {}),
  });
  const properties = [...new Set((outcome.findings ?? []).map((f) => f.property))];
  const tracePath =
    options.tracesDirectory && outcome.failed && !outcome.crash
      ? writeCounterexample(options.tracesDirectory, outcome)
      : undefined;
  return {
    mutant: mutant.name,
    area: mutant.area,
    suite: mutant.suite,
    caught: outcome.failed && !outcome.crash,
    properties,
    rules: [...new Set((outcome.findings ?? []).flatMap((f) => f.rules))],
    expected: properties.some((p) => (mutant.caughtBy as readonly string[]).includes(p)),
    seconds: outcome.seconds,
    runs: outcome.runsDone,
    shrunkEvents: outcome.history ? outcome.history.steps.length : null,
    seed,
    ...(outcome.findings?.[0] ? { message: outcome.findings[0].message } : {}),
    ...(outcome.crash ? { crash: outcome.crash.split('\n').slice(0, 3).join(' | ') } : {}),
    ...(tracePath ? { tracePath } : {}),
    ...(outcome.path ? { path: outcome.path } : {}),
    ...(outcome.replayPath ? { replayPath: outcome.replayPath } : {}),
  };
}
