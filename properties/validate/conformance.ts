// `kspec validate`: the checker's suites against any system (an adapter), reduced to a conformance
// report per rule of spec/SPEC.md: conforms (checked and never violated), violates (with the shrunk
// counterexample and its trace file), or not exercised (no event checked it, e.g. because the
// system cannot apply the events that reach it). Event kinds the system does not support are listed.

import { EVENT_TYPES } from '../../spec/events.ts';
import { resolveAdapter } from '../adapters/resolve.ts';
import { writeCounterexample } from '../check/counterexample-trace.ts';
import { runSuite } from '../check/run-suite.ts';
import { answersCheckedFor } from '../lockstep/answer-rules.ts';
import { Tally } from '../lockstep/tally.ts';
import { PROPERTIES, type PropertyName } from '../rules.ts';
import { suiteByName } from '../suites/index.ts';
import { CONSUMER_MATRIX_SUITE, PRODUCER_MATRIX_SUITE } from '../suites/matrix-suite.ts';
import { ObservationCounter, type ObservedCounts } from './observed.ts';
import { type Verdict, verdictOf } from './verdict.ts';

export const CONFORMANCE_FORMAT = 'kspec-conformance-report';

export interface Violation {
  readonly property: string;
  /** The rules the finding names (a lockstep finding: the rules behind the answer that differs). */
  readonly rules: readonly string[];
  readonly suite: string;
  readonly message: string;
  /** Events in the shrunk counterexample (setup and final phase included). */
  readonly events: number;
  /** The shrunk run, one event per line with what the system answered. */
  readonly steps: readonly string[];
  readonly seed: number;
  readonly path?: string;
  readonly replayPath?: string;
  readonly tracePath?: string;
}

export interface RuleConformance {
  readonly rule: string;
  readonly status: 'conforms' | 'violates' | 'not exercised';
  readonly properties: readonly string[];
  readonly checked: number;
  readonly violations: readonly Violation[];
}

export interface SuiteSummary {
  readonly suite: string;
  readonly runs: number;
  readonly seconds: number;
  readonly outcome: 'held' | 'violation' | 'error';
  readonly error?: string;
}

export interface ConformanceReport {
  readonly format: typeof CONFORMANCE_FORMAT;
  readonly version: 1;
  readonly adapter: string;
  readonly system: string;
  readonly deterministic: boolean;
  /** The lockstep oracle its answers were compared with, or null (checkers alone; real-time systems). */
  readonly oracle: string | null;
  readonly profile: string;
  readonly seed: number;
  readonly seconds: number;
  readonly ok: boolean;
  /** What the run may claim: conforms, conforms on the rules exercised, does not conform, ... */
  readonly verdict: Verdict;
  readonly suites: readonly SuiteSummary[];
  readonly rules: readonly RuleConformance[];
  /** Event kinds the system cannot apply: runs skip them, so rules they reach may be not exercised. */
  readonly unsupportedEvents: readonly string[];
  /** Every answer counted: unsupported ones by event and reason, error codes by answer type. */
  readonly observed: ObservedCounts;
}

export interface ValidateOptions {
  readonly adapter: string;
  /** The lockstep oracle (default: the model; none: the checkers alone). */
  readonly oracle?: string;
  readonly suites: readonly string[];
  /** The profile the suites run under (properties/profiles.ts): safe, or one unsafe flip. */
  readonly profile?: string;
  readonly seed: number;
  readonly runs: number;
  readonly tracesDirectory?: string;
  /** Most property runs spent shrinking (real-time systems shrink slowly). */
  readonly maxShrinkRuns?: number;
  readonly onSuite?: (summary: SuiteSummary) => void;
}

const STEP_LINE_LIMIT = 160;

function stepLines(history: {
  steps: readonly { seq: number; event: unknown; observations: readonly unknown[]; phase: string }[];
}): string[] {
  return history.steps.map((step) => {
    const answer = step.observations.map((o) => JSON.stringify(o)).join(' ');
    const line = `${step.seq}${step.phase === 'final' ? ' (final)' : ''} ${JSON.stringify(step.event)} -> ${answer || '(no answer)'}`;
    return line.length > STEP_LINE_LIMIT ? `${line.slice(0, STEP_LINE_LIMIT - 1)}…` : line;
  });
}

