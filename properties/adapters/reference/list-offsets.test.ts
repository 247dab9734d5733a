// RP-24, LG-7: ListOffsets answered by the reference cluster and by the data-plane model, step by step in
// lockstep (the model adopts the reference's placement and election from its snapshots, as
// `kspec check` does), with the answers the rule gives written out.
import test from 'ava';
import { DataPlaneModel } from '../../../model/data-plane/data-plane-model.ts';
import { resolveConfig } from '../../../spec/config.ts';
import type { Event } from '../../../spec/events.ts';
import type { Observation } from '../../../spec/observations.ts';
import { isObservation } from '../../../spec/validate.ts';
import { createReferenceSystem } from './reference-system.ts';

const CONFIG = resolveConfig({ brokers: 3, 'min.insync.replicas': 2 });

async function lockstep(t: import('ava').ExecutionContext) {
  const reference = createReferenceSystem({ storage: 'simulated' });
  const model = new DataPlaneModel();
  await reference.reset({ seed: 3, config: CONFIG });
  await model.reset({ seed: 3, config: CONFIG });
  let seq = 0;
  const step = async (event: Event): Promise<Observation[]> => {
    const actual = await reference.apply(event, seq);
    const expected = await model.apply(event, seq);
    seq += 1;
    t.deepEqual(model.adopt(await reference.inspect!()), [], `${event.type}: a choice the rules allow`);
    t.deepEqual(actual, expected, `${event.type}: the reference answers as the model`);
    for (const o of actual) t.true(isObservation(o));
    return actual;
  };
  const list = async (
    position: 'earliest' | 'latest' | number,
    isolation?: 'read_committed',
    version?: number,
  ) => {
    const answers = await step({
      type: 'list-offsets',
      client: 'reader',
      topic: 't',
      partition: 0,
      ...(typeof position === 'number' ? { position: 'timestamp', timestamp: position } : { position }),
      ...(isolation ? { isolation } : {}),
      ...(version === undefined ? {} : { version }),
    });
    return answers.find((o) => o.type === 'list-offsets-response');
  };
  const leader = async () => (await reference.inspect!()).partitions[0]!.leader;
  return { step, list, leader, close: () => reference.close() };
}

test('RP-24: earliest is the log start offset, latest the high watermark at both isolation levels', async (t) => {
  const run = await lockstep(t);
  t.like(await run.list('latest'), { error: 'UNKNOWN_TOPIC_OR_PARTITION', offset: -1 });
  await run.step({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 3 });
  t.like(await run.list('earliest'), { error: 'NONE', offset: 0 });
  t.like(await run.list('latest'), { error: 'NONE', offset: 0 });
  await run.step({ type: 'produce', producer: 'p', topic: 't', partition: 0, values: ['a', 'b'], acks: 1 });
  t.like(await run.list('latest'), { error: 'NONE', offset: 0 }, 'appended, not yet replicated: the HW');
  await run.step({ type: 'replicate' });
  await run.step({ type: 'replicate' });
  t.like(await run.list('latest'), { error: 'NONE', offset: 2 });
  t.like(
    await run.list('latest', 'read_committed'),
    { error: 'NONE', offset: 2 },
    'no transactions: LSO = HW',
  );
  t.like(await run.list('earliest', 'read_committed'), { error: 'NONE', offset: 0 });
  await run.close();
});

test('RP-24: a leader whose HW lags the start of its epoch answers latest OFFSET_NOT_AVAILABLE until it catches up', async (t) => {
  const run = await lockstep(t);
  await run.step({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 3 });
  await run.step({ type: 'produce', producer: 'p', topic: 't', partition: 0, values: ['a', 'b'], acks: 1 });
  await run.step({ type: 'replicate' });
  await run.step({ type: 'replicate' });
  await run.step({ type: 'produce', producer: 'p', topic: 't', partition: 0, values: ['c'], acks: 1 });
  await run.step({ type: 'replicate' });
  const first = await run.leader();
  t.not(first, null);
  await run.step({ type: 'broker-failure', broker: first!, kind: 'process-crash' });
  // Past broker.session.timeout.ms, so the controller has fenced the crashed broker and elected.
  await run.step({ type: 'advance-time', ms: 10_000 });
  const second = await run.leader();
  t.true(second !== null && second !== first);
  t.like(await run.list('latest'), { error: 'OFFSET_NOT_AVAILABLE', offset: -1 }, 'HW 2 < epoch start 3');
  t.like(await run.list('latest', undefined, 5), { error: 'OFFSET_NOT_AVAILABLE' }, 'v5 as v6');
  for (const version of [0, 4])
    t.like(
      await run.list('latest', undefined, version),
      { error: 'LEADER_NOT_AVAILABLE', offset: -1 },
      `v${version}`,
    );
  t.like(await run.list('earliest'), { error: 'NONE', offset: 0 }, 'earliest does not wait for the HW');
  await run.step({ type: 'replicate' });
  t.like(await run.list('latest'), { error: 'NONE', offset: 3 });
  await run.close();
});

