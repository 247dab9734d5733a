import test from 'ava';
import fc from 'fast-check';
import { EVENT_SCHEMAS, EVENT_TYPES, type Event, EventSchema } from './events.ts';
import { OBSERVATION_SCHEMAS, ObservationSchema } from './observations.ts';
import { SystemStateSchema } from './state.ts';
import { arbitraryFromSchema } from './testing/arbitrary-from-schema.ts';
import { ContractError, isEvent, isObservation, isSystemState } from './validate.ts';

const SEED = 20261122;
const events = arbitraryFromSchema(EventSchema as never) as fc.Arbitrary<Event>;
const observations = arbitraryFromSchema(ObservationSchema as never);

test('every generated event validates and survives a JSON round trip unchanged', (t) => {
  fc.assert(
    fc.property(events, (event) => {
      const copy = JSON.parse(JSON.stringify(event));
      return isEvent(event) && isEvent(copy) && JSON.stringify(copy) === JSON.stringify(event);
    }),
    { seed: SEED, numRuns: 2000 },
  );
  t.pass();
});

test('every generated observation validates and survives a JSON round trip unchanged', (t) => {
  fc.assert(
    fc.property(observations, (observation) => {
      const copy = JSON.parse(JSON.stringify(observation));
      return isObservation(observation) && isObservation(copy);
    }),
    { seed: SEED, numRuns: 2000 },
  );
  t.pass();
});

test('generated system-state snapshots validate', (t) => {
  fc.assert(
    fc.property(arbitraryFromSchema(SystemStateSchema as never), (state) => isSystemState(state)),
    { seed: SEED, numRuns: 300 },
  );
  t.pass();
});

test('the generator reaches every event type and every observation type', (t) => {
  const seenEvents = new Set(fc.sample(events, { seed: SEED, numRuns: 3000 }).map((e) => e.type));
  t.deepEqual([...seenEvents].sort(), [...EVENT_TYPES].sort());
  const seenObservations = new Set(
    fc.sample(observations, { seed: SEED, numRuns: 3000 }).map((o) => (o as { type: string }).type),
  );
  t.is(seenObservations.size, OBSERVATION_SCHEMAS.length);
  t.is(EVENT_SCHEMAS.length as number, EVENT_TYPES.length);
});

/** A malformation of a valid event, with the field the error message must name. */
const malformations = (event: Record<string, unknown>) => {
  const fields = Object.keys(event).filter((key) => key !== 'type');
  const cases: { value: unknown; field: string }[] = [
    { value: { ...event, bogusField: 1 }, field: 'bogusField' },
  ];
  for (const field of fields) {
    const { [field]: _removed, ...without } = event;
    cases.push({ value: { ...without, [field]: [[]] }, field: `event.${field}` });
  }
  return cases;
};

test('malformed events are rejected with a message naming the field', (t) => {
  fc.assert(
    fc.property(events, (event) => {
      for (const { value, field } of malformations(event as Record<string, unknown>)) {
        const errors = isEvent.errors(value);
        if (errors.length === 0 || !errors.some((message) => message.includes(field))) return false;
      }
      return true;
    }),
    { seed: SEED, numRuns: 500 },
  );
  t.pass();
});

test('a missing required field is named', (t) => {
  const errors = isEvent.errors({ type: 'produce', producer: 'p1', topic: 't', partition: 0, values: ['a'] });
  t.deepEqual(errors, ["event: missing field 'acks'"]);
});

test('an unknown event type lists the known ones', (t) => {
  const [message] = isEvent.errors({ type: 'explode' });
  t.true(message?.startsWith('event.type: unknown type "explode" (expected one of: join, sync,'));
});

test('a nested bad value is named by its path', (t) => {
  const error = t.throws(
    () =>
      isEvent.assert({
        type: 'commit',
        client: 'c1',
        group: 'g',
        generation: 1,
        member: 'own',
        offsets: [{ topic: 't', partition: -3, offset: 5 }],
      }),
    { instanceOf: ContractError },
  );
  t.is(error?.message, 'invalid event: event.offsets[0].partition: must be >= 0');
});

test('an observation with an unknown error name is rejected with the allowed names', (t) => {
  const [message] = isObservation.errors({
    type: 'heartbeat-response',
    request: 0,
    client: 'c1',
    group: 'g',
    error: 'NOT_A_KAFKA_ERROR',
  });
  t.regex(message ?? '', /^observation\.error: must be one of UNKNOWN_SERVER_ERROR, NONE, /);
});

test('non-objects are rejected', (t) => {
  for (const value of [null, 42, 'join', [], undefined]) t.false(isEvent(value));
});
