// Property test of the adapter on random sequences of contract events (every kind, faults
// unrestricted): every observation and state snapshot satisfies the contract's schemas, the
// replication invariants hold on the cluster's own state after every event, and the same seed
// and events give byte-identical observations.
import test from 'ava';
import fc from 'fast-check';
import type { Event } from '../../../spec/events.ts';
import type { SystemState } from '../../../spec/state.ts';
import { isObservation, isSystemState } from '../../../spec/validate.ts';
import { createReferenceSystem } from './reference-system.ts';

const clients = ['c1', 'c2', 'c3'] as const;
const client = fc.constantFrom(...clients);
const member = fc.constantFrom('own' as const, 'own' as const, 'none' as const, 'bogus' as const);
const partition = fc.integer({ min: 0, max: 3 });
const generation = fc.integer({ min: -1, max: 3 });
const protocols = fc.constantFrom(
  [{ name: 'range', topics: ['t'] }],
  [
    { name: 'roundrobin', topics: ['t'] },
    { name: 'range', topics: ['t'] },
  ],
);

const produceArbitrary = fc.record({
  type: fc.constant('produce' as const),
  producer: fc.constant('p'),
  topic: fc.constant('t'),
  partition,
  values: fc.array(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  acks: fc.constantFrom(-1, -1, 1, 1, 0, 2),
});

const eventArbitrary = fc.oneof(
  { arbitrary: produceArbitrary, weight: 8 },
  { arbitrary: fc.record({ type: fc.constant('replicate' as const) }), weight: 6 },
  fc.record({
    type: fc.constant('fetch' as const),
    client,
    topic: fc.constant('t'),
    partition,
    offset: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({
    type: fc.constant('join' as const),
    client,
    group: fc.constant('g'),
    member,
    protocols,
    sessionTimeoutMs: fc.constant(10_000),
    rebalanceTimeoutMs: fc.constant(5_000),
  }),
  fc.record({ type: fc.constant('sync' as const), client, group: fc.constant('g'), generation, member }),
  fc.record({ type: fc.constant('heartbeat' as const), client, group: fc.constant('g'), generation, member }),
  fc.record({ type: fc.constant('leave' as const), client, group: fc.constant('g'), member }),
  fc.record({ type: fc.constant('consumer-crash' as const), client }),
  fc.record({ type: fc.constant('describe-group' as const), group: fc.constant('g') }),
  fc.record({
    type: fc.constant('commit' as const),
    client,
    group: fc.constant('g'),
    generation,
    member,
    offsets: fc.array(
      fc.record({ topic: fc.constant('t'), partition, offset: fc.integer({ min: 0, max: 5 }) }),
      { minLength: 1, maxLength: 2 },
    ),
  }),
  fc.record({ type: fc.constant('offset-fetch' as const), client, group: fc.constant('g') }),
  fc.record({ type: fc.constant('poll' as const), client, group: fc.constant('g') }),
  fc.record({ type: fc.constant('process' as const), client }),
  fc.record({
    type: fc.constant('consumer-commit' as const),
    client,
    group: fc.constant('g'),
    mode: fc.constantFrom('sync' as const, 'async' as const),
  }),
  fc.record({
    type: fc.constant('partition-change' as const),
    topic: fc.constant('t'),
    partitions: fc.integer({ min: 3, max: 5 }),
  }),
  fc.record({
    type: fc.constant('broker-failure' as const),
    broker: fc.integer({ min: 0, max: 2 }),
    kind: fc.constantFrom(
      'clean-shutdown' as const,
      'process-crash' as const,
      'power-loss' as const,
      'disk-loss' as const,
    ),
  }),
  fc.record({ type: fc.constant('broker-restart' as const), broker: fc.integer({ min: 0, max: 2 }) }),
  fc.record({
    type: fc.constant('network-partition' as const),
    isolate: fc.record({ brokers: fc.subarray([0, 1, 2]), clients: fc.subarray(['c1', 'c2', 'p']) }),
  }),
  fc.record({ type: fc.constant('network-heal' as const) }),
  fc.record({ type: fc.constant('flush' as const), broker: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ type: fc.constant('advance-time' as const), ms: fc.integer({ min: 1, max: 20_000 }) }),
) as unknown as fc.Arbitrary<Event>;

/** Observation counts by type and error over all runs, so the property cannot pass vacuously. */
const seen = new Map<string, number>();

const range = [{ name: 'range', topics: ['t'] }];
const timeouts = { sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 5_000 };
/** A topic and a stable two-member group, so random events start from an interesting state. */
const PRELUDE: Event[] = [
  { type: 'create-topic', topic: 't', partitions: 3, replicationFactor: 3 },
  { type: 'join', client: 'c1', group: 'g', member: 'none', protocols: range, ...timeouts },
  { type: 'join', client: 'c2', group: 'g', member: 'none', protocols: range, ...timeouts },
  { type: 'join', client: 'c1', group: 'g', member: 'own', protocols: range, ...timeouts },
  { type: 'join', client: 'c2', group: 'g', member: 'own', protocols: range, ...timeouts },
  { type: 'advance-time', ms: 5_000 },
  { type: 'sync', client: 'c1', group: 'g', generation: 1, member: 'own' },
  { type: 'sync', client: 'c2', group: 'g', generation: 1, member: 'own' },
];

const config = {
  'offsets.topic.num.partitions': 3,
  'min.insync.replicas': 2,
  'auto.offset.reset': 'earliest',
};

function replicationProblem(
  state: SystemState,
  previous: Map<string, { epoch: number; hw: number }>,
): string | undefined {
  for (const p of state.partitions) {
    if (p.leader === null) continue;
    for (const replica of p.replicaStates)
      if (
        replica.alive &&
        p.isr.includes(replica.broker) &&
        replica.logEndOffset >= 0 &&
        replica.logEndOffset < p.highWatermark
      )
        return `${p.topic}-${p.partition}: HW ${p.highWatermark} above ISR member ${replica.broker}'s LEO ${replica.logEndOffset}`;
    const key = `${p.topic}-${p.partition}`;
    const last = previous.get(key);
    if (last && last.epoch === p.leaderEpoch && p.highWatermark >= 0 && p.highWatermark < last.hw)
      return `${key}: HW went back from ${last.hw} to ${p.highWatermark} within epoch ${p.leaderEpoch}`;
    if (p.highWatermark >= 0) previous.set(key, { epoch: p.leaderEpoch, hw: p.highWatermark });
  }
  return undefined;
}

async function run(seed: number, events: readonly Event[]): Promise<string> {
  const system = createReferenceSystem({ storage: 'simulated' });
  await system.reset({ seed, config });
  const log: unknown[] = [];
  const hw = new Map<string, { epoch: number; hw: number }>();
  try {
    const all: Event[] = [...PRELUDE, ...events];
    for (const [seq, event] of all.entries()) {
      const observations = await system.apply(event, seq);
      for (const observation of observations) {
        const label = `${observation.type}:${'error' in observation ? observation.error : ''}`;
        seen.set(label, (seen.get(label) ?? 0) + 1);
        const problems = isObservation.errors(observation);
        if (problems.length) throw new Error(`event ${seq} ${event.type}: ${problems.join('; ')}`);
      }
      const state = await system.inspect!();
      if (!isSystemState(state))
        throw new Error(`state after ${seq}: ${isSystemState.errors(state).join('; ')}`);
      const problem = replicationProblem(state, hw);
      if (problem) throw new Error(`after event ${seq} ${event.type}: ${problem}`);
      log.push(observations);
    }
    log.push(await system.inspect!());
  } finally {
    await system.close();
  }
  return JSON.stringify(log);
}

test('random contract events: valid observations and states, replication invariants, determinism', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      fc.array(eventArbitrary, { minLength: 1, maxLength: 40 }),
      async (seed, events) => {
        const first = await run(seed, events);
        const second = await run(seed, events);
        if (first !== second) throw new Error('the same seed and events gave different observations');
      },
    ),
    { seed: 5, numRuns: 80 },
  );
  const count = (prefix: string) =>
    [...seen].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
  t.true(count('produce-response:NONE') > 30, 'too few acknowledged produces');
  for (const kind of [
    'produce-response:NONE',
    'join-response:NONE',
    'sync-response:NONE',
    'poll-result',
    'commit-response',
    'fetch-response:NONE',
  ])
    t.true(count(kind) > 0, `no ${kind} observed`);
  t.log(
    [...seen]
      .sort()
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
  );
});
