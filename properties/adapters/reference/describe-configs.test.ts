// RP-27: DescribeConfigs of a topic answered by the reference in process (which runs the wire
// handler's own code, impl/broker/config-handlers.ts), by the model (the group model answers it,
// knowing when the first FindCoordinator created __consumer_offsets) and over the wire, in lockstep,
// with the answers the rule gives written out: the topic's own settings (those the client pins
// included), the run's broker-wide ones, Kafka's defaults (Long.MAX_VALUE for flush.*),
// cleanup.policy, __consumer_offsets once it exists, an unknown topic and a name Kafka refuses.
import test from 'ava';
import { DataPlaneModel } from '../../../model/data-plane/data-plane-model.ts';
import { GroupModelSystem } from '../../../model/group/group-model-system.ts';
import { ModelOracle } from '../../../model/oracle/model-oracle.ts';
import { validateConfig } from '../../../spec/config.ts';
import { DESCRIBED_CONFIG_NAMES } from '../../../spec/described-configs.ts';
import type { Event } from '../../../spec/events.ts';
import type { Observation } from '../../../spec/observations.ts';
import type { SystemUnderTest } from '../../../spec/sut.ts';
import { isObservation } from '../../../spec/validate.ts';
import { createReferenceWireSystem } from '../reference-wire/reference-wire-system.ts';
import { createReferenceSystem } from './reference-system.ts';

// Not resolved: the settings the run names are the broker's, the rest Kafka's defaults.
const CONFIG = validateConfig({
  brokers: 1,
  'replication.factor': 1,
  'offsets.topic.replication.factor': 1,
  'min.insync.replicas': 1,
  'segment.bytes': 1_048_576,
});

const EVENTS: readonly Event[] = [
  { type: 'describe-configs', topic: 't' },
  { type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 1 },
  {
    type: 'create-topic',
    topic: 'admin-0',
    partitions: 1,
    replicationFactor: 1,
    config: { 'retention.ms': 60000 },
  },
  { type: 'describe-configs', topic: 't' },
  { type: 'describe-configs', topic: 'admin-0' },
  { type: 'describe-configs', topic: 'never-created' },
  { type: 'describe-configs', topic: '..' },
  { type: 'describe-configs', topic: '__consumer_offsets' },
  { type: 'offset-fetch', client: 'c0', group: 'g' },
  { type: 'describe-configs', topic: '__consumer_offsets' },
];

type Described = Extract<Observation, { type: 'describe-configs-response' }>;

async function described(system: SystemUnderTest): Promise<Described[]> {
  await system.reset({ seed: 1, config: CONFIG });
  const answers: Described[] = [];
  try {
    for (const [seq, event] of EVENTS.entries()) {
      for (const o of await system.apply(event, seq)) {
        if (!isObservation(o)) throw new Error(`not an observation: ${JSON.stringify(o)}`);
        if (o.type === 'describe-configs-response') answers.push(o);
      }
    }
  } finally {
    await system.close?.();
  }
  return answers;
}

const entryOf = (answer: Described, name: string) => {
  const found = answer.configs.filter((c) => c.name === name);
  return found.length === 1 ? `${found[0]!.value} ${found[0]!.source}` : `${found.length} entries`;
};

test('RP-27: the model describes topics from their own configs, the run config and Kafka defaults', async (t) => {
  const [before, run, admin, unknown, invalid, offsetsBefore, offsets] = await described(
    new ModelOracle(new DataPlaneModel()),
  );
  t.like(before, { topic: 't', error: 'UNKNOWN_TOPIC_OR_PARTITION', configs: [] });
  t.is(run!.error, 'NONE');
  t.deepEqual(
    run!.configs.map((c) => c.name),
    [...DESCRIBED_CONFIG_NAMES],
    'every config the contract knows, once, by name',
  );
  t.is(entryOf(run!, 'min.insync.replicas'), '1 topic', 'the client pins the run value on the topic');
  t.is(entryOf(run!, 'segment.bytes'), '1048576 broker');
  t.is(entryOf(run!, 'retention.ms'), '604800000 default');
  t.is(entryOf(run!, 'flush.messages'), '9223372036854775807 default', "Kafka's Long.MAX_VALUE");
  t.is(entryOf(run!, 'unclean.leader.election.enable'), 'false default');
  t.is(entryOf(run!, 'cleanup.policy'), 'delete default');
  t.is(entryOf(admin!, 'retention.ms'), '60000 topic');
  t.like(unknown, { error: 'UNKNOWN_TOPIC_OR_PARTITION', configs: [] });
  t.like(invalid, { error: 'INVALID_TOPIC_EXCEPTION', configs: [] });
  t.like(offsetsBefore, { error: 'UNKNOWN_TOPIC_OR_PARTITION', configs: [] }, 'no FindCoordinator yet');
  t.is(offsets!.error, 'NONE');
  t.is(entryOf(offsets!, 'cleanup.policy'), 'compact topic');
  t.is(entryOf(offsets!, 'segment.bytes'), '104857600 topic');
  t.is(entryOf(offsets!, 'min.insync.replicas'), '1 broker', 'the broker creates it: nothing pinned');
});

test('RP-27: the group model alone answers as the whole model', async (t) => {
  t.deepEqual(
    await described(new GroupModelSystem()),
    await described(new ModelOracle(new DataPlaneModel())),
  );
});

test('RP-27: the reference in process answers as the model', async (t) => {
  t.deepEqual(
    await described(createReferenceSystem({ storage: 'simulated' })),
    await described(new ModelOracle(new DataPlaneModel())),
  );
});

test('RP-27: the reference over the wire answers as the model', async (t) => {
  t.timeout(60_000);
  t.deepEqual(
    await described(createReferenceWireSystem()),
    await described(new ModelOracle(new DataPlaneModel())),
  );
});
