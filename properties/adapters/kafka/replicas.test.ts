// Role-named fault targets over the wire: the kafka: adapter's replicas() (a Metadata request made
// when asked) against `kspec broker`, compared with the in-process reference cluster's replicas()
// after the same events, through the adapter interface and the one role resolver the runner uses.
// Faults through the control port; the crash is fenced in real time over the wire (RP-25, 9 s)
// and by a time step in process.
import test from 'ava';
import { eventually, startKspecBroker } from '../../../impl/broker/testing/kspec-broker-process.ts';
import { resolveConfig } from '../../../spec/config.ts';
import type { Event } from '../../../spec/events.ts';
import type { ReplicaView, SystemUnderTest } from '../../../spec/sut.ts';
import { type ReplicaRole, replicaByRole } from '../../lockstep/replica-roles.ts';
import { createReferenceSystem } from '../reference/reference-system.ts';
import { controlPortHook } from './faults.ts';
import { KafkaSystem, parseBootstrap } from './index.ts';

const ROLES: readonly ReplicaRole[] = ['leader', 'follower', 'sole-isr-leader'];

/** Every role of every partition of t, as the resolver reads a system's replicas() answer. */
function roles(views: readonly ReplicaView[]): Record<string, number | undefined> {
  const named: Record<string, number | undefined> = {};
  for (const v of views.filter((view) => view.topic === 't'))
    for (const role of ROLES) named[`t-${v.partition} ${role}`] = replicaByRole(views, v, role);
  return named;
}

test('kspec broker over the wire and the reference in process name the same broker for each role, before and after two crashes', async (t) => {
  const broker = await startKspecBroker({ brokers: 3 });
  const config = resolveConfig({ brokers: 3, partitions: 3 });
  const wire = new KafkaSystem({
    bootstrap: parseBootstrap(broker.bootstrap.join(',')),
    faults: controlPortHook(broker.control),
  });
  const reference = createReferenceSystem({ storage: 'simulated' });
  const both: SystemUnderTest[] = [wire, reference];
  let seq = 0;
  const apply = async (event: Event, where: readonly SystemUnderTest[] = both) => {
    for (const system of where) await system.apply(event, seq);
    seq += 1;
  };
  try {
    for (const system of both) await system.reset({ seed: 1, config });
    await apply({ type: 'create-topic', topic: 't', partitions: 3, replicationFactor: 3 });
    await apply({ type: 'produce', producer: 'p0', topic: 't', partition: 0, values: ['a'], acks: -1 });
    await apply({ type: 'replicate' });
    const before = roles(await reference.replicas!());
    t.is(before['t-0 leader'], 0);
    t.is(before['t-0 sole-isr-leader'], undefined);
    t.deepEqual(roles(await wire.replicas()), before);

    // Two of t-0's replicas crash: once both are fenced, 2 leads alone in every partition.
    await apply({ type: 'broker-failure', broker: 0, kind: 'process-crash' });
    await apply({ type: 'broker-failure', broker: 1, kind: 'process-crash' });
    await apply({ type: 'advance-time', ms: 10_000 }, [reference]);
    await apply({ type: 'replicate' }, [reference]);
    const after = roles(await reference.replicas!());
    t.is(after['t-0 leader'], 2);
    t.is(after['t-0 sole-isr-leader'], 2);
    t.is(after['t-0 follower'], undefined);
    const seen = await eventually(
      async () => roles(await wire.replicas()),
      (named) => JSON.stringify(named) === JSON.stringify(after),
      30_000,
    );
    t.deepEqual(seen, after);
  } finally {
    await wire.close();
    await reference.close();
    await broker.stop();
  }
});
