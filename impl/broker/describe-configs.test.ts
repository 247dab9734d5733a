// DescribeConfigs and DescribeCluster as Kafka's ConfigHelper and KafkaApis answer them, for the
// settings kspec honours: a topic's own settings have source TOPIC_CONFIG (1), the broker's
// explicit ones STATIC_BROKER_CONFIG (4), the rest DEFAULT_CONFIG (5); an unknown topic is
// UNKNOWN_TOPIC_OR_PARTITION; another broker's id is INVALID_REQUEST; "" lists the (absent)
// dynamic defaults.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { KafkaConnection } from '../../properties/client/wire/connection.ts';
import { recordingLogger } from '../server/logger.ts';
import { ReferenceBroker } from './reference-broker.ts';

test('DescribeConfigs: topic, broker and unknown resources at v1..v4; DescribeCluster lists the live brokers', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-configs-'));
  const broker = await ReferenceBroker.start({
    dataDir,
    port: 0,
    config: { 'offsets.topic.num.partitions': 1, 'segment.bytes': 1048576 },
    logger: recordingLogger(),
  });
  const [host, port] = broker.bootstrap().split(':');
  const connection = await KafkaConnection.connect(host!, Number(port));
  try {
    const created = await connection.request('CreateTopics', 5, {
      topics: [
        {
          name: 'configured',
          numPartitions: 1,
          replicationFactor: 1,
          assignments: [],
          configs: [{ name: 'retention.ms', value: '60000' }],
        },
      ],
      timeoutMs: 5000,
      validateOnly: false,
    });
    t.is(created.topics[0]!.errorCode, 0);
    for (const version of [1, 2, 3, 4]) {
      const answer = await connection.request('DescribeConfigs', version, {
        resources: [
          { resourceType: 2, resourceName: 'configured', configurationKeys: null },
          { resourceType: 2, resourceName: 'missing', configurationKeys: null },
          { resourceType: 4, resourceName: '0', configurationKeys: ['offsets.topic.num.partitions'] },
          { resourceType: 4, resourceName: '7', configurationKeys: null },
          { resourceType: 4, resourceName: '', configurationKeys: null },
        ],
        includeSynonyms: true,
        includeDocumentation: true,
      });
      const [topic, missing, own, other, defaults] = answer.results;
      const byName = new Map(topic!.configs.map((c) => [c.name, c]));
      t.like(byName.get('retention.ms'), { value: '60000', configSource: 1, readOnly: false }, `v${version}`);
      t.like(byName.get('segment.bytes'), { value: '1048576', configSource: 4 });
      t.like(byName.get('min.insync.replicas'), { value: '1', configSource: 5 });
      t.deepEqual(
        byName.get('segment.bytes')!.synonyms.map((s) => [s.name, s.value, s.source]),
        [
          ['log.segment.bytes', '1048576', 4],
          ['log.segment.bytes', '1073741824', 5],
        ],
      );
      if (version >= 3) t.is(byName.get('retention.ms')!.configType, 5, 'retention.ms is a LONG');
      t.is(missing!.errorCode, 3, 'UNKNOWN_TOPIC_OR_PARTITION');
      t.deepEqual(
        own!.configs.map((c) => [c.name, c.value, c.configSource, c.readOnly]),
        [['offsets.topic.num.partitions', '1', 4, true]],
      );
      t.is(other!.errorCode, 42, 'INVALID_REQUEST for another broker');
      t.regex(other!.errorMessage ?? '', /expected 0 or empty string, but received 7/);
      t.deepEqual([defaults!.errorCode, defaults!.configs.length], [0, 0]);
    }
    for (const version of [0, 1, 2]) {
      const cluster = await connection.request('DescribeCluster', version, {
        includeClusterAuthorizedOperations: false,
        endpointType: 1,
        includeFencedBrokers: false,
      });
      t.is(cluster.errorCode, 0);
      t.deepEqual(
        cluster.brokers.map((b) => [b.brokerId, b.host, b.port]),
        [[0, host, Number(port)]],
      );
      t.is(cluster.controllerId, 0);
    }
    const controllers = await connection.request('DescribeCluster', 1, {
      includeClusterAuthorizedOperations: false,
      endpointType: 2,
      includeFencedBrokers: false,
    });
    t.is(controllers.errorCode, 115, 'UNSUPPORTED_ENDPOINT_TYPE: a broker listener serves no controllers');
  } finally {
    await connection.close();
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('RP-27: a topic lists cleanup.policy and Kafka-printed defaults; ".." is refused; __consumer_offsets is compacted', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-configs-'));
  const broker = await ReferenceBroker.start({
    dataDir,
    port: 0,
    config: { 'offsets.topic.num.partitions': 1, 'offsets.topic.replication.factor': 1 },
    logger: recordingLogger(),
  });
  const [host, port] = broker.bootstrap().split(':');
  const connection = await KafkaConnection.connect(host!, Number(port));
  const describe = async (name: string) => {
    const answer = await connection.request('DescribeConfigs', 4, {
      resources: [{ resourceType: 2, resourceName: name, configurationKeys: null }],
      includeSynonyms: false,
      includeDocumentation: false,
    });
    const result = answer.results[0]!;
    return {
      error: result.errorCode,
      message: result.errorMessage,
      configs: new Map(result.configs.map((c) => [c.name, `${c.value} ${c.configSource}`])),
      names: result.configs.map((c) => c.name),
    };
  };
  try {
    const created = await connection.request('CreateTopics', 5, {
      topics: [{ name: 'plain', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 5000,
      validateOnly: false,
    });
    t.is(created.topics[0]!.errorCode, 0);
    const plain = await describe('plain');
    t.is(plain.configs.get('cleanup.policy'), 'delete 5');
    t.is(
      plain.configs.get('flush.messages'),
      '9223372036854775807 5',
      "Kafka's Long.MAX_VALUE, not the table's",
    );
    t.is(plain.configs.get('flush.ms'), '9223372036854775807 5');
    t.is(new Set(plain.names).size, plain.names.length, 'each config once');
    const invalid = await describe('..');
    t.deepEqual([invalid.error, invalid.message], [17, "Topic name is invalid: '..' is not allowed"]);
    t.is((await describe('__consumer_offsets')).error, 3, 'not before the first FindCoordinator');
    const found = await connection.request('FindCoordinator', 3, { key: 'g', keyType: 0 });
    t.is(found.errorCode, 0);
    const offsets = await describe('__consumer_offsets');
    t.is(offsets.configs.get('cleanup.policy'), 'compact 1');
    t.is(offsets.configs.get('segment.bytes'), '104857600 1');
    t.is(new Set(offsets.names).size, offsets.names.length, 'each config once');
  } finally {
    await connection.close();
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
