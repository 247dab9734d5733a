// The conformance report as text (terminal) and Markdown (to commit next to an implementation).
import { textTable } from '../../spec/text-table.ts';
import type { ConformanceReport, RuleConformance, Violation } from './conformance.ts';

const STATUS_TEXT: Record<RuleConformance['status'], string> = {
  conforms: 'conforms',
  violates: 'VIOLATES',
  'not exercised': 'not exercised',
};

export function formatText(report: ConformanceReport): string {
  const lines = [
    `kspec validate: ${report.system} (adapter ${report.adapter}${report.deterministic ? '' : ', real time'}), ${report.oracle ? `in lockstep with ${report.oracle}` : 'checkers alone'}, ${report.profile === 'safe' ? '' : `profile ${report.profile}, `}seed ${report.seed}`,
    '',
    textTable(
      ['suite', 'outcome', 'runs', 'seconds'],
      report.suites.map((s) => [s.suite, s.outcome, String(s.runs), s.seconds.toFixed(1)]),
      { rule: false },
    ),
    ...report.suites.filter((s) => s.error).map((s) => `  ${s.suite}: ${s.error}`),
    '',
    textTable(
      ['rule', 'status', 'checked', 'properties'],
      report.rules.map((r) => [r.rule, STATUS_TEXT[r.status], String(r.checked), r.properties.join(', ')]),
      { rule: false },
    ),
  ];
  if (report.unsupportedEvents.length > 0)
    lines.push('', `skipped (not supported by the system): ${report.unsupportedEvents.join(', ')}`);
  for (const u of report.observed.unsupported) lines.push(`unsupported ${u.event} x${u.count}: ${u.reason}`);
  const errors = report.observed.errors.filter((e) => e.error !== 'NONE');
  if (errors.length > 0)
    lines.push('', `errors answered: ${errors.map((e) => `${e.answer} ${e.error} x${e.count}`).join(', ')}`);
  for (const v of distinctViolations(report)) {
    lines.push(
      '',
      `${v.rules.join(', ')} ${v.property} (suite ${v.suite}, ${v.events} events): ${v.message}`,
    );
    lines.push(...v.steps.map((s) => `  ${s}`));
    if (v.tracePath) lines.push(`  trace: ${v.tracePath}`);
    if (v.path)
      lines.push(
        `  replay: --seed ${v.seed} --path ${v.path}${v.replayPath ? ` --replay-path ${v.replayPath}` : ''}`,
      );
  }
  lines.push('', ...verdictLines(report));
  return lines.join('\n');
}

/** Each violation once (one finding may count against several rules), in rule order. */
function distinctViolations(report: ConformanceReport): Violation[] {
  return [...new Set(report.rules.flatMap((rule) => rule.violations))];
}

const ids = (rules: readonly RuleConformance[]) => rules.map((r) => r.rule).join(', ');

/** Rules per section (GC 18, OC 14, ...), for a list too long to read as ids. */
function bySection(rules: readonly RuleConformance[]): string {
  const counts = new Map<string, number>();
  for (const r of rules) counts.set(r.rule.split('-')[0]!, (counts.get(r.rule.split('-')[0]!) ?? 0) + 1);
  return [...counts].map(([section, count]) => `${section} ${count}`).join(', ');
}

/**
 * The verdict, which says what was checked: CONFORMS only when every rule was exercised and none
 * violated; a run that exercised some rules says how many and which were not (a real-time system
 * runs without the model in lockstep, so the rules only lockstep checks stay not exercised).
 */
export function verdictLines(report: ConformanceReport): string[] {
  const of = (status: RuleConformance['status']) => report.rules.filter((r) => r.status === status);
  const [conform, violated, missed] = [of('conforms'), of('violates'), of('not exercised')];
  const { kind, rules: total, errors } = report.verdict;
  const time = `(${report.seconds.toFixed(1)} s)`;
  const lines = [
    {
      'does-not-conform': `DOES NOT CONFORM: ${violated.length} of ${total} rules violated (${ids(violated)}); ${conform.length} exercised and held, ${missed.length} not exercised ${time}`,
      'no-verdict': `NO VERDICT: suite${errors.length > 1 ? 's' : ''} ${errors.join(', ')} ended in an error; ${conform.length} of ${total} rules exercised and held ${time}`,
      'nothing-checked': `NOTHING CHECKED: none of the ${total} rules was exercised ${time}`,
      conforms: `CONFORMS: all ${total} rules exercised, none violated ${time}`,
      'conforms-on-exercised': `conforms on the ${conform.length} of ${total} rules exercised (${conform.length <= 12 ? ids(conform) : bySection(conform)}); ${missed.length} not exercised, so not checked (${bySection(missed)}) ${time}`,
    }[kind],
  ];
  const lockstepOnly = missed.filter((r) => r.properties.every((p) => p === 'lockstep-observation'));
  if (violated.length === 0 && lockstepOnly.length > 0 && report.oracle === null)
    lines.push(
      report.deterministic
        ? `  ${lockstepOnly.length} of them are checked only by comparing answers with the model in lockstep, which --oracle none turned off`
        : `  ${lockstepOnly.length} of them are checked only by comparing answers with the model in lockstep, which a real-time system (not deterministic) does not run`,
    );
  return lines;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

export function formatMarkdown(report: ConformanceReport): string {
  const lines = [
    `## Conformance of ${report.system}`,
    '',
    `Adapter \`${report.adapter}\`, profile ${report.profile}, seed ${report.seed}, ${report.deterministic ? 'deterministic' : 'real time (not reproducible event for event)'}, ${report.oracle ? `answers compared with \`${report.oracle}\`` : 'checkers alone'}, ${report.seconds.toFixed(0)} s.`,
    '',
    '| suite | outcome | runs | seconds |',
    '| --- | --- | --- | --- |',
    ...report.suites.map(
      (s) =>
        `| ${s.suite} | ${s.outcome}${s.error ? `: ${cell(s.error)}` : ''} | ${s.runs} | ${s.seconds.toFixed(1)} |`,
    ),
    '',
    '| rule | status | checked | properties |',
    '| --- | --- | --- | --- |',
    ...report.rules.map(
      (r) =>
        `| ${r.rule} | ${r.status === 'violates' ? '**violates**' : r.status} | ${r.checked} | ${r.properties.join(', ')} |`,
    ),
  ];
  if (report.unsupportedEvents.length > 0)
    lines.push(
      '',
      `Skipped event kinds (not supported by the system): ${report.unsupportedEvents.map((e) => `\`${e}\``).join(', ')}.`,
    );
  if (report.observed.unsupported.length > 0)
    lines.push(
      '',
      '| unsupported event | reason | times |',
      '| --- | --- | --- |',
      ...report.observed.unsupported.map((u) => `| ${u.event} | ${cell(u.reason)} | ${u.count} |`),
    );
  if (report.observed.errors.length > 0)
    lines.push(
      '',
      '| answer | error | times |',
      '| --- | --- | --- |',
      ...report.observed.errors.map((e) => `| ${e.answer} | ${e.error} | ${e.count} |`),
    );
  for (const v of distinctViolations(report)) {
    lines.push(
      '',
      `### ${v.rules.join(', ')} ${v.property} (suite ${v.suite}, ${v.events} events)`,
      '',
      cell(v.message),
      '',
      '```',
      ...v.steps,
      '```',
    );
    if (v.tracePath) lines.push('', `Trace: \`${v.tracePath}\``);
  }
  const [verdict, ...notes] = verdictLines(report);
  lines.push('', `**${verdict}**`, ...notes.map((note) => note.trim()));
  return lines.join('\n');
}
