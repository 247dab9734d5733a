// Text output of a check report: suites, the matrix table, the per-rule table, coverage, and for
// every failure the line that replays it.
import { textTable } from '../../spec/text-table.ts';
import type { OutcomeReport } from '../outcomes/outcome-coverage.ts';
import type { CheckReport } from './report.ts';
import { coverageTotals } from './report.ts';
import type { TaskResult } from './task-result.ts';
import { formatWireLeg } from './wire-leg.ts';

export function replayCommand(result: TaskResult, adapter: string, oracle?: string): string {
  const task = result.task;
  // A wire-leg task names its own adapter (reference:wire).
  if (task.kind === 'suite' && task.adapter) adapter = task.adapter;
  const suite = task.kind === 'suite' ? `--suite ${task.suite}` : `--suite ${task.suite}`;
  const parts = [`kspec check ${suite} --profile ${task.profile} --seed ${task.seed}`];
  if (result.path) parts.push(`--path '${result.path}'`);
  if (result.replayPath) parts.push(`--replay-path '${result.replayPath}'`);
  if (result.steer) parts.push(`--steer '${result.steer}'`);
  if (adapter !== 'reference') parts.push(`--adapter ${adapter}`);
  // The oracle is the model by default (none when the model is the system), so only a departure shows.
  const defaultOracle = adapter === 'model' ? undefined : 'model';
  if (oracle !== defaultOracle) parts.push(`--oracle ${oracle ?? 'none'}`);
  return parts.join(' ');
}

/** How many events of a task's passing runs went to the oracle too (lockstep), as a share. */
function comparedShare(result: TaskResult, oracle: string | undefined): string {
  if (!oracle || result.events === 0) return '-';
  const compared = result.tally['lockstep-observation']?.checked ?? 0;
  return `${Math.round((100 * compared) / result.events)}%`;
}

export function formatReport(report: CheckReport): string {
  const out: string[] = [];
  const suites = report.tasks.filter((t) => t.task.kind === 'suite');
  if (suites.length > 0) {
    out.push('', 'Suites');
    out.push(
      textTable(
        ['suite', 'profile', 'seed', 'runs', 'events', 'compared', 'result', 'seconds'],
        suites.map((r) => [
          r.task.kind === 'suite' && r.task.adapter ? `${r.task.suite} (wire)` : r.task.suite,
          r.task.profile,
          String(r.task.seed),
          String(r.runsDone),
          String(r.events),
          comparedShare(r, report.oracle),
          r.crash ? 'CRASH' : r.failed ? 'VIOLATION' : 'ok',
          r.seconds.toFixed(1),
        ]),
      ),
    );
  }
  if (report.wire) out.push('', formatWireLeg(report.wire));
  if (report.matrix.length > 0) {
    out.push('', 'No-loss matrix');
    out.push(
      textTable(
        ['setting', 'unsafe value', 'caught', 'events', 'seconds', 'found by'],
        report.matrix.map((row) => [
          row.setting,
          row.unsafeValue,
          row.kind === 'safe' ? (row.caught ? 'VIOLATION' : 'no (ok)') : row.caught ? 'yes' : 'NO',
          row.events === null ? '-' : String(row.events),
          row.seconds.toFixed(2),
          row.kind === 'availability' || (row.kind === 'safety' && !row.caught && row.events !== null)
            ? row.note.slice(0, 140)
            : row.properties.join(', '),
        ]),
      ),
    );
  }
  const caught = report.tasks.filter(
    (r) => r.task.kind === 'matrix' && r.task.profile !== 'safe' && r.failed && r.path,
  );
  if (caught.length > 0) {
    out.push('', 'Matrix counterexamples (expected: each flip is caught)');
    for (const result of caught) {
      out.push(`- ${result.task.profile}: ${(result.findings ?? [])[0]?.message ?? ''}`);
      if (result.commands) out.push(`  shrunk: ${result.commands}`);
      if (result.tracePath) out.push(`  trace: ${result.tracePath}`);
      out.push(`  replay: ${replayCommand(result, report.adapter, report.oracle)}`);
    }
  }
  out.push(
    '',
    'Rules (per rule: the events, snapshots or answers its properties checked, and violations naming it)',
  );
  out.push(
    textTable(
      ['rule', 'events checked', 'violations', 'checked by'],
      report.ruleIds.map((r) => [r.rule, String(r.checked), String(r.violations), r.properties.join(', ')]),
    ),
  );
  out.push('', 'Properties');
  out.push(
    textTable(
      ['property', 'rule ids', 'events checked', 'violations', 'reported'],
      report.rules.map((r) => [
        r.property,
        // Lockstep checks every rule an answer shows: a short form keeps the table readable.
        r.rules.length > 4
          ? `${r.rules.slice(0, 3).join(' ')} +${r.rules.length - 3} more`
          : r.rules.join(' '),
        String(r.checked),
        String(r.violations),
        String(r.reports),
      ]),
    ),
  );
  out.push('', 'State coverage (from snapshots)');
  out.push(
    textTable(
      ['machine', 'states', 'transitions'],
      coverageTotals(report.coverage).map((c) => [c.machine, c.states, c.transitions]),
    ),
  );
  out.push(...formatOutcomes(report.outcomes));
  if (report.failures.length > 0) {
    out.push('', 'Failures');
    for (const failure of report.failures) {
      const expectedCatch = failure.task.kind !== 'suite' && failure.task.profile !== 'safe';
      out.push(
        expectedCatch
          ? `- ${failure.task.profile}: not caught in ${failure.runsDone} runs (seed ${failure.task.seed})`
          : `- ${failure.task.suite} / ${failure.task.profile}: ${failure.crash ? `crash: ${failure.crash.split('\n')[0]}` : (failure.findings ?? []).map((f) => `${f.property} [${f.rules.join(' ')}] at step ${f.step}: ${f.message}`).join('\n    ')}`,
      );
      if (failure.commands) out.push(`  shrunk: ${failure.commands}`);
      if (failure.tracePath) out.push(`  trace: ${failure.tracePath}`);
      if (!expectedCatch) out.push(`  replay: ${replayCommand(failure, report.adapter, report.oracle)}`);
    }
  }
  out.push(
    '',
    `${report.ok ? 'OK' : 'FAILED'}: ${report.tasks.length} task${report.tasks.length === 1 ? '' : 's'} in ${report.seconds.toFixed(1)} s (seed ${report.seed}, adapter ${report.adapter})`,
  );
  return out.join('\n');
}

/** Outcome coverage: one row per answer type, then every unreached outcome by name. */
export function formatOutcomes(outcomes: OutcomeReport): string[] {
  const out = [
    '',
    `Outcome coverage (rule outcomes reached / reachable, from the model): ${outcomes.reached}/${outcomes.reachable} (${outcomes.percent}%)`,
    textTable(
      ['answer', 'rules', 'reached', 'unreached'],
      outcomes.rows.map((row) => [
        row.answer,
        row.rules.length > 4
          ? `${row.rules.slice(0, 3).join(' ')} +${row.rules.length - 3} more`
          : row.rules.join(' '),
        `${row.reached}/${row.reachable}`,
        String(row.unreached.length),
      ]),
    ),
  ];
  const unreached = outcomes.rows.flatMap((row) => row.unreached);
  if (unreached.length > 0) out.push('unreached:', ...unreached.map((o) => `  ${o}`));
  const beyond = outcomes.rows.flatMap((row) => row.beyond);
  if (beyond.length > 0) out.push('produced, not in the catalog:', ...beyond.map((o) => `  ${o}`));
  return out;
}
