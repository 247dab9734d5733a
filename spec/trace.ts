// Traces: a run written down so it can be shared, replayed and rendered. A counterexample trace is
// what `kspec check` writes when a rule breaks; a scenario trace is written by hand, with the
// answers the system must give (`expected`), and replays as a conformance test. The format is
// versioned on its own (TRACE_FORMAT_VERSION) and records the contract version it was written with.
// Documentation: spec/TRACES.md. JSON Schema: spec/trace.schema.json (generated from this file).
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Closed, Literal } from './common.ts';
import { EVENT_SCHEMAS, type Event } from './events.ts';
import { OBSERVATION_SCHEMAS, type Observation } from './observations.ts';
import { type SystemState, SystemStateSchema } from './state.ts';
import { makeValidator } from './validate.ts';

/** Bumped when the trace layout changes incompatibly; a reader refuses versions it does not know. */
export const TRACE_FORMAT_VERSION = 1;
export const TRACE_FORMAT = 'kspec-trace';

/** A rule id of spec/SPEC.md: two capital letters, a dash, a number (`GC-7`). */
export const RuleId = Type.String({ pattern: '^[A-Z]{2}-[0-9]+$' });

const SettingValue = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

// The unions sit once in the document's `definitions` and steps refer to them, so the schema file
// stays small although a step holds observations in three places (and `$id`s are not repeated).
const ref = <T>(name: string) => Type.Unsafe<T>({ $ref: `#/definitions/${name}` });
const TraceEvent = ref<Event>('event');
const TraceObservation = ref<Observation>('observation');

type JsonSchema = Record<string, unknown>;

/**
 * The schema with every object field optional (at any depth), closed objects still closed: an
 * expected observation names only the fields it asserts, and a typo is still an error.
 */
function deepPartial(schema: JsonSchema, keepRequired: readonly string[]): JsonSchema {
  const copy: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'required') continue;
    if (key === 'properties' && value && typeof value === 'object') {
      copy[key] = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([name, inner]) => [
          name,
          deepPartial(inner, []),
        ]),
      );
    } else if ((key === 'items' || key === 'anyOf') && value && typeof value === 'object') {
      copy[key] = Array.isArray(value)
        ? value.map((inner) => deepPartial(inner as JsonSchema, []))
        : deepPartial(value as JsonSchema, []);
    } else copy[key] = value;
  }
  const required = keepRequired.filter(
    (name) => Array.isArray(schema.required) && schema.required.includes(name),
  );
  if (required.length > 0) copy.required = required;
  return copy;
}

/**
 * An expected observation: `type` and any subset of the observation's fields, nested objects
 * partial too. Arrays given are compared element by element with the same length.
 */
export const ExpectedObservationDefinition = Type.Unsafe<ExpectedObservation>({
  anyOf: OBSERVATION_SCHEMAS.map((schema) =>
    deepPartial(JSON.parse(JSON.stringify(schema)) as JsonSchema, ['type']),
  ),
  description: 'An observation with only the fields to assert (type is required).',
});
const ExpectedObservationSchema = ref<ExpectedObservation>('expectedObservation');

/** Any subset of an observation's fields, at any depth; `type` names the observation. */
export type ExpectedObservation = { type: Observation['type'] } & Record<string, unknown>;

export const TraceStepSchema = Closed(
  {
    /** Position of the event in the run, 0-based and consecutive (observations' `request` refers to it). */
    seq: Type.Integer({ minimum: 0 }),
    /** Simulated time when the event is applied: the sum of the `advance-time` events before it. */
    timeMs: Type.Integer({ minimum: 0 }),
    event: TraceEvent,
    /** What the system under test answered while applying this event (late answers included). */
    observations: Type.Optional(Type.Array(TraceObservation)),
    /** What the model (the oracle) answered, when recorded. */
    modelObservations: Type.Optional(Type.Array(TraceObservation)),
    /** Hand-written: answers this event must produce (each matched against one actual answer). */
    expected: Type.Optional(Type.Array(ExpectedObservationSchema)),
    /** The model's state after this event: a digest, and the snapshot when the writer kept it. */
    state: Type.Optional(
      Closed({
        digest: Type.String({ pattern: '^[0-9a-f]{8,64}$' }),
        snapshot: Type.Optional(ref<SystemState>('state')),
      }),
    ),
    /** `final`: the closing phase of a run (heal, restart, read everything back); absent means `run`. */
    phase: Type.Optional(Type.Union([Literal('run'), Literal('final')])),
    /** One line about this step, shown by renderers. */
    note: Type.Optional(Type.String()),
  },
  'One event of the run, with its simulated time and what was answered.',
);

