// fast-check arbitraries for traces: valid runs of group, offset, produce and time events with
// answers, expectations and state digests, so round-trip properties cover the format's shapes.
import fc from 'fast-check';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { Trace } from '../../spec/trace.ts';
import { createTrace, type RunStep } from '../export.ts';

const client = fc.constantFrom('c1', 'c2', 'c3');
const topic = fc.constantFrom('t', 'orders', 'a.b-c_1');
const error = fc.constantFrom(
  'NONE',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'REBALANCE_IN_PROGRESS' as const,
);
const generation = fc.integer({ min: -1, max: 20 });
const member = fc.constantFrom('own', 'none', 'bogus' as const);

const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({
    type: fc.constant('join' as const),
    client,
    group: fc.constant('g'),
    member,
    protocols: fc.constant(null).map(() => [{ name: 'range', topics: ['t'] }]),
    sessionTimeoutMs: fc.integer({ min: 0, max: 60000 }),
    rebalanceTimeoutMs: fc.integer({ min: 0, max: 60000 }),
  }),
  fc.record({ type: fc.constant('heartbeat' as const), client, group: fc.constant('g'), generation, member }),
  fc.record({
    type: fc.constant('commit' as const),
    client,
    group: fc.constant('g'),
    generation,
    member,
    offsets: fc.array(fc.record({ topic, partition: fc.nat(4), offset: fc.integer({ min: -1, max: 99 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
  fc.record({
    type: fc.constant('produce' as const),
    producer: fc.constant('p1'),
    topic,
    partition: fc.nat(4),
    values: fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 3 }),
    acks: fc.constantFrom(-1, 0, 1),
  }),
  fc.record({ type: fc.constant('advance-time' as const), ms: fc.integer({ min: 1, max: 100000 }) }),
  fc.record({ type: fc.constant('network-heal' as const) }),
);

const answerTo = (seq: number): fc.Arbitrary<Observation> =>
  fc.oneof(
    fc.record({
      type: fc.constant('heartbeat-response' as const),
      request: fc.constant(seq),
      client,
      group: fc.constant('g'),
      error,
    }),
    fc.record({
      type: fc.constant('sync-response' as const),
      request: fc.nat(seq),
      client,
      group: fc.constant('g'),
      error,
      assignment: fc.array(fc.record({ topic, partitions: fc.uniqueArray(fc.nat(4), { maxLength: 5 }) }), {
        maxLength: 2,
      }),
    }),
  );

const step = (seq: number): fc.Arbitrary<RunStep> =>
  fc.record(
    {
      event,
      observations: fc.array(answerTo(seq), { maxLength: 2 }),
      expected: fc.array(
        fc.record({ type: fc.constant('heartbeat-response' as const), error }, { requiredKeys: ['type'] }),
        { maxLength: 1 },
      ),
      state: fc.record({ digest: fc.stringMatching(/^[0-9a-f]{8,16}$/) }),
      note: fc.string({ minLength: 1, maxLength: 20 }),
    },
    { requiredKeys: ['event'] },
  );

export const traceArbitrary: fc.Arbitrary<Trace> = fc
  .integer({ min: 0, max: 8 })
  .chain((length) => fc.tuple(...Array.from({ length }, (_, seq) => step(seq))))
  .chain((steps) =>
    fc
      .record({
        counterexample: fc.boolean(),
        seed: fc.integer(),
        path: fc.option(fc.stringMatching(/^\d+(:\d+)*$/), { nil: undefined }),
        note: fc.string({ minLength: 1, maxLength: 40 }),
        strategy: fc.constantFrom('range', 'roundrobin'),
      })
      .map(({ counterexample, seed, path, note, strategy }) =>
        createTrace({
          kind: counterexample && steps.length > 0 ? 'counterexample' : 'scenario',
          note,
          adapter: 'reference',
          config: { 'partition.assignment.strategy': strategy },
          seed,
          ...(path === undefined ? {} : { path }),
          ...(counterexample && steps.length > 0
            ? { violation: { rules: ['GC-1'], message: 'broken', step: steps.length - 1 } }
            : { name: 'generated' }),
          steps,
        }),
      ),
  );
