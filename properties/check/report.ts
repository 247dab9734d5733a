// The report of a `kspec check` (or of several, merged): per-task results, the per-rule table, the
// coverage reached, the matrix rows, and whether everything held. Plain JSON, so shards written on
// different machines can be merged with `kspec merge`.

import { answersCheckedFor } from '../lockstep/answer-rules.ts';
import { Coverage, type CoverageJson, MACHINES } from '../lockstep/coverage.ts';
import { Tally, type TallyKey, type TallyRow } from '../lockstep/tally.ts';
import { type OutcomeReport, outcomeReport } from '../outcomes/outcome-coverage.ts';
import { AVAILABILITY_CASE, FLIPS } from '../profiles.ts';
import { PROPERTIES, type PropertyName } from '../rules.ts';
import type { TaskResult } from './task-result.ts';
import { type WireLegSummary, wireLegSummary } from './wire-leg.ts';

export const REPORT_FORMAT = 'kspec-check-report';

export interface RuleRow extends TallyRow {
  readonly property: string;
  readonly rules: readonly string[];
}

/** One rule of spec/SPEC.md: the properties that check it, the events they checked, the violations naming it. */
export interface RuleIdRow {
  readonly rule: string;
  readonly properties: readonly string[];
  /** The most events (snapshots, or answers for lockstep) any of its properties checked. */
  readonly checked: number;
  /** Findings that name this rule, in the tasks that must hold (matrix flips excluded). */
  readonly violations: number;
}

export interface MatrixRowJson {
  readonly setting: string;
  readonly unsafeValue: string;
  readonly profile: string;
  readonly kind: 'safe' | 'safety' | 'availability';
  /** Safety/availability rows: the flip was caught. Safe rows: a violation was found (must be false). */
  readonly caught: boolean;
  readonly events: number | null;
  readonly seconds: number;
  readonly properties: readonly string[];
  readonly seed: number;
  readonly path?: string;
  readonly replayPath?: string;
  readonly tracePath?: string;
  readonly note: string;
}

export interface CheckReport {
  readonly format: typeof REPORT_FORMAT;
  readonly version: 1;
  readonly seed: number;
  readonly adapter: string;
  /** The lockstep oracle, when one was used. */
  readonly oracle?: string;
  readonly deep: boolean;
  readonly shards: readonly string[];
  readonly seconds: number;
  readonly ok: boolean;
  readonly tasks: readonly TaskResult[];
  readonly rules: readonly RuleRow[];
  readonly ruleIds: readonly RuleIdRow[];
  readonly coverage: CoverageJson;
  /** Outcome coverage: per answer type, the reachable outcomes of its rules reached and not. */
  readonly outcomes: OutcomeReport;
  readonly matrix: readonly MatrixRowJson[];
  /** The wire leg (reference:wire), when it ran: what it covered and whether it held. */
  readonly wire?: WireLegSummary;
  readonly failures: readonly TaskResult[];
}

/** Properties that show a lost or rewritten write: a producer-side flip is caught only by one of these. */
const LOSS_PROPERTIES = [
  'no-acknowledged-loss',
  'no-dropped-send',
  'lost-write',
  'inconsistent-offsets',
  'nonmonotonic-send',
];

/** Whether an unsafe row's violation is the loss its flip is about (not some other bug found first). */
export function caughtAsExpected(result: TaskResult): boolean {
  if (!result.failed || result.crash) return false;
  if (result.task.kind === 'availability') return true;
  const flip = FLIPS.find((f) => f.name === result.task.profile);
  // A producer-side flip is caught by a loss, or by what it names (idempotence-off: a duplicate).
  const expected =
    flip?.side === 'consumer' ? ['at-least-once'] : [...LOSS_PROPERTIES, ...(flip?.caughtBy ?? [])];
  return (result.findings ?? []).some((f) => expected.includes(f.property));
}

/** Whether a task's result is what a healthy checker and system should give. */
export function taskHolds(result: TaskResult): boolean {
  if (result.crash) return false;
  if (result.task.kind === 'suite') return !result.failed;
  if (result.task.profile === 'safe') return !result.failed;
  return caughtAsExpected(result);
}

function matrixRows(results: readonly TaskResult[]): MatrixRowJson[] {
  const rows: MatrixRowJson[] = [];
  const matrixResults = results.filter((r) => r.task.kind !== 'suite');
  for (const result of matrixResults) {
    const flip = [...FLIPS, AVAILABILITY_CASE].find((f) => f.name === result.task.profile);
    const safe = result.task.profile === 'safe';
    rows.push({
      setting: safe ? `safe profile (${result.task.suite})` : (flip?.setting ?? result.task.profile),
      unsafeValue: safe ? '-' : (flip?.unsafeValue ?? '?'),
      profile: result.task.profile,
      kind: safe ? 'safe' : (flip?.kind ?? 'safety'),
      caught: safe ? result.failed : caughtAsExpected(result),
      events: result.failed ? (result.shrunkEvents ?? null) : null,
      seconds: result.seconds,
      properties: result.crash ? ['crash'] : [...new Set((result.findings ?? []).map((f) => f.property))],
      seed: result.task.seed,
      ...(result.path ? { path: result.path } : {}),
      ...(result.replayPath ? { replayPath: result.replayPath } : {}),
      ...(result.tracePath ? { tracePath: result.tracePath } : {}),
      note: result.crash
        ? `crashed: ${result.crash.split('\n')[0]}`
        : (result.note ?? (safe ? 'no violation expected' : (flip?.scenario ?? ''))),
    });
  }
  // Deep runs repeat rows with other seeds: keep one per profile+suite, caught if any caught.
  const merged = new Map<string, MatrixRowJson>();
  for (const row of rows) {
    const key = `${row.profile}|${row.setting}`;
    const before = merged.get(key);
    if (!before) merged.set(key, row);
    else if (row.caught && (!before.caught || (row.events ?? Infinity) < (before.events ?? Infinity)))
      merged.set(key, { ...row, seconds: before.seconds + row.seconds });
    else merged.set(key, { ...before, seconds: before.seconds + row.seconds });
  }
  return [...merged.values()];
}

