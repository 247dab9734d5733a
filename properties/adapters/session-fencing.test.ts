// RP-25 on both systems: brokers that stopped without a clean shutdown are fenced on session expiry,
// in one controller check when their sessions expire together, and their restarted processes are
// told nothing until then. The data-plane model follows the reference in lockstep (adopting its
// open choices from each snapshot, as `kspec check` does) and must give the same answers.
import test from 'ava';
import { DataPlaneModel } from '../../model/data-plane/data-plane-model.ts';
import { resolveConfig } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import { createReferenceSystem } from './reference/index.ts';

const answers = (observations: readonly Observation[]) =>
  observations.flatMap((o) => (o.type === 'produce-response' ? [`${o.error}@${o.baseOffset}`] : []));

test('RP-25 RP-2: a restarted process waiting to register opens no log, so the leader still counts what the crashed ISR member had fetched: fencing the other member first moves the HW and completes the produce', async (t) => {
  const config = resolveConfig({ partitions: 1, 'min.insync.replicas': 2, 'replica.lag.time.max.ms': 10000 });
  const reference = createReferenceSystem({ storage: 'simulated' });
  const model = new DataPlaneModel();
  await reference.reset({ seed: 1153412606, config });
  await model.reset({ seed: 1153412606, config });
  const create: Event = { type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 3 };
  await reference.apply(create, 0);
  await model.apply(create, 0);
  model.adopt(await reference.inspect!());
  const { leader, replicas } = (await reference.inspect!()).partitions[0]!;
  const [first, second] = replicas.filter((b) => b !== leader).sort((a, b) => a - b) as [number, number];
  const events: Event[] = [
    { type: 'produce', producer: 'p', topic: 't', partition: 0, values: ['a'], acks: -1 },
    { type: 'broker-failure', broker: first, kind: 'disk-loss' },
    { type: 'replicate' },
    { type: 'replicate' }, // the other follower has 'a', and the leader knows it
    { type: 'broker-failure', broker: second, kind: 'process-crash' },
    { type: 'broker-restart', broker: first },
    { type: 'broker-restart', broker: second },
    { type: 'advance-time', ms: 10_000 },
  ];
  let last: string[] = [];
  for (const [i, event] of events.entries()) {
    const system = await reference.apply(event, i + 1);
    const predicted = await model.apply(event, i + 1);
    t.deepEqual(answers(system), answers(predicted), `${event.type} at ${i + 1}`);
    t.deepEqual(model.adopt(await reference.inspect!()), [], `${event.type} at ${i + 1}: snapshot`);
    last = answers(system);
  }
  t.deepEqual(
    last,
    ['NONE@0'],
    'fenced first (lower id), the disk-lost follower leaves the ISR [leader, crashed]',
  );
  const p = (await reference.inspect!()).partitions[0]!;
  t.deepEqual(p.isr, [leader], 'then the crashed one is fenced too');
  t.is(p.highWatermark, 1);
  await reference.close();
  await model.close();
});
