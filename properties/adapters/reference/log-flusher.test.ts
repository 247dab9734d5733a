// RP-17: flush.ms fsyncs only through a broker process's log flusher (Kafka 4.4's kafka-log-flusher:
// first run log.initial.task.delay.ms after the process starts, then every
// log.flush.scheduler.interval.ms, by default never). What it flushed survives a power loss; the
// reference and the data-plane model run in lockstep (the model adopts the reference's choices), so a
// reference that flushed less than the model claims is reported as a choice the rules do not allow.
import test from 'ava';
import { DataPlaneModel } from '../../../model/data-plane/data-plane-model.ts';
import { resolveConfig } from '../../../spec/config.ts';
import type { Event } from '../../../spec/events.ts';
import { createReferenceSystem } from './reference-system.ts';

const FLUSHER = {
  brokers: 3,
  'min.insync.replicas': 2,
  'flush.ms': 0,
  'log.flush.scheduler.interval.ms': 1_000,
  'log.initial.task.delay.ms': 500,
  'kspec.faults.power-loss': 1,
};

async function lockstep(t: import('ava').ExecutionContext, config: Record<string, number>) {
  // Seed 2: the simulated disk's power loss keeps none of the unsynced tail, so a reference whose
  // flusher did not run loses 'a' (checked with the flush.ms check made to never flush).
  const reference = createReferenceSystem({ storage: 'simulated' });
  const model = new DataPlaneModel();
  await reference.reset({ seed: 2, config: resolveConfig(config) });
  await model.reset({ seed: 2, config: resolveConfig(config) });
  let seq = 0;
  const step = async (event: Event) => {
    const actual = await reference.apply(event, seq);
    const expected = await model.apply(event, seq);
    seq += 1;
    t.deepEqual(model.adopt(await reference.inspect!()), [], `${event.type}: a choice the rules allow`);
    t.deepEqual(actual, expected, `${event.type}: the reference answers as the model`);
  };
  /** The leader's log end offset, as the reference's snapshot shows it. */
  const leaderEnd = async (broker: number) =>
    (await reference.inspect!()).partitions[0]!.replicaStates?.find((r) => r.broker === broker)?.logEndOffset;
  return { reference, step, leaderEnd };
}

const produce = (value: string): Event => ({
  type: 'produce',
  producer: 'p',
  topic: 't',
  partition: 0,
  values: [value],
  acks: 1,
});

test('RP-17: what the log flusher fsynced survives a power loss; what came after may not', async (t) => {
  const run = await lockstep(t, FLUSHER);
  await run.step({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 3 });
  const leader = (await run.reference.inspect!()).partitions[0]!.leader!;
  await run.step(produce('a'));
  await run.step({ type: 'advance-time', ms: 600 }); // the flusher's first run, at 500 ms
  await run.step(produce('b'));
  await run.step({ type: 'broker-failure', broker: leader, kind: 'power-loss' });
  await run.step({ type: 'broker-restart', broker: leader });
  await run.step({ type: 'advance-time', ms: 10_000 }); // fenced, registered, its log reopened
  const end = await run.leaderEnd(leader);
  t.true(end !== undefined && end >= 1, `the flushed record is kept (log end ${end})`);
  await run.reference.close();
});

test('RP-17: by default the log flusher never runs, so flush.ms alone makes nothing durable', async (t) => {
  const { 'log.flush.scheduler.interval.ms': _, ...withoutFlusher } = FLUSHER;
  const run = await lockstep(t, withoutFlusher);
  await run.step({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 3 });
  const leader = (await run.reference.inspect!()).partitions[0]!.leader!;
  await run.step(produce('a'));
  await run.step({ type: 'advance-time', ms: 60_000 });
  const broker = run.reference.cluster()!.broker(leader);
  const log = broker.replica('t', 0)!.store as unknown as { log: { flushedOffset: number } };
  t.is(log.log.flushedOffset, 0, 'nothing fsynced a minute later');
  await run.reference.close();
});
