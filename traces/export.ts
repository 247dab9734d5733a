// Reading and writing trace files. Writing validates first (a writer that produces a bad trace is a
// bug, and a bad file would only fail later in someone else's hands); reading validates fully and
// fails with every problem named by field.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Event } from '../spec/events.ts';
import type { Observation } from '../spec/observations.ts';
import { TRACE_FORMAT, TRACE_FORMAT_VERSION, type Trace, type TraceStep } from '../spec/trace.ts';
import { CONTRACT_VERSION } from '../spec/version.ts';
import { traceErrors } from './trace-errors.ts';

/** A file that is not a valid trace; `issues` lists each problem, naming the field. */
export class TraceError extends Error {
  override name = 'TraceError';
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
  ) {
    super(message);
  }
}

export const KSPEC_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Throws TraceError listing every problem; returns the value typed as a trace otherwise. */
export function assertTrace(value: unknown, source = 'trace'): Trace {
  const issues = traceErrors(value);
  if (issues.length === 0) return value as Trace;
  const shown = issues.slice(0, 12);
  const more = issues.length > shown.length ? `\n  ... and ${issues.length - shown.length} more` : '';
  throw new TraceError(`${source}: not a valid kspec trace:\n  ${shown.join('\n  ')}${more}`, issues);
}

/** Parses and validates trace text; `source` names the file in messages. */
export function parseTrace(text: string, source = 'trace'): Trace {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TraceError(`${source}: not JSON (${(error as Error).message})`, [`trace: not JSON`]);
  }
  return assertTrace(value, source);
}

export function readTrace(path: string): Trace {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TraceError(
      `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return parseTrace(text, path);
}

const safe = (text: string) => text.replace(/[^A-Za-z0-9._+-]/g, '_');

/** `OC-2_seed1234.json` for a counterexample (rules joined by +), `<name>.json` for a named scenario. */
export function traceFileName(trace: Trace): string {
  if (trace.violation) return `${safe(trace.violation.rules.join('+'))}_seed${trace.seed}.json`;
  return `${safe(trace.name ?? `${trace.kind}`)}${trace.name ? '' : `_seed${trace.seed}`}.json`;
}

/** The file's text: two-space JSON with a final newline, so files diff well. */
export function traceText(trace: Trace): string {
  return `${JSON.stringify(trace, null, 2)}\n`;
}

/**
 * Writes the trace into `directory` (created if missing) under its rule-and-seed name, atomically
 * (temporary file, then rename), and returns the path. The same rule and seed overwrite: same run.
 */
export function writeTrace(directory: string, trace: Trace): string {
  assertTrace(trace, 'trace to write');
  mkdirSync(directory, { recursive: true });
  const path = join(directory, traceFileName(trace));
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, traceText(trace));
  renameSync(temporary, path);
  return path;
}

/** One step as a runner knows it: the event and what was answered; seq and time are filled in. */
export interface RunStep {
  event: Event;
  observations?: Observation[];
  modelObservations?: Observation[];
  state?: TraceStep['state'];
  expected?: TraceStep['expected'];
  phase?: TraceStep['phase'];
  note?: string;
}

/** Numbers the steps and computes their simulated time from the advance-time events. */
export function numberSteps(steps: readonly RunStep[]): TraceStep[] {
  let timeMs = 0;
  return steps.map((step, seq) => {
    const numbered: TraceStep = { seq, timeMs, event: step.event };
    if (step.observations) numbered.observations = step.observations;
    if (step.modelObservations) numbered.modelObservations = step.modelObservations;
    if (step.expected) numbered.expected = step.expected;
    if (step.state) numbered.state = step.state;
    if (step.phase) numbered.phase = step.phase;
    if (step.note) numbered.note = step.note;
    if (step.event.type === 'advance-time') timeMs += step.event.ms;
    return numbered;
  });
}

/** The fields a trace writer supplies; the envelope (format, versions) and step numbering are filled in. */
export type TraceInput = Omit<Trace, 'format' | 'version' | 'kspecVersion' | 'contractVersion' | 'steps'> & {
  steps: readonly RunStep[];
};

export function createTrace(input: TraceInput): Trace {
  const { steps, ...rest } = input;
  return {
    format: TRACE_FORMAT,
    version: TRACE_FORMAT_VERSION,
    kspecVersion: KSPEC_VERSION,
    contractVersion: CONTRACT_VERSION,
    ...rest,
    steps: numberSteps(steps),
  } as Trace;
}
