// RP-1: a CreateTopics asking for more than 10,000 partitions, or a CreatePartitions adding more, is
// refused POLICY_VIOLATION before anything else (an invalid name, an existing topic), by the
// reference in process, by both models, and over the wire; exactly 10,000 added would be allowed.
import test from 'ava';
import { DataPlaneModel } from '../../../model/data-plane/data-plane-model.ts';
import { GroupModelSystem } from '../../../model/group/group-model-system.ts';
import { resolveConfig } from '../../../spec/config.ts';
import type { Event } from '../../../spec/events.ts';
import type { SystemUnderTest } from '../../../spec/sut.ts';
import { createReferenceWireSystem } from '../reference-wire/reference-wire-system.ts';
import { createReferenceSystem } from './reference-system.ts';

const CONFIG = resolveConfig({ brokers: 3 });
const EVENTS: readonly [Event, string][] = [
  [{ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 1 }, 'NONE'],
  [{ type: 'create-topic', topic: 'big', partitions: 10_001, replicationFactor: 1 }, 'POLICY_VIOLATION'],
  [{ type: 'create-topic', topic: 't', partitions: 10_001, replicationFactor: 1 }, 'POLICY_VIOLATION'],
  [
    { type: 'create-topic', topic: '..', partitions: 2_147_483_647, replicationFactor: 1 },
    'POLICY_VIOLATION',
  ],
  [{ type: 'partition-change', topic: 't', partitions: 10_002 }, 'POLICY_VIOLATION'],
  [{ type: 'partition-change', topic: 'unknown', partitions: 10_002 }, 'UNKNOWN_TOPIC_OR_PARTITION'],
  [{ type: 'partition-change', topic: 't', partitions: 2 }, 'NONE'],
];

async function answers(system: SystemUnderTest): Promise<string[]> {
  await system.reset({ seed: 1, config: CONFIG });
  const errors: string[] = [];
  try {
    for (const [seq, [event]] of EVENTS.entries()) {
      const observed = await system.apply(event, seq);
      const admin = observed.find((o) => o.type === 'admin-response');
      errors.push(admin && 'error' in admin ? admin.error : 'no answer');
    }
  } finally {
    await system.close?.();
  }
  return errors;
}

const expected = EVENTS.map(([, error]) => error);

test('RP-1: the reference in process refuses more than 10,000 new partitions in one request', async (t) => {
  t.deepEqual(await answers(createReferenceSystem({ storage: 'simulated' })), expected);
});

test('RP-1: the reference over the wire refuses them as well', async (t) => {
  t.timeout(60_000);
  t.deepEqual(await answers(createReferenceWireSystem()), expected);
});

test('RP-1: the data-plane model and the group model predict the refusals', async (t) => {
  t.deepEqual(await answers(new DataPlaneModel()), expected);
  t.deepEqual(await answers(new GroupModelSystem()), expected);
});