const produceAt = (values: string[], timestamps: number[]): Event => ({
  type: 'produce',
  producer: 'p',
  topic: 't',
  partition: 0,
  values,
  timestamps,
  acks: 1,
});

test('LG-7: by timestamp, the first record at or above the target below the HW, whatever the order of timestamps', async (t) => {
  const run = await lockstep(t);
  await run.step({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 3 });
  t.like(await run.list(0), { error: 'NONE', offset: -1, timestamp: -1 }, 'an empty log');
  // Offsets 0..4 with timestamps 500, 100, 300 | 300, 900: out of order within the first batch.
  await run.step(produceAt(['a', 'b', 'c'], [500, 100, 300]));
  await run.step(produceAt(['d', 'e'], [300, 900]));
  t.like(await run.list(0), { error: 'NONE', offset: -1 }, 'nothing below the HW (0) yet');
  await run.step({ type: 'replicate' });
  await run.step({ type: 'replicate' });
  t.like(await run.list(0), { error: 'NONE', offset: 0, timestamp: 500 });
  t.like(
    await run.list(100),
    { error: 'NONE', offset: 0, timestamp: 500 },
    'the first offset, not the exact timestamp',
  );
  t.like(await run.list(501), { error: 'NONE', offset: 4, timestamp: 900 }, 'a later batch');
  t.like(await run.list(300, 'read_committed'), { error: 'NONE', offset: 0, timestamp: 500 });
  t.like(await run.list(901), { error: 'NONE', offset: -1, timestamp: -1 }, 'past every timestamp');
  await run.step(produceAt(['f'], [2000]));
  t.like(
    await run.list(1000),
    { error: 'NONE', offset: -1, timestamp: -1 },
    'the only match is above the HW',
  );
  await run.close();
});

test('LG-7 with RP-24: a leader whose HW lags its epoch start answers a lookup it finds below the HW, else OFFSET_NOT_AVAILABLE', async (t) => {
  const run = await lockstep(t);
  await run.step({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 3 });
  await run.step(produceAt(['a', 'b'], [10, 20]));
  await run.step({ type: 'replicate' });
  await run.step({ type: 'replicate' });
  await run.step(produceAt(['c'], [30]));
  await run.step({ type: 'replicate' });
  const first = await run.leader();
  await run.step({ type: 'broker-failure', broker: first!, kind: 'process-crash' });
  await run.step({ type: 'advance-time', ms: 10_000 });
  t.like(await run.list('latest'), { error: 'OFFSET_NOT_AVAILABLE' }, 'HW 2 < epoch start 3');
  t.like(await run.list(15), { error: 'NONE', offset: 1, timestamp: 20 }, 'found below the lagging HW');
  t.like(await run.list(25), { error: 'OFFSET_NOT_AVAILABLE', offset: -1, timestamp: -1 }, 'only past it');
  await run.step({ type: 'replicate' });
  t.like(await run.list(25), { error: 'NONE', offset: 2, timestamp: 30 });
  await run.close();
});

test("LG-7: a produce without timestamps is stamped with the run's clock at the produce", async (t) => {
  const run = await lockstep(t);
  await run.step({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 1 });
  await run.step({ type: 'advance-time', ms: 4_000 });
  await run.step({ type: 'produce', producer: 'p', topic: 't', partition: 0, values: ['a'], acks: 1 });
  t.like(await run.list(0), { error: 'NONE', offset: 0, timestamp: 4_000 });
  t.like(await run.list(4_001), { error: 'NONE', offset: -1 });
  await run.close();
});
