// What the broker benchmarks measure with kafkajs against any cluster (kspec broker, librdkafka's
// mock, Apache Kafka): produce throughput (acks=-1, 100-byte records in batches of 500), consume
// throughput of a consumer group reading them back, and the latency of single-record sends.
import { Kafka, logLevel } from 'kafkajs';

export const MESSAGE_BYTES = 100;
export const BATCH = 500;
export const PARTITIONS = 3;

export interface Rates {
  producePerSecond: number;
  consumePerSecond: number;
}

/** Generous timeouts: the benchmarks may run on a machine shared with other jobs. */
const kafkaFor = (brokers: string[]) =>
  new Kafka({
    clientId: 'kspec-bench',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 30_000,
    requestTimeout: 120_000,
  });

/** Creates a topic (PARTITIONS partitions, replication factor 3) and waits until each partition has a leader. */
export async function createBenchTopic(brokers: string[], topic: string): Promise<void> {
  const admin = kafkaFor(brokers).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      timeout: 60_000,
      topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 3 }],
    });
    for (let attempt = 0; ; attempt++) {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const led = topics[0]?.partitions.filter((partition) => partition.leader >= 0).length ?? 0;
      if (led === PARTITIONS) break;
      if (attempt > 300)
        throw new Error(`${topic}: ${led} of ${PARTITIONS} partitions have a leader after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await admin.disconnect();
  }
}

/** Produces `messages` records with acks=-1, then reads them back with a consumer group. */
export async function measureRates(
  brokers: string[],
  messages: number,
  createTopic: boolean,
  topic = `bench-${Date.now()}`,
): Promise<Rates> {
  const kafka = kafkaFor(brokers);
  if (createTopic) await createBenchTopic(brokers, topic);
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
    const timer = setTimeout(() => reject(new Error(`consumed ${received}/${total} in 300 s`)), 300_000);
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

/** Milliseconds each of `sends` single-record sends (acks=-1) took, one after another. */
export async function sendLatencies(brokers: string[], topic: string, sends: number): Promise<number[]> {
  const producer = kafkaFor(brokers).producer();
  await producer.connect();
  const value = Buffer.alloc(MESSAGE_BYTES, 'x');
  await producer.send({ topic, acks: -1, messages: [{ value }] });
  const latencies: number[] = [];
  try {
    for (let index = 0; index < sends; index++) {
      const started = performance.now();
      await producer.send({ topic, acks: -1, messages: [{ value }] });
      latencies.push(performance.now() - started);
    }
  } finally {
    await producer.disconnect();
  }
  return latencies;
}

/** The p-th percentile (0..100) of the figures, nearest rank. */
export function percentile(figures: readonly number[], p: number): number {
  const sorted = [...figures].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
