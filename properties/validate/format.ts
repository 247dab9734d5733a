// The conformance report as text (terminal) and Markdown (to commit next to an implementation).
import { textTable } from '../../spec/text-table.ts';
import type { ConformanceReport, RuleConformance } from './conformance.ts';

const STATUS_TEXT: Record<RuleConformance['status'], string> = {
  conforms: 'conforms',
  violates: 'VIOLATES',
  'not exercised': 'not exercised',
};

export function formatText(report: ConformanceReport): string {
  const lines = [
    `kspec validate: ${report.system} (adapter ${report.adapter}${report.deterministic ? '' : ', real time'}), ${report.oracle ? `in lockstep with ${report.oracle}` : 'checkers alone'}, seed ${report.seed}`,
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
  for (const rule of report.rules)
    for (const v of rule.violations) {
      lines.push('', `${rule.rule} ${v.property} (suite ${v.suite}, ${v.events} events): ${v.message}`);
      lines.push(...v.steps.map((s) => `  ${s}`));
      if (v.tracePath) lines.push(`  trace: ${v.tracePath}`);
      if (v.path)
        lines.push(
          `  replay: --seed ${v.seed} --path ${v.path}${v.replayPath ? ` --replay-path ${v.replayPath}` : ''}`,
        );
    }
  const counts = (status: RuleConformance['status']) =>
    report.rules.filter((r) => r.status === status).length;
  lines.push(
    '',
    `${report.ok ? 'CONFORMS' : 'DOES NOT CONFORM'}: ${counts('conforms')} rules conform, ${counts('violates')} violated, ${counts('not exercised')} not exercised (${report.seconds.toFixed(1)} s)`,
  );
  return lines.join('\n');
}

const cell = (text: string) => text.replaceAll('|', '\\|');

export function formatMarkdown(report: ConformanceReport): string {
  const lines = [
    `## Conformance of ${report.system}`,
    '',
    `Adapter \`${report.adapter}\`, seed ${report.seed}, ${report.deterministic ? 'deterministic' : 'real time (not reproducible event for event)'}, ${report.oracle ? `answers compared with \`${report.oracle}\`` : 'checkers alone'}, ${report.seconds.toFixed(0)} s.`,
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
  for (const rule of report.rules)
    for (const v of rule.violations) {
      lines.push(
        '',
        `### ${rule.rule} ${v.property} (suite ${v.suite}, ${v.events} events)`,
        '',
        cell(v.message),
        '',
        '```',
        ...v.steps,
        '```',
      );
      if (v.tracePath) lines.push('', `Trace: \`${v.tracePath}\``);
    }
  return lines.join('\n');
}
