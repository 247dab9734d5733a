// librdkafka (node-rdkafka 3.6, librdkafka 2.12) against `kspec broker`: an acks=all producer with
// delivery reports, then a KafkaConsumer group of two with manual commits. Same checks as the
// kafkajs tests: every delivered message consumed at least once, final committed offsets equal the
// log end. node-rdkafka is not a kspec dependency: impl/broker/interop/install-rdkafka.sh builds it into
// impl/broker/interop/rdkafka/ (the CI interop step does); without it the test skips, except in CI.
import { createRequire } from 'node:module';
import test from 'ava';
import { Kafka, logLevel } from 'kafkajs';
import { assertCommittedAtEnd } from '../testing/committed-at-end.ts';
import { eventually, FAST_GROUP_CONFIG, sleep, startKspecBroker } from '../testing/kspec-broker-process.ts';

// biome-ignore lint/suspicious/noExplicitAny: node-rdkafka is loaded from a separate prefix, untyped here
type Rdkafka = any;

function loadRdkafka(): Rdkafka | undefined {
  try {
    return createRequire(new URL('./rdkafka/package.json', import.meta.url))('node-rdkafka');
  } catch {
    return undefined;
  }
}

const rdkafka = loadRdkafka();
const inCi = process.env['CI'] === 'true';
const rdTest = rdkafka || inCi ? test : test.skip;
if (!rdkafka && !inCi)
  console.warn(
    'node-rdkafka is not built: run impl/broker/interop/install-rdkafka.sh to run the librdkafka interop test',
  );

async function produceAll(
  brokers: string,
  topic: string,
  count: number,
  prefix = 'rd',
): Promise<Set<string>> {
  const producer = new rdkafka.Producer({
    'metadata.broker.list': brokers,
    'client.id': 'kspec-rdkafka-producer',
    'request.required.acks': -1,
    dr_msg_cb: true,
  });
  const delivered = new Set<string>();
  await new Promise<void>((resolve, reject) => {
    producer.once('ready', () => resolve());
    producer.once('connection.failure', reject);
    producer.connect();
  });
  producer.on('delivery-report', (error: Error | null, report: { value: Buffer }) => {
    if (!error) delivered.add(report.value.toString());
  });
  producer.setPollInterval(20);
  for (let i = 0; i < count; i++) {
    const value = `${prefix}-${i}`;
    producer.produce(topic, null, Buffer.from(value), value);
    if (i % 100 === 99) await sleep(10);
  }
  await new Promise<void>((resolve, reject) =>
    producer.flush(20_000, (error: Error | null) => (error ? reject(error) : resolve())),
  );
  await eventually(
    async () => delivered.size,
    (n) => n === count,
    10_000,
    50,
  );
  await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
  return delivered;
}

function startConsumer(brokers: string, topic: string, groupId: string, consumed: Map<string, number>) {
  const consumer = new rdkafka.KafkaConsumer(
    {
      'metadata.broker.list': brokers,
      'group.id': groupId,
      'client.id': `kspec-rdkafka-${consumed.size}`,
      'enable.auto.commit': false,
      'session.timeout.ms': 6000,
      'heartbeat.interval.ms': 500,
      'fetch.wait.max.ms': 200,
    },
    { 'auto.offset.reset': 'earliest' },
  );
  const ready = new Promise<void>((resolve, reject) => {
    consumer.once('ready', () => resolve());
    consumer.once('connection.failure', reject);
  });
  consumer.on('data', (message: { value: Buffer; topic: string; partition: number; offset: number }) => {
    const value = message.value.toString();
    consumed.set(value, (consumed.get(value) ?? 0) + 1);
    consumer.commitMessage(message); // manual commit of offset + 1
  });
  consumer.connect();
  return {
    started: ready.then(() => {
      consumer.subscribe([topic]);
      consumer.consume();
    }),
    stop: () => new Promise<void>((resolve) => consumer.disconnect(() => resolve())),
  };
}

rdTest(
  'librdkafka producer (acks=all) and KafkaConsumer group with manual commits (join, leave)',
  async (t) => {
    if (!rdkafka)
      return t.fail('node-rdkafka is not built: CI builds it first (impl/broker/interop/install-rdkafka.sh)');
    const broker = await startKspecBroker({
      brokers: 3,
      config: [...FAST_GROUP_CONFIG, 'min.insync.replicas=2', 'default.replication.factor=3'],
    });
    const brokers = broker.bootstrap.join(',');
    const kafka = new Kafka({ brokers: broker.bootstrap, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    const consumers: ReturnType<typeof startConsumer>[] = [];
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'rd-t', numPartitions: 4, replicationFactor: 3 }] });
      const delivered = await produceAll(brokers, 'rd-t', 2000);
      t.is(delivered.size, 2000, 'every message delivered (acks=all)');
      const consumed = new Map<string, number>();
      for (let i = 0; i < 2; i++) {
        const consumer = startConsumer(brokers, 'rd-t', 'rd-g', consumed);
        consumers.push(consumer);
        await consumer.started;
        await sleep(1500);
      }
      const missing = await eventually(
        async () => [...delivered].filter((value) => !consumed.has(value)),
        (m) => m.length === 0,
        30_000,
      );
      t.deepEqual(missing, [], 'every delivered message was consumed');
      const group = await eventually(
        () => admin.describeGroups(['rd-g']).then((d) => d.groups[0]!),
        (g) => g.state === 'Stable' && g.members.length === 2,
        20_000,
      );
      t.is(group.members.length, 2, 'both librdkafka members are in the group');
      // One member leaves: the other takes over every partition and reads what comes next.
      await consumers.shift()!.stop();
      const later = await produceAll(brokers, 'rd-t', 500, 'rd2');
      const missingLater = await eventually(
        async () => [...later].filter((value) => !consumed.has(value)),
        (m) => m.length === 0,
        30_000,
      );
      t.deepEqual(missingLater, [], 'the remaining member consumed what was produced after the leave');
      const regrouped = await eventually(
        () => admin.describeGroups(['rd-g']).then((d) => d.groups[0]!),
        (g) => g.state === 'Stable' && g.members.length === 1,
        20_000,
      );
      t.is(regrouped.members.length, 1, 'the group rebalanced to one member');
      const ends = await assertCommittedAtEnd(t, admin, 'rd-g', 'rd-t');
      t.is(
        ends.reduce((sum, p) => sum + Number(p.high), 0),
        2500,
      );
    } finally {
      for (const consumer of consumers) await consumer.stop();
      await admin.disconnect();
      await broker.stop();
    }
  },
);

