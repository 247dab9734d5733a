// The text timeline: a header (what the trace is, its settings and seeds), then one line per
// event with its simulated time and actor, the answers indented under it, the model's answers where
// recorded, expectations, each partition's replication where it changed (from the snapshots), and
// the violation marked at its step, a lockstep mismatch as the fields that differ.
import type { Trace } from '../../spec/trace.ts';
import {
  actorOf,
  changedReplication,
  describeEvent,
  describeExpected,
  describeObservation,
  isInternalPartition,
  recipientOf,
  replicationText,
} from './describe.ts';
import { answerDifferences, type FieldDifference, violationMessage } from './diff.ts';
import { settingRows } from './settings.ts';
import { timeline, type View } from './timeline.ts';

/** The field-level diff as aligned lines: answer, field, the model's value, the system's. */
export function differenceLines(differences: readonly FieldDifference[]): string[] {
  const width = (pick: (d: FieldDifference) => string, title: string) =>
    Math.max(title.length, ...differences.map((d) => pick(d).length));
  const answer = width((d) => d.answer, 'answer');
  const field = width((d) => d.field, 'field');
  const model = width((d) => d.model, 'model');
  const row = (a: string, f: string, m: string, s: string) =>
    `${a.padEnd(answer)}  ${f.padEnd(field)}  ${m.padEnd(model)}  ${s}`.trimEnd();
  return [
    row('answer', 'field', 'model', 'system'),
    ...differences.map((d) => row(d.answer, d.field, d.model, d.system)),
  ];
}

export function traceHeader(trace: Trace): string[] {
  const lines = [
    `kspec ${trace.kind} (trace format ${trace.version}, kspec ${trace.kspecVersion}, contract ${trace.contractVersion})${trace.name ? `: ${trace.name}` : ''}`,
    `note: ${trace.note}`,
  ];
  if (trace.violation)
    lines.push(
      `violation: ${trace.violation.rules.join(', ')}${trace.violation.property ? ` (${trace.violation.property})` : ''} at step ${trace.violation.step}: ${violationMessage(trace)}`,
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
    `config: ${changed.length > 0 ? changed.join(' ') : 'defaults'}${restated > 0 ? ` (and ${restated} settings at their defaults)` : ''}`,
  );
  return lines;
}

/** A parked request answered by a later event says which one it answers. */
export const lateNote = (observation: { request: number }, seq: number) =>
  observation.request === seq ? '' : ` (answers #${observation.request})`;

/** What the markers of this timeline mean (only those it uses). */
function keyLine(trace: Trace, views: View[]): string {
  const parts = ['<- an answer'];
  if (trace.violation) parts.unshift('>> the violating step');
  if (trace.steps.some((step) => step.phase === 'final'))
    parts.push('F the final phase (faults healed, every log read back)');
  if (views.some((view) => Object.keys(view.replication).some((key) => !isInternalPartition(key))))
    parts.push('~ a partition after the step (b1 = broker 1, LEO per replica)');
  return `key: ${parts.join(', ')}`;
}

export function renderText(trace: Trace): string {
  const views = timeline(trace);
  const lines = [...traceHeader(trace), ''];
  const timeWidth = Math.max(7, ...trace.steps.map((step) => String(step.timeMs).length));
  const actorWidth = Math.max(3, ...trace.steps.map((step) => actorOf(step.event).length));
  const seqWidth = String(Math.max(0, trace.steps.length - 1)).length;
  lines.push(
    `${'  '}${'#'.padStart(seqWidth)}  ${'time ms'.padStart(timeWidth)}  ${'who'.padEnd(actorWidth)}  event`,
  );
  lines.splice(lines.length - 1, 0, keyLine(trace, views));
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
    const before = views[step.seq]!.replication;
    const after = views[step.seq + 1]!.replication;
    for (const partition of changedReplication(before, after))
      lines.push(`${indent}~ ${replicationText(partition, after[partition]!)}`);
    if (violating && trace.violation) {
      lines.push(`${indent}!! ${trace.violation.rules.join(', ')}: ${violationMessage(trace)}`);
      const mismatch = trace.violation.mismatch;
      if (mismatch)
        for (const line of differenceLines(answerDifferences(mismatch.model, mismatch.system)))
          lines.push(`${indent}   ${line}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
