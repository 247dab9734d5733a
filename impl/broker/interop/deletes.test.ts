// DeleteGroups (GC-38, GC-39) and OffsetDelete (OC-20, OC-21) from real clients against `kspec
// broker` (a child process on loopback): kafkajs 2.2.4's admin (deleteGroups, DeleteGroups v1) and
// @platformatic/kafka 1.35's admin (deleteConsumerGroupOffsets and deleteGroups, OffsetDelete v0 and
// DeleteGroups v2, the flexible version), installed by the client matrix's install script.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { type Consumer, Kafka, logLevel } from 'kafkajs';
import {
  eventually,
  FAST_GROUP_CONFIG,
  type KspecBroker,
  startKspecBroker,
} from '../testing/kspec-broker-process.ts';

process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';
const run = promisify(execFile);
const platformatic = join(dirname(fileURLToPath(import.meta.url)), 'client-matrix', 'platformatic');
const TOPIC = 'del-t';

let broker: KspecBroker;
let kafka: Kafka;

test.before(async () => {
  await run('bash', [join(platformatic, 'install.sh')], { timeout: 300_000 });
  broker = await startKspecBroker({
    brokers: 1,
    config: [...FAST_GROUP_CONFIG, 'default.replication.factor=1'],
  });
  kafka = new Kafka({
    clientId: 'kspec-deletes',
    brokers: broker.bootstrap,
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 2, replicationFactor: 1 }] });
  await admin.disconnect();
});

test.after.always(async () => {
  await broker?.stop();
});

async function platformaticAdmin(
  ...args: string[]
): Promise<{ ok: boolean; result?: unknown; error?: { message: string; codes: unknown[] } }> {
  const { stdout } = await run(process.execPath, [join(platformatic, 'deletes.mjs'), ...args], {
    cwd: platformatic,
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

const offsetsOf = async (group: string) => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [topic] = await admin.fetchOffsets({ groupId: group, topics: [TOPIC] });
    return topic!.partitions.map((p) => `${p.partition}@${p.offset}`).sort();
  } finally {
    await admin.disconnect();
  }
};

async function liveConsumer(group: string): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: group, sessionTimeout: 10_000, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
  await consumer.run({ eachMessage: async () => {} });
  const admin = kafka.admin();
  await admin.connect();
  const stable = await eventually(
    async () => (await admin.describeGroups([group])).groups[0]!.state,
    (state) => state === 'Stable',
    20_000,
  );
  if (stable !== 'Stable') throw new Error(`${group} did not become Stable: ${stable}`);
  await admin.disconnect();
  return consumer;
}

test.serial(
  'GC-38 kafkajs deleteGroups: NON_EMPTY_GROUP while a consumer is in the group, deleted with its offsets once it left; GC-39 then Dead and no offsets',
  async (t) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.setOffsets({
        groupId: 'del-simple',
        topic: TOPIC,
        partitions: [{ partition: 0, offset: '3' }],
      });
      t.deepEqual(await offsetsOf('del-simple'), ['0@3', '1@-1']);
      const consumer = await liveConsumer('del-live');
      const refused = await t.throwsAsync(admin.deleteGroups(['del-live']));
      t.regex(
        JSON.stringify((refused as { groups?: unknown }).groups ?? refused?.message),
        /NON_EMPTY_GROUP|not empty/i,
      );
      await consumer.disconnect();
      const deleted = await admin.deleteGroups(['del-simple', 'del-live']);
      t.deepEqual(deleted.map((g) => [g.groupId, g.errorCode]).sort(), [
        ['del-live', 0],
        ['del-simple', 0],
      ]);
      t.deepEqual(await offsetsOf('del-simple'), ['0@-1', '1@-1']);
      t.is((await admin.describeGroups(['del-live'])).groups[0]!.state, 'Dead');
      const missing = await t.throwsAsync(admin.deleteGroups(['del-live']));
      t.regex(
        JSON.stringify((missing as { groups?: unknown }).groups ?? missing?.message),
        /GROUP_ID_NOT_FOUND|does not exist/i,
      );
    } finally {
      await admin.disconnect();
    }
  },
);

test.serial(
  'OC-21 @platformatic/kafka deleteConsumerGroupOffsets: refused for the topic a live group subscribes to, done once the group is Empty; then its DeleteGroups v2',
  async (t) => {
    const bootstrap = broker.bootstrap.join(',');
    const admin = kafka.admin();
    await admin.connect();
    try {
      const consumer = await liveConsumer('del-offsets');
      let subscribed: Awaited<ReturnType<typeof platformaticAdmin>>;
      try {
        subscribed = await platformaticAdmin('offsets', bootstrap, 'del-offsets', TOPIC, '0');
      } finally {
        await consumer.disconnect();
      }
      t.false(subscribed.ok, JSON.stringify(subscribed));
      t.regex(JSON.stringify(subscribed.error), /86|GROUP_SUBSCRIBED_TO_TOPIC|subscribed/i);
      await admin.setOffsets({
        groupId: 'del-offsets',
        topic: TOPIC,
        partitions: [
          { partition: 0, offset: '5' },
          { partition: 1, offset: '6' },
        ],
      });
      const deleted = await platformaticAdmin('offsets', bootstrap, 'del-offsets', TOPIC, '0');
      t.true(deleted.ok, JSON.stringify(deleted));
      t.deepEqual(await offsetsOf('del-offsets'), ['0@-1', '1@6']);
      t.is((await admin.describeGroups(['del-offsets'])).groups[0]!.state, 'Empty', 'the group stays');
      const gone = await platformaticAdmin('groups', bootstrap, 'del-offsets');
      t.true(gone.ok, JSON.stringify(gone));
      t.deepEqual(await offsetsOf('del-offsets'), ['0@-1', '1@-1']);
    } finally {
      await admin.disconnect();
    }
  },
);