export function buildReport(input: {
  seed: number;
  adapter: string;
  oracle?: string;
  deep: boolean;
  shards: readonly string[];
  seconds: number;
  tasks: readonly TaskResult[];
}): CheckReport {
  const tally = new Tally();
  const coverage = new Coverage();
  for (const result of input.tasks) {
    // Flips are expected to break rules: their findings are the matrix's, not the rule table's.
    if (result.task.kind !== 'matrix' || result.task.profile === 'safe')
      tally.merge(new Map(Object.entries(result.tally)) as Map<TallyKey, TallyRow>);
    coverage.merge(result.coverage);
  }
  const rules: RuleRow[] = (Object.keys(PROPERTIES) as PropertyName[]).map((name) => ({
    property: name,
    rules: PROPERTIES[name].rules,
    ...(tally.rows.get(name) ?? { checked: 0, violations: 0, reports: 0 }),
  }));
  const failures = input.tasks.filter((r) => !taskHolds(r));
  const wire = wireLegSummary(input.tasks);
  const mustHold = input.tasks.filter((r) => r.task.kind !== 'matrix' || r.task.profile === 'safe');
  return {
    format: REPORT_FORMAT,
    version: 1,
    seed: input.seed,
    adapter: input.adapter,
    ...(input.oracle ? { oracle: input.oracle } : {}),
    deep: input.deep,
    shards: input.shards,
    seconds: input.seconds,
    ok: failures.length === 0,
    tasks: input.tasks,
    rules,
    ruleIds: ruleIdRows(rules, tally, mustHold),
    coverage: coverage.toJSON(),
    outcomes: outcomeReport(input.tasks.flatMap((result) => result.outcomes ?? [])),
    matrix: matrixRows(input.tasks),
    ...(wire ? { wire } : {}),
    failures,
  };
}

function ruleIdRows(rows: readonly RuleRow[], tally: Tally, tasks: readonly TaskResult[]): RuleIdRow[] {
  const byRule = new Map<string, { properties: string[]; checked: number; violations: number }>();
  // Lockstep compares every answer, but an answer shows only the rules that decide it.
  const answersFor = (rule: string) =>
    answersCheckedFor(rule, (type) => tally.rows.get(`answer:${type}`)?.checked ?? 0);
  for (const row of rows)
    for (const rule of row.rules) {
      if (row.property === 'lockstep-observation') {
        const entry = byRule.get(rule) ?? { properties: [], checked: 0, violations: 0 };
        entry.properties.push(row.property);
        entry.checked = Math.max(entry.checked, answersFor(rule));
        byRule.set(rule, entry);
        continue;
      }
      const entry = byRule.get(rule) ?? { properties: [], checked: 0, violations: 0 };
      entry.properties.push(row.property);
      entry.checked = Math.max(entry.checked, row.checked);
      byRule.set(rule, entry);
    }
  for (const task of tasks)
    for (const f of task.findings ?? [])
      if (f.severity === 'violation')
        for (const rule of f.rules) {
          const entry = byRule.get(rule);
          if (entry) entry.violations += 1;
        }
  const order = (id: string) => {
    const [family, n] = id.split('-');
    return (
      `${['GC', 'OC', 'AS', 'RP', 'LG', 'WP', 'IP'].indexOf(family!)}`.padStart(2, '0') + n!.padStart(3, '0')
    );
  };
  return [...byRule.entries()]
    .sort(([a], [b]) => (order(a) < order(b) ? -1 : 1))
    .map(([rule, entry]) => ({ rule, ...entry }));
}

/** Merges reports (shards of one deep run, or several runs): tasks concatenated, everything recomputed. */
export function mergeReports(reports: readonly CheckReport[]): CheckReport {
  if (reports.length === 0) throw new Error('nothing to merge');
  return buildReport({
    seed: reports[0]!.seed,
    adapter: [...new Set(reports.map((r) => r.adapter))].join(','),
    deep: reports.some((r) => r.deep),
    shards: reports.flatMap((r) => r.shards),
    seconds: reports.reduce((sum, r) => sum + r.seconds, 0),
    tasks: reports.flatMap((r) => r.tasks),
  });
}

export function coverageTotals(
  coverage: CoverageJson,
): { machine: string; states: string; transitions: string }[] {
  return Object.entries(MACHINES).map(([machine, spec]) => {
    const seen = coverage[machine] ?? { states: [], transitions: [] };
    const knownTransitions = seen.transitions.filter((t) => spec.transitions.includes(t)).length;
    return {
      machine,
      states: `${seen.states.length}/${spec.states.length}`,
      transitions: `${knownTransitions}/${spec.transitions.length}${seen.transitions.length > knownTransitions ? ` (+${seen.transitions.length - knownTransitions} composite)` : ''}`,
    };
  });
}
