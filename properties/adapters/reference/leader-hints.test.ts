// RP-28 (KIP-951): from Produce v10 a NOT_LEADER_OR_FOLLOWER answer names the leader the answering
// broker knows when it answers. An acks=all produce waiting on a leader that shuts down cleanly is
// answered while that broker still runs, so it names the new leader; before v10 no hint is sent.
// The reference in process, over the wire, and the data-plane model agree.
import test from 'ava';
import { DataPlaneModel } from '../../../model/data-plane/data-plane-model.ts';
import { resolveConfig } from '../../../spec/config.ts';
import type { Event } from '../../../spec/events.ts';
import type { Observation } from '../../../spec/observations.ts';
import type { SystemUnderTest } from '../../../spec/sut.ts';
import { createReferenceWireSystem } from '../reference-wire/reference-wire-system.ts';
import { createReferenceSystem } from './reference-system.ts';

async function shutdownAnswer(system: SystemUnderTest, version: number): Promise<Observation | undefined> {
  await system.reset({
    seed: 1,
    config: resolveConfig({ brokers: 3, 'min.insync.replicas': 2, 'kspec.producer.version': version }),
  });
  try {
    await system.apply({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 3 }, 0);
    const produce: Event = {
      type: 'produce',
      producer: 'p',
      topic: 't',
      partition: 0,
      values: ['a'],
      acks: -1,
    };
    await system.apply(produce, 1); // appended; waits for the followers
    const leader = (await system.inspect!()).partitions[0]!.leader!;
    const answers = await system.apply({ type: 'broker-failure', broker: leader, kind: 'clean-shutdown' }, 2);
    return answers.find((o) => o.type === 'produce-response');
  } finally {
    await system.close?.();
  }
}

for (const [name, make] of [
  ['in process', () => createReferenceSystem({ storage: 'simulated' })],
  ['over the wire', () => createReferenceWireSystem()],
] as const)
  test(`RP-28: a produce a controlled shutdown answers names the new leader from v10, ${name}`, async (t) => {
    t.timeout(60_000);
    const v10 = await shutdownAnswer(make(), 10);
    t.like(v10, { error: 'NOT_LEADER_OR_FOLLOWER' });
    t.true(v10?.type === 'produce-response' && v10.currentLeader !== undefined, JSON.stringify(v10));
    const model = await shutdownAnswer(new DataPlaneModel(), 10);
    t.deepEqual(v10, model, 'the model names the same leader and epoch');
    const v9 = await shutdownAnswer(make(), 9);
    t.like(v9, { error: 'NOT_LEADER_OR_FOLLOWER' });
    t.false(v9?.type === 'produce-response' && 'currentLeader' in v9, 'no hint before v10');
  });