export const ViolationSchema = Closed(
  {
    /** Rule ids of spec/SPEC.md the run broke. */
    rules: Type.Array(RuleId, { minItems: 1 }),
    /** The checker property that found it (`lost-write`, `one-owner-per-partition`, ...). */
    property: Type.Optional(Type.String({ minLength: 1 })),
    message: Type.String({ minLength: 1 }),
    /** The `seq` of the step at which the violation was detected. */
    step: Type.Integer({ minimum: 0 }),
    /**
     * For a lockstep mismatch (`lockstep-observation`): the answers compared at `step`, the model's
     * and the system's, so a reader sees the differing fields (added in kspec 0.1; optional, so
     * older traces read as before).
     */
    mismatch: Type.Optional(
      Closed(
        { model: Type.Array(TraceObservation), system: Type.Array(TraceObservation) },
        'The answers the model (oracle) and the system gave at the violating step, of the types the model predicts.',
      ),
    ),
  },
  'The rules a counterexample broke, and where.',
);

export const TraceSchema = Type.Object(
  {
    format: Literal(TRACE_FORMAT),
    version: Type.Literal(TRACE_FORMAT_VERSION),
    /** The kspec version (package.json) that wrote the trace. */
    kspecVersion: Type.String({ minLength: 1 }),
    /** spec/version.ts CONTRACT_VERSION of the events and observations inside. */
    contractVersion: Type.Integer({ minimum: 1 }),
    kind: Type.Union([Literal('counterexample'), Literal('scenario')]),
    /** A short slug naming a scenario (file name); counterexamples are named by rule and seed. */
    name: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9._-]*$', maxLength: 100 })),
    /** One line: what this trace caught or shows. */
    note: Type.String({ minLength: 1 }),
    /** The adapter that produced the recorded observations (`reference`, `model`, `stdio:...`). */
    adapter: Type.String({ minLength: 1 }),
    /** Settings by Kafka's names (spec/config.ts); absent ones take Kafka's defaults. */
    config: Type.Record(Type.String(), SettingValue),
    /** The checker profile the run came from, if any. */
    profile: Type.Optional(Type.String()),
    /** The fast-check seed of the run (or any integer for a hand-written scenario). */
    seed: Type.Integer(),
    /** The seed given to SystemUnderTest.reset; default: `seed >>> 0`. */
    systemSeed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
    /** fast-check's counterexample path (`fc.assert(..., { seed, path })`). */
    path: Type.Optional(Type.String()),
    /** fast-check's command replay path (`fc.commands(arbs, { replayPath })`). */
    replayPath: Type.Optional(Type.String()),
    steps: Type.Array(TraceStepSchema),
    /** Present on a counterexample. */
    violation: Type.Optional(ViolationSchema),
  },
  {
    additionalProperties: false,
    description:
      'A kspec run: events with simulated time, answers, model state digests and, for a failure, the broken rules.',
    definitions: {
      event: Type.Union([...EVENT_SCHEMAS]),
      observation: Type.Union([...OBSERVATION_SCHEMAS]),
      expectedObservation: ExpectedObservationDefinition,
      state: SystemStateSchema,
    },
  },
);

export type Trace = Static<typeof TraceSchema>;
export type TraceStep = Static<typeof TraceStepSchema>;
export type Violation = Static<typeof ViolationSchema>;
export type TraceKind = Trace['kind'];

/** Schema-only validation; `readTrace` (traces/export.ts) adds version and consistency checks. */
export const isTrace = makeValidator<Trace>(TraceSchema as TSchema, 'trace');
