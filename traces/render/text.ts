// The text timeline: a header (what the trace is, its settings and seeds), then one line per
// event with its simulated time and actor, the answers indented under it, the model's answers where
// recorded, expectations, and the violation marked at its step.
import type { Trace } from '../../spec/trace.ts';
import { actorOf, describeEvent, describeExpected, describeObservation, recipientOf } from './describe.ts';
import { settingRows } from './settings.ts';

export function traceHeader(trace: Trace): string[] {
  const lines = [
    `kspec ${trace.kind} (trace format ${trace.version}, kspec ${trace.kspecVersion}, contract ${trace.contractVersion})${trace.name ? `: ${trace.name}` : ''}`,
    `note: ${trace.note}`,
  ];
  if (trace.violation)
    lines.push(
      `violation: ${trace.violation.rules.join(', ')}${trace.violation.property ? ` (${trace.violation.property})` : ''} at step ${trace.violation.step}: ${trace.violation.message}`,
    );
  const run = [`adapter ${trace.adapter}`];
  if (trace.profile) run.push(`profile ${trace.profile}`);
  run.push(`seed ${trace.seed}`);
  if (trace.systemSeed !== undefined) run.push(`system seed ${trace.systemSeed}`);
  if (trace.path) run.push(`path ${trace.path}`);
  if (trace.replayPath) run.push(`replayPath ${trace.replayPath}`);
  lines.push(`run: ${run.join(', ')}`);
  const rows = settingRows(trace);
  const changed = rows.filter((row) => row.changed).map((row) => `${row.name}=${row.value}`);
  const restated = rows.length - changed.length;
  lines.push(
    `config: ${changed.length > 0 ? changed.join(' ') : 'Kafka defaults'}${restated > 0 ? ` (and ${restated} settings at Kafka's default)` : ''}`,
  );
  return lines;
}

/** A parked request answered by a later event says which one it answers. */
export const lateNote = (observation: { request: number }, seq: number) =>
  observation.request === seq ? '' : ` (answers #${observation.request})`;

export function renderText(trace: Trace): string {
  const lines = [...traceHeader(trace), ''];
  const timeWidth = Math.max(7, ...trace.steps.map((step) => String(step.timeMs).length));
  const actorWidth = Math.max(3, ...trace.steps.map((step) => actorOf(step.event).length));
  const seqWidth = String(Math.max(0, trace.steps.length - 1)).length;
  lines.push(
    `${'  '}${'#'.padStart(seqWidth)}  ${'time ms'.padStart(timeWidth)}  ${'who'.padEnd(actorWidth)}  event`,
  );
  const indent = ' '.repeat(2 + seqWidth + 2 + timeWidth + 2 + actorWidth + 2);
  for (const step of trace.steps) {
    const violating = trace.violation?.step === step.seq;
    const marker = violating ? '>>' : step.phase === 'final' ? 'F ' : '  ';
    lines.push(
      `${marker}${String(step.seq).padStart(seqWidth)}  ${String(step.timeMs).padStart(timeWidth)}  ${actorOf(step.event).padEnd(actorWidth)}  ${describeEvent(step.event)}`,
    );
    if (step.note) lines.push(`${indent}# ${step.note}`);
    for (const observation of step.observations ?? [])
      lines.push(
        `${indent}<- ${recipientOf(observation) ?? 'env'} ${observation.type}: ${describeObservation(observation)}${lateNote(observation, step.seq)}`,
      );
    for (const observation of step.modelObservations ?? [])
      lines.push(
        `${indent}model: ${recipientOf(observation) ?? 'env'} ${observation.type}: ${describeObservation(observation)}`,
      );
    for (const expected of step.expected ?? []) lines.push(`${indent}expect: ${describeExpected(expected)}`);
    if (step.state) lines.push(`${indent}state ${step.state.digest}`);
    if (violating && trace.violation)
      lines.push(`${indent}!! ${trace.violation.rules.join(', ')}: ${trace.violation.message}`);
  }
  return `${lines.join('\n')}\n`;
}
