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
