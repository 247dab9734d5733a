// Validation of anything that crosses a process boundary (stdio adapters, trace files) with a
// standard JSON Schema validator. Messages name the field: `event.offsets[0].partition: must be >= 0`.

import type { TSchema } from '@sinclair/typebox';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { type Event, EventSchema } from './events.ts';
import { type Observation, ObservationSchema } from './observations.ts';
import { type SystemState, SystemStateSchema } from './state.ts';
import { type Capabilities, CapabilitiesSchema } from './sut.ts';

export class ContractError extends Error {
  override name = 'ContractError';
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
  ) {
    super(message);
  }
}

const ajv = new Ajv.default({ allErrors: true, strict: false });

function pathOf(instancePath: string, root: string): string {
  return (
    root +
    instancePath
      .split('/')
      .slice(1)
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))
      .join('')
  );
}

function describe(error: ErrorObject, root: string): string {
  const where = pathOf(error.instancePath, root);
  if (error.keyword === 'additionalProperties')
    return `${where}: unknown field '${(error.params as { additionalProperty: string }).additionalProperty}'`;
  if (error.keyword === 'required')
    return `${where}: missing field '${(error.params as { missingProperty: string }).missingProperty}'`;
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
    const shown =
      allowed.length > 8
        ? `${allowed.slice(0, 8).join(', ')}, ... (${allowed.length} in all)`
        : allowed.join(', ');
    return `${where}: must be one of ${shown}`;
  }
  if (error.keyword === 'const')
    return `${where}: must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
  return `${where}: ${error.message ?? error.keyword}`;
}

/**
 * Unions report every branch's errors; the useful ones are those of the branch whose `type` matches.
 * So: find the branch by `type` first and validate against it alone.
 */
function branchFor(schema: TSchema, value: unknown): TSchema | undefined {
  const branches = (schema as { anyOf?: TSchema[] }).anyOf;
  if (!branches || typeof value !== 'object' || value === null) return undefined;
  const type = (value as { type?: unknown }).type;
  return branches.find(
    (branch) => (branch as { properties?: { type?: { const?: unknown } } }).properties?.type?.const === type,
  );
}

export interface Validator<T> {
  (value: unknown): value is T;
  /** Throws ContractError naming each bad field. */
  assert(value: unknown): T;
  errors(value: unknown): string[];
}

export function makeValidator<T>(schema: TSchema, root: string): Validator<T> {
  const whole: ValidateFunction = ajv.compile(schema);
  const branches = new Map<TSchema, ValidateFunction>();
  const errors = (value: unknown): string[] => {
    if (whole(value)) return [];
    const branch = branchFor(schema, value);
    if (!branch) {
      const types = ((schema as { anyOf?: TSchema[] }).anyOf ?? [])
        .map((b) => (b as { properties?: { type?: { const?: string } } }).properties?.type?.const)
        .filter(Boolean);
      if (types.length > 0) {
        const got =
          typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
        return [
          `${root}.type: ${got === undefined ? 'missing' : `unknown type ${JSON.stringify(got)}`} (expected one of: ${types.join(', ')})`,
        ];
      }
      return (whole.errors ?? []).map((e) => describe(e, root));
    }
    let compiled = branches.get(branch);
    if (!compiled) {
      compiled = ajv.compile(branch);
      branches.set(branch, compiled);
    }
    compiled(value);
    return (compiled.errors ?? []).map((e) => describe(e, root));
  };
  const validator = ((value: unknown) => whole(value)) as Validator<T>;
  validator.errors = errors;
  validator.assert = (value: unknown): T => {
    const found = errors(value);
    if (found.length > 0) throw new ContractError(`invalid ${root}: ${found.join('; ')}`, found);
    return value as T;
  };
  return validator;
}

export const isEvent = makeValidator<Event>(EventSchema, 'event');
export const isObservation = makeValidator<Observation>(ObservationSchema, 'observation');
export const isSystemState = makeValidator<SystemState>(SystemStateSchema, 'state');
export const isCapabilities = makeValidator<Capabilities>(CapabilitiesSchema, 'capabilities');
