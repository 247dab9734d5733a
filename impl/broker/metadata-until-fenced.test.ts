// A crashed broker stays in Metadata until the controller fences it (RP-25), as in Kafka, whose
// metadata image lists every registered broker that is not fenced (KRaftMetadataCache
// .getAliveBrokerNodes). Dropping it from the broker list while it still leads a partition left
// kafkajs's consumer with a leader it could not resolve, and it never fetched that partition again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { KafkaConnection } from '../../properties/client/wire/connection.ts';
import { recordingLogger } from '../server/logger.ts';
import { ReferenceBroker } from './reference-broker.ts';

test('a crashed broker stays listed, leading its partitions, until its session expires; then it is gone', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-unfenced-'));
  const broker = await ReferenceBroker.start({
    dataDir,
    port: 0,
    brokers: 3,
    config: { 'offsets.topic.num.partitions': 1, 'default.replication.factor': 3 },
    logger: recordingLogger(),
  });
  const survivor = broker.bootstrap().split(',').at(-1)!;
  const [host, port] = survivor.split(':');
  const connection = await KafkaConnection.connect(host!, Number(port));
  const metadata = () =>
    connection.request('Metadata', 9, { topics: [{ name: 't' }], allowAutoTopicCreation: false } as never);
  try {
    const created = await connection.request('CreateTopics', 5, {
      topics: [{ name: 't', numPartitions: 3, replicationFactor: 3, assignments: [], configs: [] }],
      timeoutMs: 5000,
      validateOnly: false,
    });
    t.is(created.topics[0]!.errorCode, 0);
    await broker.fault('crash', 0);
    const during = await metadata();
    t.deepEqual(
      during.brokers.map((b) => b.nodeId).sort(),
      [0, 1, 2],
      'the crashed broker is still registered and unfenced',
    );
    t.true(
      during.topics[0]!.partitions.some((p) => p.leaderId === 0),
      'and still leads the partitions it led',
    );
    t.deepEqual(
      during.topics[0]!.partitions.flatMap((p) => p.offlineReplicas),
      [],
      'no replica is offline before fencing',
    );
    const deadline = Date.now() + 20_000;
    let after = await metadata();
    while (after.brokers.some((b) => b.nodeId === 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await metadata();
    }
    t.deepEqual(after.brokers.map((b) => b.nodeId).sort(), [1, 2], 'fenced after broker.session.timeout.ms');
    t.false(
      after.topics[0]!.partitions.some((p) => p.leaderId === 0),
      'its leaderships moved',
    );
    t.true(
      after.topics[0]!.partitions.every((p) => p.offlineReplicas.includes(0)),
      'and its replicas are offline',
    );
  } finally {
    await connection.close();
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
