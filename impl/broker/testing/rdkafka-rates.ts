// The broker benchmarks' librdkafka client (node-rdkafka, built apart from kspec's dependencies by
// impl/broker/interop/install-rdkafka.sh): the same figures as kafkajs-rates.ts, produce throughput
// with acks=-1 and consume throughput of a consumer group reading the records back, through the C
// client most Kafka users run (librdkafka batches and compresses nothing here: 100-byte records,
// linger 5 ms).
import { createRequire } from 'node:module';
import { MESSAGE_BYTES, type Rates } from './kafkajs-rates.ts';

// biome-ignore lint/suspicious/noExplicitAny: node-rdkafka is loaded from the interop prefix, untyped
export type Rdkafka = any;

/** node-rdkafka from the interop prefix, or why it cannot be loaded (not built on this machine). */
export function loadRdkafka(): Rdkafka | string {
  try {
    return createRequire(new URL('../interop/rdkafka/package.json', import.meta.url))('node-rdkafka');
  } catch (error) {
    return `node-rdkafka is not built (bash impl/broker/interop/install-rdkafka.sh): ${(error as Error).message.split('\n')[0]}`;
  }
}

const TIMEOUT_MS = 300_000;

async function produce(
  rdkafka: Rdkafka,
  brokers: string[],
  topic: string,
  messages: number,
): Promise<number> {
  const producer = new rdkafka.Producer({
    'bootstrap.servers': brokers.join(','),
    'request.required.acks': -1,
    'linger.ms': 5,
    'queue.buffering.max.messages': 1_000_000,
    dr_cb: true,
  });
  await new Promise<void>((resolve, reject) => {
    producer.once('ready', () => resolve());
    producer.once('connection.failure', reject);
    producer.connect();
  });
  producer.setPollInterval(10);
  const value = Buffer.alloc(MESSAGE_BYTES, 'x');
  let delivered = 0;
  let failed: Error | undefined;
  const allDelivered = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`delivered ${delivered}/${count} in 300 s`)),
        TIMEOUT_MS,
      );
      const check = (error: Error | null) => {
        if (error) failed = error;
        delivered += 1;
        if (failed) {
          clearTimeout(timer);
          reject(failed);
        } else if (delivered >= count) {
          clearTimeout(timer);
          producer.removeListener('delivery-report', check);
          resolve();
        }
      };
      producer.on('delivery-report', check);
    });
  try {
    // Warm-up: metadata and connections.
    const warm = allDelivered(1);
    producer.produce(topic, null, value);
    await warm;
    delivered = 0;
    const started = performance.now();
    const done = allDelivered(messages);
    for (let sent = 0; sent < messages; sent++) {
      for (;;) {
        try {
          producer.produce(topic, null, value);
          break;
        } catch {
          // the local queue is full: let librdkafka send some
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      }
    }
    await done;
    return messages / ((performance.now() - started) / 1000);
  } finally {
    await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
  }
}

async function consume(rdkafka: Rdkafka, brokers: string[], topic: string, total: number): Promise<number> {
  const consumer = new rdkafka.KafkaConsumer(
    { 'bootstrap.servers': brokers.join(','), 'group.id': `${topic}-rdkafka`, 'enable.auto.commit': false },
    { 'auto.offset.reset': 'earliest' },
  );
  await new Promise<void>((resolve, reject) => {
    consumer.once('ready', () => resolve());
    consumer.once('connection.failure', reject);
    consumer.connect();
  });
  let received = 0;
  let firstAt = 0;
  let lastAt = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumed ${received}/${total} in 300 s`)), TIMEOUT_MS);
      consumer.on('data', () => {
        if (received === 0) firstAt = performance.now();
        received += 1;
        lastAt = performance.now();
        if (received >= total) {
          clearTimeout(timer);
          resolve();
        }
      });
      consumer.subscribe([topic]);
      consumer.consume();
    });
  } finally {
    await new Promise<void>((resolve) => consumer.disconnect(() => resolve()));
  }
  // From the first record to the last: fetch throughput, not the group join.
  return (total - 1) / Math.max(1e-3, (lastAt - firstAt) / 1000);
}

/** Produces `messages` records with acks=-1 to an existing topic, then reads them back with a consumer group. */
export async function measureRdkafkaRates(
  rdkafka: Rdkafka,
  brokers: string[],
  topic: string,
  messages: number,
): Promise<Rates> {
  const producePerSecond = await produce(rdkafka, brokers, topic, messages);
  // the warm-up record too
  const consumePerSecond = await consume(rdkafka, brokers, topic, messages + 1);
  return { producePerSecond, consumePerSecond };
}
