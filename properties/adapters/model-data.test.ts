// `--oracle model-data` in lockstep with the reference cluster: every answer (or one of the answer
// lists an open choice inside the event allows, DataPlaneModel.alternatives), every open choice and
// every snapshot agree, over generated runs of the replication suite and over random contract events.
import test from 'ava';
import fc from 'fast-check';
import { DataPlaneModel } from '../../model/data-plane/data-plane-model.ts';
import { resolveConfig } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import { runSuite } from '../check/run-suite.ts';
import { normalize } from '../lockstep/compare.ts';
import { SAFE_PROFILE } from '../profiles.ts';
import { suiteByName } from '../suites/index.ts';
import { createReferenceSystem } from './reference/index.ts';
import { resolveAdapter } from './resolve.ts';

test('RP-2 RP-5 RP-12: the reference cluster and the data-plane model agree on every event of the replication suite', async (t) => {
  const outcome = await runSuite({
    suite: suiteByName('replication')!,
    profile: 'safe',
    seed: 1,
    numRuns: 100,
    system: await resolveAdapter('reference:simulated'),
    oracle: await resolveAdapter('model-data'),
  });
  t.false(
    outcome.failed,
    `${outcome.commands} ${outcome.findings?.map((f) => f.message).join('; ')} ${outcome.crash ?? ''}`,
  );
  const compared = outcome.tally.rows.get('lockstep-observation');
  t.is(compared?.checked, outcome.events, 'every event was compared');
  t.is(outcome.tally.rows.get('lockstep-choice')?.violations, 0);
  t.log(`${outcome.runsDone} runs, ${outcome.events} events, ${outcome.seconds.toFixed(1)} s`);
});

// Contract events the suites do not generate: clients cut off with a broker (a leader that keeps
// leading in its own view), composed partitions, every crash kind on the simulated disk, acks 0 and
// invalid, unknown topics, a second topic with its own settings, partition changes.
const brokerId = fc.integer({ min: 0, max: 2 });
const dataEvent = fc.oneof(
  fc.record({
    type: fc.constant('produce' as const),
    producer: fc.constantFrom('p0', 'p1'),
    topic: fc.constantFrom('t', 't', 'u', 'x'),
    partition: fc.integer({ min: 0, max: 2 }),
    values: fc.array(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    acks: fc.constantFrom(-1, -1, 1, 0, 2),
  }),
  fc.record({
    type: fc.constant('fetch' as const),
    client: fc.constantFrom('p0', 'p1', 'r'),
    topic: fc.constantFrom('t', 'u'),
    partition: fc.integer({ min: 0, max: 1 }),
    offset: fc.integer({ min: 0, max: 5 }),
    maxRecords: fc.integer({ min: 1, max: 5 }),
  }),
  fc.constantFrom<Event>({ type: 'replicate' }, { type: 'replicate', topic: 't', partition: 0 }),
  fc.record({ type: fc.constant('flush' as const), broker: brokerId }),
  fc.record({
    type: fc.constant('broker-failure' as const),
    broker: brokerId,
    kind: fc.constantFrom('clean-shutdown', 'process-crash', 'power-loss', 'disk-loss'),
  }),
  fc.record({ type: fc.constant('broker-restart' as const), broker: brokerId }),
  fc.record({
    type: fc.constant('network-partition' as const),
    isolate: fc.record({
      brokers: fc.subarray([0, 1, 2]),
      clients: fc.subarray(['p0', 'r']),
    }),
  }),
  fc.constant<Event>({ type: 'network-heal' }),
  fc.record({
    type: fc.constant('advance-time' as const),
    ms: fc.constantFrom(100, 3000, 9001, 10001, 30000),
  }),
  fc.record({
    type: fc.constant('create-topic' as const),
    topic: fc.constant('u'),
    partitions: fc.integer({ min: 1, max: 2 }),
    replicationFactor: fc.integer({ min: 1, max: 3 }),
    config: fc.constantFrom({}, { 'min.insync.replicas': 1 }, { 'unclean.leader.election.enable': true }),
  }),
  fc.record({
    type: fc.constant('partition-change' as const),
    topic: fc.constantFrom('t', 'u'),
    partitions: fc.integer({ min: 1, max: 3 }),
  }),
) as fc.Arbitrary<Event>;

test('RP-12 RP-14 RP-16 LG-8: the reference cluster and the data-plane model agree on random contract events (zombie leaders, crash kinds, client partitions)', async (t) => {
  const system = createReferenceSystem({ storage: 'simulated' });
  const model = new DataPlaneModel();
  const compared = (answers: readonly Observation[]) =>
    JSON.stringify(normalize(answers.filter((o) => model.observes.includes(o.type as never))));
  const config = resolveConfig({ ...SAFE_PROFILE, 'replica.lag.time.max.ms': 4000 });
  let events = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 1 << 30 }),
      fc.array(dataEvent, { minLength: 20, maxLength: 40 }),
      async (seed, generated) => {
        await system.reset({ seed, config });
        await model.reset({ seed, config });
        const run: Event[] = [
          { type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 3 },
          ...generated,
          { type: 'network-heal' },
          ...[0, 1, 2].map((broker): Event => ({ type: 'broker-restart', broker })),
          { type: 'replicate' },
          { type: 'replicate' },
        ];
        for (const [seq, event] of run.entries()) {
          events += 1;
          const actual = compared(await system.apply(event, seq));
          const expected = [await model.apply(event, seq), ...(model.alternatives() ?? [])].map(compared);
          const where = `step ${seq} ${JSON.stringify(event)}`;
          if (!expected.includes(actual)) throw new Error(`${where}: system ${actual}, model ${expected[0]}`);
          const disallowed = model.adopt(await system.inspect!());
          if (disallowed.length > 0) throw new Error(`${where}: ${JSON.stringify(disallowed)}`);
        }
      },
    ),
    { seed: 11, numRuns: 40 },
  );
  await system.close();
  t.log(`${events} events`);
  t.pass();
});
