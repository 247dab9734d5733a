// Replaying a trace: reset a system under test with the trace's settings and seed, apply the events
// one by one, and compare each step's answers with the trace (compare.ts). An oracle (the model in
// lockstep, invariant and history checkers) plugs in per step through `ReplayOracle`; without one,
// a counterexample "reproduces" when the system gives the recorded answers up to the violating step.
import { validateConfig } from '../../spec/config.ts';
import type { Observation } from '../../spec/observations.ts';
import type { SystemState } from '../../spec/state.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';
import type { Trace, TraceStep } from '../../spec/trace.ts';
import { type Divergence, StepComparator } from './compare.ts';

/**
 * A rule an oracle saw broken. `property` (a checker property name, stable) is matched before
 * `rules` (ids of spec/SPEC.md, which the rule book may renumber).
 */
export interface OracleViolation {
  readonly rules: readonly string[];
  readonly property?: string;
  readonly message: string;
}

/** What an oracle says after one step: differences from the model, and rules it saw broken. */
export interface OracleVerdict {
  readonly divergences?: readonly Divergence[];
  readonly violations?: readonly OracleViolation[];
}

/**
 * The model (or any checker) judging the system's answers step by step. The lockstep runner of
 * properties/ implements this; `finish` lets history checkers judge the whole run at the end.
 */
export interface ReplayOracle {
  readonly name: string;
  reset(trace: Trace): Promise<void>;
  /** `state`: the system's snapshot after the step, when it can be inspected. */
  step(step: TraceStep, actual: readonly Observation[], state?: SystemState): Promise<OracleVerdict>;
  finish?(): Promise<OracleVerdict>;
  close?(): Promise<void>;
}

export interface StepResult {
  readonly seq: number;
  readonly actual: readonly Observation[];
  readonly divergences: readonly Divergence[];
  readonly violations: readonly OracleViolation[];
}

/**
 * conforms: every expectation met and no oracle saw a rule broken; violated: a scenario's
 * expectation failed; reproduced: a counterexample's violation happened again; not-reproduced: the
 * system answered differently from the recorded failure and no oracle saw the rule broken.
 */
export type ReplayVerdict = 'conforms' | 'violated' | 'reproduced' | 'not-reproduced';

export interface ReplayResult {
  readonly verdict: ReplayVerdict;
  /** One sentence for people. */
  readonly summary: string;
  readonly steps: readonly StepResult[];
  readonly firstDivergence?: Divergence;
  readonly oracle: string | null;
}

export interface ReplayOptions {
  readonly oracle?: ReplayOracle;
  /** Called after each step (for progress or streaming output). */
  readonly onStep?: (result: StepResult) => void;
}

/** The seed the system is reset with: the trace's systemSeed, else its seed as an unsigned integer. */
export const systemSeedOf = (trace: Trace) => trace.systemSeed ?? trace.seed >>> 0;

export async function runSteps(
  trace: Trace,
  system: SystemUnderTest,
  options: ReplayOptions,
): Promise<StepResult[]> {
  const capabilities = await system.capabilities();
  if (capabilities.contractVersion !== trace.contractVersion)
    throw new Error(
      `${capabilities.name} speaks contract version ${capabilities.contractVersion}, the trace was written for ${trace.contractVersion}`,
    );
  await system.reset({ seed: systemSeedOf(trace), config: validateConfig(trace.config) });
  await options.oracle?.reset(trace);
  // Snapshots are taken only for an oracle, and only from a system that offers them.
  const inspectable = capabilities.inspect && typeof system.inspect === 'function';
  const results: StepResult[] = [];
  const comparator = new StepComparator(trace.kind);
  for (const step of trace.steps) {
    const actual = await system.apply(step.event, step.seq);
    const state = options.oracle && inspectable ? await system.inspect?.() : undefined;
    const verdict = (await options.oracle?.step(step, actual, state)) ?? {};
    const result: StepResult = {
      seq: step.seq,
      actual,
      divergences: [...comparator.compare(step, actual), ...(verdict.divergences ?? [])],
      violations: [...(verdict.violations ?? [])],
    };
    results.push(result);
    options.onStep?.(result);
  }
  const final = (await options.oracle?.finish?.()) ?? {};
  const last = results.at(-1);
  if (last && (final.violations?.length || final.divergences?.length))
    results[results.length - 1] = {
      ...last,
      divergences: [...last.divergences, ...(final.divergences ?? [])],
      violations: [...last.violations, ...(final.violations ?? [])],
    };
  return results;
}

/** The trace's violation again: the same checker property when both name one, else a shared rule id. */
function sameViolation(trace: Trace, violation: OracleViolation): boolean {
  const recorded = trace.violation;
  if (!recorded) return false;
  if (recorded.property && violation.property) return recorded.property === violation.property;
  return violation.rules.some((rule) => recorded.rules.includes(rule));
}

function judge(
  trace: Trace,
  steps: readonly StepResult[],
  oracle: ReplayOracle | undefined,
): Omit<ReplayResult, 'steps' | 'oracle'> {
  const firstDivergence = steps.flatMap((step) => step.divergences)[0];
  const broken = steps.flatMap((step) =>
    step.violations.map((violation) => ({ seq: step.seq, ...violation })),
  );
  const at = firstDivergence ? { firstDivergence } : {};
  if (trace.kind === 'scenario') {
    const failed = steps
      .flatMap((step) => step.divergences)
      .filter((d) => d.kind === 'expected-missing' || d.kind === 'oracle');
    if (failed.length > 0)
      return {
        verdict: 'violated',
        summary: `step ${failed[0]!.seq}: ${failed[0]!.message}`,
        firstDivergence: failed[0]!,
      };
    if (broken.length > 0)
      return {
        verdict: 'violated',
        summary: `step ${broken[0]!.seq}: ${broken[0]!.rules.join(', ')}: ${broken[0]!.message}`,
        ...at,
      };
    return { verdict: 'conforms', summary: `all ${trace.steps.length} steps answered as expected`, ...at };
  }
  const again = broken.find((violation) => sameViolation(trace, violation));
  if (again)
    return {
      verdict: 'reproduced',
      summary: `step ${again.seq}: ${again.rules.join(', ')}: ${again.message}`,
      ...at,
    };
  const violationStep = trace.violation?.step ?? trace.steps.length - 1;
  if (oracle)
    return {
      verdict: broken.length > 0 ? 'violated' : 'conforms',
      summary:
        broken.length > 0
          ? `other rules broken: step ${broken[0]!.seq}: ${broken[0]!.rules.join(', ')}: ${broken[0]!.message}`
          : `${oracle.name} saw no rule broken`,
      ...at,
    };
  if (!firstDivergence || firstDivergence.seq > violationStep)
    return {
      verdict: 'reproduced',
      summary: `the system gave the recorded answers through step ${violationStep}: ${trace.violation?.message ?? ''}`,
      ...at,
    };
  return {
    verdict: 'not-reproduced',
    summary: `diverges from the recorded run at step ${firstDivergence.seq} (${firstDivergence.message}); no oracle to judge conformance`,
    firstDivergence,
  };
}

export async function replayTrace(
  trace: Trace,
  system: SystemUnderTest,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const steps = await runSteps(trace, system, options);
  return { ...judge(trace, steps, options.oracle), steps, oracle: options.oracle?.name ?? null };
}

/** 1 when a violation reproduced or a scenario failed, else 0 (the CLI adds 2 for bad input). */
export const exitCodeOf = (verdict: ReplayVerdict) =>
  verdict === 'reproduced' || verdict === 'violated' ? 1 : 0;
