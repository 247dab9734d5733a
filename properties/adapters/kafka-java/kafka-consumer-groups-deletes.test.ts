// Kafka 4.4's kafka-consumer-groups (ConsumerGroupCommand, from Maven like the other tools of
// kafka-tools-on-kspec.test.ts) deleting against `kspec broker`: --delete-offsets (OffsetDelete v0
// through Kafka's Admin client: OC-20, OC-21) and --delete (DeleteGroups: GC-38, GC-39), with the
// committed offsets read back by kafkajs. CI installs Java and Maven, so a missing tool fails.
import { execFile } from 'node:child_process';
import test from 'ava';
import { Kafka, logLevel } from 'kafkajs';
import { FAST_GROUP_CONFIG, startKspecBroker } from '../../../impl/broker/testing/kspec-broker-process.ts';
import { ensureKafkaTools } from './jar.ts';

process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

/** kafka-consumer-groups with these arguments: its stdout and stderr together, whatever its exit code. */
function consumerGroups(classpath: string, args: string[]): Promise<string> {
  return new Promise((resolve) =>
    execFile(
      'java',
      ['-Xmx256m', '-cp', classpath, 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', ...args],
      { timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
      (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`),
    ),
  );
}

test("Kafka 4.4's kafka-consumer-groups --delete-offsets and --delete work against kspec", async (t) => {
  t.timeout(600_000);
  const { classpath } = await ensureKafkaTools();
  const broker = await startKspecBroker({
    brokers: 1,
    config: [...FAST_GROUP_CONFIG, 'default.replication.factor=1'],
  });
  const bootstrap = broker.bootstrap.join(',');
  const kafka = new Kafka({
    clientId: 'kspec-tools-deletes',
    brokers: broker.bootstrap,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const committed = async () =>
    (await admin.fetchOffsets({ groupId: 'tools-del', topics: ['td'] }))[0]!.partitions
      .map((p) => `${p.partition}@${p.offset}`)
      .sort();
  try {
    await admin.createTopics({ topics: [{ topic: 'td', numPartitions: 2, replicationFactor: 1 }] });
    await admin.setOffsets({
      groupId: 'tools-del',
      topic: 'td',
      partitions: [
        { partition: 0, offset: '4' },
        { partition: 1, offset: '7' },
      ],
    });
    const offsets = await consumerGroups(classpath, [
      '--bootstrap-server',
      bootstrap,
      '--delete-offsets',
      '--group',
      'tools-del',
      '--topic',
      'td:0',
    ]);
    t.regex(offsets, /td\s+0\s+Successful/, offsets);
    t.deepEqual(await committed(), ['0@-1', '1@7']);
    const unknownTopic = await consumerGroups(classpath, [
      '--bootstrap-server',
      bootstrap,
      '--delete-offsets',
      '--group',
      'tools-del',
      '--topic',
      'nowhere:0',
    ]);
    t.regex(
      unknownTopic,
      /UnknownTopicOrPartition|does not host this topic-partition|unknown topic/i,
      unknownTopic,
    );
    const deleted = await consumerGroups(classpath, [
      '--bootstrap-server',
      bootstrap,
      '--delete',
      '--group',
      'tools-del',
    ]);
    t.regex(deleted, /Deletion of requested consumer groups \('tools-del'\) was successful/, deleted);
    t.deepEqual(await committed(), ['0@-1', '1@-1']);
    const again = await consumerGroups(classpath, [
      '--bootstrap-server',
      bootstrap,
      '--delete',
      '--group',
      'tools-del',
    ]);
    t.regex(again, /GroupIdNotFound|does not exist/i, again);
  } finally {
    await admin.disconnect();
    t.is(await broker.stop(), 0);
  }
});