rdTest(
  'librdkafka producer and consumer through a leader crash: every delivered message consumed, commits reach the end',
  async (t) => {
    if (!rdkafka)
      return t.fail('node-rdkafka is not built: CI builds it first (impl/broker/interop/install-rdkafka.sh)');
    const broker = await startKspecBroker({
      brokers: 3,
      config: [...FAST_GROUP_CONFIG, 'min.insync.replicas=2', 'default.replication.factor=3'],
    });
    const brokers = broker.bootstrap.join(',');
    const admin = new Kafka({ brokers: broker.bootstrap, logLevel: logLevel.NOTHING }).admin();
    const producer = new rdkafka.Producer({
      'metadata.broker.list': brokers,
      'request.required.acks': -1,
      'linger.ms': 5,
      dr_msg_cb: true,
    });
    const consumed = new Map<string, number>();
    let consumer: ReturnType<typeof startConsumer> | undefined;
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'rd-crash', numPartitions: 3, replicationFactor: 3 }] });
      // Subscribe once the topic exists: librdkafka looks again for a missing subscribed topic only
      // every topic.metadata.refresh.interval.ms (5 minutes).
      consumer = startConsumer(brokers, 'rd-crash', 'rd-crash-g', consumed);
      await new Promise<void>((resolve, reject) => {
        producer.once('ready', () => resolve());
        producer.once('connection.failure', reject);
        producer.connect();
      });
      const delivered = new Set<string>();
      let failed = 0;
      producer.on('delivery-report', (error: Error | null, report: { value: Buffer }) => {
        if (error) failed++;
        else delivered.add(report.value.toString());
      });
      producer.setPollInterval(10);
      await consumer.started;
      let sent = 0;
      let producing = true;
      const production = (async () => {
        for (; producing && sent < 20_000; sent++) {
          producer.produce('rd-crash', null, Buffer.from(`c${sent}`));
          await sleep(2);
        }
      })();
      await sleep(2000);
      const leader = (await admin.fetchTopicMetadata({ topics: ['rd-crash'] })).topics[0]!.partitions[0]!
        .leader;
      await broker.fault('crash', leader);
      await sleep(3000);
      await broker.fault('restart', leader);
      await sleep(1500);
      producing = false;
      await production;
      await new Promise<void>((resolve) => producer.flush(20_000, () => resolve()));
      const missing = await eventually(
        async () => [...delivered].filter((value) => !consumed.has(value)),
        (m) => m.length === 0,
        30_000,
      );
      if (missing.length > 0) t.log(`diagnosis: ${await diagnose(broker.bootstrap, 'rd-crash', missing)}`);
      t.deepEqual(missing, [], 'every delivered message was consumed across the crash');
      t.true(delivered.size > 1000, `delivered ${delivered.size} of ${sent}`);
      await assertCommittedAtEnd(t, admin, 'rd-crash-g', 'rd-crash');
      t.log(`crash of broker ${leader}: ${sent} produced, ${delivered.size} delivered, ${failed} failed`);
    } finally {
      await consumer?.stop();
      await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
      await admin.disconnect();
      await broker.stop();
    }
  },
);

/** For a failure report: which of `missing` a fresh reader finds in the log (lost vs skipped by the consumer). */
async function diagnose(bootstrap: string[], topic: string, missing: string[]): Promise<string> {
  const kafka = new Kafka({ brokers: bootstrap, logLevel: logLevel.NOTHING });
  const reader = kafka.consumer({ groupId: `diagnose-${Date.now()}`, maxWaitTimeInMs: 200 });
  const found = new Map<string, string>();
  const wanted = new Set(missing);
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await reader.run({
    eachMessage: async ({ partition, message }) => {
      const value = message.value!.toString();
      if (wanted.has(value)) found.set(value, `${partition}@${message.offset}`);
    },
  });
  await sleep(5000);
  await reader.disconnect();
  return `${missing.length} missing; in the log: ${found.size} (${[...found.entries()].slice(0, 10).join(' ')}); first missing ${missing.slice(0, 5).join(' ')}`;
}