export async function validate(options: ValidateOptions): Promise<ConformanceReport> {
  const started = performance.now();
  const resolved = await resolveAdapter(options.adapter);
  const counter = new ObservationCounter();
  const factory = { name: resolved.name, create: async () => counter.wrap(await resolved.create()) };
  const probe = await factory.create();
  const capabilities = await probe.capabilities().finally(() => probe.close());
  const oracleName = options.oracle ?? 'model';
  const oracle = oracleName === 'none' ? undefined : await resolveAdapter(oracleName);
  const tally = new Tally();
  const violations = new Map<string, Violation[]>();
  const suites: SuiteSummary[] = [];
  for (const name of options.suites) {
    const suite =
      [PRODUCER_MATRIX_SUITE, CONSUMER_MATRIX_SUITE].find((s) => s.name === name) ?? suiteByName(name);
    if (!suite) throw new Error(`unknown suite '${name}'`);
    const outcome = await runSuite({
      suite,
      profile: options.profile ?? 'safe',
      seed: options.seed,
      numRuns: options.runs,
      system: factory,
      ...(oracle ? { oracle } : {}),
      ...(options.maxShrinkRuns !== undefined ? { maxShrinkRuns: options.maxShrinkRuns } : {}),
    });
    tally.merge(outcome.tally);
    const summary: SuiteSummary = {
      suite: name,
      runs: outcome.runsDone,
      seconds: outcome.seconds,
      outcome: outcome.crash ? 'error' : outcome.failed ? 'violation' : 'held',
      // The report names what went wrong in one line; stack frames belong to a bug report, not here.
      ...(outcome.crash ? { error: outcome.crash.split('\n')[0]! } : {}),
    };
    suites.push(summary);
    options.onSuite?.(summary);
    if (!outcome.failed || outcome.crash || !outcome.history) continue;
    const tracePath = options.tracesDirectory
      ? writeCounterexample(options.tracesDirectory, outcome)
      : undefined;
    for (const finding of (outcome.findings ?? []).filter((f) => f.severity === 'violation')) {
      const list = violations.get(finding.property) ?? [];
      if (list.some((v) => v.suite === name)) continue;
      list.push({
        property: finding.property,
        rules: finding.rules,
        suite: name,
        message: finding.message,
        events: outcome.history.steps.length,
        steps: stepLines(outcome.history),
        seed: outcome.seed,
        ...(outcome.path ? { path: outcome.path } : {}),
        ...(outcome.replayPath ? { replayPath: outcome.replayPath } : {}),
        ...(tracePath ? { tracePath } : {}),
      });
      violations.set(finding.property, list);
    }
  }
  const byRule = new Map<string, PropertyName[]>();
  for (const name of Object.keys(PROPERTIES) as PropertyName[])
    for (const rule of PROPERTIES[name].rules) byRule.set(rule, [...(byRule.get(rule) ?? []), name]);
  const rules: RuleConformance[] = [...byRule.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([rule, properties]) => {
      // A violation counts against the rules its finding names (a lockstep mismatch names the
      // rules behind the answer that differs, not every rule lockstep covers).
      const found = properties.flatMap((p) => violations.get(p) ?? []).filter((v) => v.rules.includes(rule));
      const checked = properties.reduce(
        (sum, p) =>
          sum +
          (p === 'lockstep-observation'
            ? answersCheckedFor(rule, (type) => tally.rows.get(`answer:${type}`)?.checked ?? 0)
            : (tally.rows.get(p)?.checked ?? 0)),
        0,
      );
      return {
        rule,
        status: found.length > 0 ? 'violates' : checked > 0 ? 'conforms' : 'not exercised',
        properties,
        // Only passing runs feed the tally, so a rule violated in the first run would read
        // "checked 0"; the answers that broke it were checked.
        checked: Math.max(checked, found.length),
        violations: found,
      };
    });
  return {
    format: CONFORMANCE_FORMAT,
    version: 1,
    adapter: options.adapter,
    system: capabilities.name,
    deterministic: capabilities.deterministic,
    oracle: oracle && capabilities.deterministic ? oracleName : null,
    profile: options.profile ?? 'safe',
    seed: options.seed,
    seconds: (performance.now() - started) / 1000,
    ok: rules.every((r) => r.status !== 'violates') && suites.every((s) => s.outcome !== 'error'),
    verdict: verdictOf(rules, suites),
    suites,
    rules,
    unsupportedEvents: EVENT_TYPES.filter((type) => !capabilities.events.includes(type)),
    observed: counter.toJSON(),
  };
}
