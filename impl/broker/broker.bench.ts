// End-to-end client rates: kafkajs produces (acks=-1) and a kafkajs consumer group reads the same
// messages back, against `kspec broker` (3 brokers, replication factor 3, min.insync.replicas=2, a
// child process, real files) and, in the same run, against librdkafka's mock cluster
// (test.mock.num.brokers=3: an independent in-memory Kafka implementation inside librdkafka, run in
// native threads of this process). Ratio = kspec / mock. The mock cluster needs node-rdkafka built
// by impl/broker/interop/install-rdkafka.sh; without it only kspec's figures are reported.
import { createRequire } from 'node:module';
import { Kafka, logLevel } from 'kafkajs';
import { type BenchFunction, type BenchResult, withRatio } from '../../bench/result.ts';
import { FAST_GROUP_CONFIG, startKspecBroker } from './testing/kspec-broker-process.ts';

const MESSAGE_BYTES = 100;
const BATCH = 500;
const PARTITIONS = 3;

interface Rates {
  producePerSecond: number;
  consumePerSecond: number;
}

async function measure(brokers: string[], messages: number, createTopic: boolean): Promise<Rates> {
  const kafka = new Kafka({ clientId: 'kspec-bench', brokers, logLevel: logLevel.NOTHING });
  const topic = `bench-${Date.now()}`;
  if (createTopic) {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 3 }] });
    await admin.disconnect();
  }
  const producer = kafka.producer();
  await producer.connect();
  const value = Buffer.alloc(MESSAGE_BYTES, 'x');
  // Warm-up: metadata, connections, topic creation.
  await producer.send({ topic, acks: -1, messages: [{ value }] });
  const produceStart = performance.now();
  for (let sent = 0; sent < messages; sent += BATCH)
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: Math.min(BATCH, messages - sent) }, () => ({ value })),
    });
  const produceSeconds = (performance.now() - produceStart) / 1000;
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: `${topic}-g`, maxWaitTimeInMs: 100, maxBytes: 10 << 20 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const total = messages + 1;
  let received = 0;
  let firstAt = 0;
  let lastAt = 0;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`consumed ${received}/${total} in 120 s`)), 120_000);
    void consumer.run({
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        if (received === 0) firstAt = performance.now();
        received += batch.messages.length;
        lastAt = performance.now();
        if (received >= total) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  // From the first delivered batch to the last: fetch throughput, not the group join.
  const consumeSeconds = Math.max(1e-3, (lastAt - firstAt) / 1000);
  return { producePerSecond: messages / produceSeconds, consumePerSecond: (total - 1) / consumeSeconds };
}

async function mockCluster(): Promise<{ brokers: string[]; close: () => void } | undefined> {
  // biome-ignore lint/suspicious/noExplicitAny: node-rdkafka is loaded from the interop prefix, untyped
  let rdkafka: any;
  try {
    rdkafka = createRequire(new URL('./interop/rdkafka/package.json', import.meta.url))('node-rdkafka');
  } catch {
    return undefined;
  }
  const holder = new rdkafka.Producer({ 'bootstrap.servers': 'mock:9092', 'test.mock.num.brokers': 3 });
  await new Promise<void>((resolve, reject) => {
    holder.once('ready', () => resolve());
    holder.once('connection.failure', reject);
    holder.connect();
  });
  const metadata = await new Promise<{ brokers: { host: string; port: number }[] }>((resolve, reject) =>
    holder.getMetadata({ timeout: 5000 }, (error: Error | null, answer: never) =>
      error ? reject(error) : resolve(answer),
    ),
  );
  return {
    brokers: metadata.brokers.map((b) => `${b.host}:${b.port}`),
    close: () => holder.disconnect(),
  };
}

export const bench: BenchFunction = async ({ quick }) => {
  process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';
  const messages = quick ? 5_000 : 50_000;
  const broker = await startKspecBroker({
    brokers: 3,
    config: [...FAST_GROUP_CONFIG, 'min.insync.replicas=2', 'default.replication.factor=3'],
  });
  let kspec: Rates;
  try {
    kspec = await measure(broker.bootstrap, messages, true);
  } finally {
    await broker.stop();
  }
  const mock = await mockCluster();
  let baseline: Rates | undefined;
  if (mock) {
    try {
      baseline = await measure(mock.brokers, messages, false);
    } finally {
      mock.close();
    }
  }
  const note = `${messages} x ${MESSAGE_BYTES} B, batches of ${BATCH}, acks=-1, ${PARTITIONS} partitions`;
  const figure = (name: string, value: number, base: number | undefined): BenchResult =>
    base === undefined
      ? {
          name,
          value,
          unit: 'msg/s',
          note: `${note}; mock cluster unavailable (impl/broker/interop/install-rdkafka.sh)`,
        }
      : withRatio({
          name,
          value,
          unit: 'msg/s',
          baseline: base,
          note: `${note}; baseline: librdkafka mock cluster`,
        });
  return [
    figure(
      'kafkajs produce -> kspec broker (3 brokers, RF 3)',
      kspec.producePerSecond,
      baseline?.producePerSecond,
    ),
    figure(
      'kafkajs consume <- kspec broker (3 brokers, RF 3)',
      kspec.consumePerSecond,
      baseline?.consumePerSecond,
    ),
  ];
};
