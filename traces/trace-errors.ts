// Everything wrong with a would-be trace, each message naming the field (`trace.steps[3].event.acks:
// must be <= 32767`). Order: the envelope (format, version) first, because a trace of another
// version is not worth validating field by field; then the schema; then the cross-field rules a
// schema cannot state (consecutive seq, simulated time, violation step, settings).
import type { TSchema } from '@sinclair/typebox';
import { ConfigError, validateConfig } from '../spec/config.ts';
import { EventSchema } from '../spec/events.ts';
import { ObservationSchema } from '../spec/observations.ts';
import { SystemStateSchema } from '../spec/state.ts';
import {
  ExpectedObservationDefinition,
  isTrace,
  TRACE_FORMAT,
  TRACE_FORMAT_VERSION,
  type Trace,
} from '../spec/trace.ts';
import { makeValidator, type Validator } from '../spec/validate.ts';
import { CONTRACT_VERSION } from '../spec/version.ts';

const partValidators: Record<string, Validator<unknown>> = {
  event: makeValidator(EventSchema, ''),
  observations: makeValidator(ObservationSchema, ''),
  modelObservations: makeValidator(ObservationSchema, ''),
  expected: makeValidator(ExpectedObservationDefinition as TSchema, ''),
  snapshot: makeValidator(SystemStateSchema, ''),
};

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The envelope: is this a kspec trace of a version this kspec reads? One error is enough here. */
function envelopeErrors(value: unknown): string[] {
  if (!isObject(value)) return ['trace: must be a JSON object'];
  if (value.format !== TRACE_FORMAT)
    return [
      `trace.format: must be "${TRACE_FORMAT}" (got ${JSON.stringify(value.format)}; is this a kspec trace?)`,
    ];
  if (value.version !== TRACE_FORMAT_VERSION)
    return [
      `trace.version: unknown trace format version ${JSON.stringify(value.version)} (this kspec reads version ${TRACE_FORMAT_VERSION})`,
    ];
  if (value.contractVersion !== undefined && value.contractVersion !== CONTRACT_VERSION)
    return [
      `trace.contractVersion: written for contract version ${JSON.stringify(value.contractVersion)}, this kspec speaks version ${CONTRACT_VERSION}`,
    ];
  return [];
}

/**
 * Schema errors, with the union-valued parts (events, observations) validated one by one so a
 * message names the branch that matched by `type` rather than every branch of the union.
 */
function schemaErrors(value: Loose): string[] {
  const found: string[] = [];
  const steps = Array.isArray(value.steps) ? value.steps : [];
  steps.forEach((step: unknown, index) => {
    if (!isObject(step)) return;
    const at = `trace.steps[${index}]`;
    if ('event' in step)
      found.push(...partValidators.event!.errors(step.event).map((e) => at + '.event' + e));
    for (const list of ['observations', 'modelObservations', 'expected'] as const) {
      const items = step[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item, position) => {
        found.push(...partValidators[list]!.errors(item).map((e) => `${at}.${list}[${position}]${e}`));
      });
    }
    if (isObject(step.state) && 'snapshot' in step.state)
      found.push(
        ...partValidators.snapshot!.errors(step.state.snapshot).map((e) => `${at}.state.snapshot${e}`),
      );
  });
  const covered =
    /^trace\.steps\[\d+\]\.(event|observations\[\d+\]|modelObservations\[\d+\]|expected\[\d+\]|state\.snapshot)[.:[]/;
  const rest = isTrace.errors(value).filter((message) => !covered.test(message));
  return [...new Set([...rest, ...found])];
}

/** Rules across fields: positions, simulated time, answers pointing back, the violation, settings. */
function consistencyErrors(trace: Trace): string[] {
  const found: string[] = [];
  let timeMs = 0;
  trace.steps.forEach((step, index) => {
    const at = `trace.steps[${index}]`;
    if (step.seq !== index)
      found.push(`${at}.seq: must be ${index} (steps are numbered 0, 1, 2, ... in order)`);
    if (step.timeMs !== timeMs)
      found.push(
        `${at}.timeMs: must be ${timeMs} (the sum of the advance-time events before it), got ${step.timeMs}`,
      );
    if (step.event.type === 'advance-time') timeMs += step.event.ms;
    for (const list of ['observations', 'modelObservations', 'expected'] as const) {
      (step[list] ?? []).forEach((observation, position) => {
        const request = (observation as { request?: unknown }).request;
        if (typeof request === 'number' && request > step.seq)
          found.push(
            `${at}.${list}[${position}].request: ${request} answers an event after this one (seq ${step.seq})`,
          );
      });
    }
  });
  if (trace.kind === 'counterexample' && !trace.violation)
    found.push('trace.violation: missing field (a counterexample names the rules it broke)');
  if (trace.violation && trace.violation.step >= trace.steps.length)
    found.push(
      `trace.violation.step: ${trace.violation.step} is past the last step (${trace.steps.length - 1})`,
    );
  const violation = trace.violation;
  for (const side of ['model', 'system'] as const)
    (violation?.mismatch?.[side] ?? []).forEach((observation, position) => {
      if (observation.request > violation!.step)
        found.push(
          `trace.violation.mismatch.${side}[${position}].request: ${observation.request} answers an event after the violating step (${violation!.step})`,
        );
    });
  try {
    validateConfig(trace.config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    found.push(`trace.config: ${error.message}`);
  }
  return found;
}

/** Every problem with `value` as a trace; empty when it is a valid trace this kspec can read. */
export function traceErrors(value: unknown): string[] {
  const envelope = envelopeErrors(value);
  if (envelope.length > 0) return envelope;
  const schema = schemaErrors(value as Loose);
  if (schema.length > 0) return schema;
  return consistencyErrors(value as Trace);
}
