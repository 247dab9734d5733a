// Scale curve (issue 22 part 5): how `kspec broker` produce throughput grows with partitions and
// with client connections. One broker process (3 brokers, replication factor 3,
// min.insync.replicas=2, real files), kafkajs producers sending 100-byte records with acks=-1 in
// batches of 500: 1, 10 and 100 partitions with one producer; 1, 10 and 100 producers (each its
// own connections) on 10 partitions, the same records split between them.
import { Kafka, logLevel } from 'kafkajs';
import { FAST_GROUP_CONFIG, startKspecBroker } from '../../impl/broker/testing/kspec-broker-process.ts';
import type { BenchFunction, BenchResult } from '../result.ts';

const RECORD_BYTES = 100;
const BATCH = 500;

async function produceRate(
  kafka: Kafka,
  partitions: number,
  producers: number,
  records: number,
): Promise<number> {
  const topic = `scale-${partitions}-${producers}-${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    timeout: 60_000,
    topics: [{ topic, numPartitions: partitions, replicationFactor: 3 }],
  });
  // Every partition led before the first send: kafkajs throws outside its promises ('Broker not
  // connected', an uncaught exception) when metadata names a leader it has no connection to yet.
  for (let attempt = 0; ; attempt++) {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const led = topics[0]?.partitions.filter((partition) => partition.leader >= 0).length ?? 0;
    if (led === partitions) break;
    if (attempt > 300)
      throw new Error(`${topic}: ${led} of ${partitions} partitions have a leader after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await admin.disconnect();
  const value = Buffer.alloc(RECORD_BYTES, 'x');
  const clients = Array.from({ length: producers }, () => kafka.producer());
  // One after another: a hundred simultaneous connects time out on a loaded machine.
  for (const client of clients) await client.connect();
  // Warm-up: metadata and a connection to every leader.
  await Promise.all(clients.map((client) => client.send({ topic, acks: -1, messages: [{ value }] })));
  const share = Math.ceil(records / producers);
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (let sent = 0; sent < share; sent += BATCH)
        await client.send({
          topic,
          acks: -1,
          messages: Array.from({ length: Math.min(BATCH, share - sent) }, () => ({ value })),
        });
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(clients.map((client) => client.disconnect()));
  return (share * producers) / seconds;
}

export const bench: BenchFunction = async ({ quick }) => {
  process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';
  const records = quick ? 5_000 : 50_000;
  const counts = quick ? [1, 10] : [1, 10, 100];
  const broker = await startKspecBroker({
    brokers: 3,
    config: [...FAST_GROUP_CONFIG, 'min.insync.replicas=2', 'default.replication.factor=3'],
  });
  const results: BenchResult[] = [];
  try {
    const kafka = new Kafka({
      clientId: 'kspec-scale',
      brokers: broker.bootstrap,
      logLevel: logLevel.NOTHING,
    });
    const point = async (
      partitions: number,
      producers: number,
      series: string,
      x: number,
      xLabel: string,
    ) => {
      const rate = await produceRate(kafka, partitions, producers, records);
      results.push({
        name: `scale: kafkajs produce -> kspec broker, ${series}: ${partitions} partition(s), ${producers} producer(s)`,
        value: rate,
        unit: 'msg/s',
        note: `${records} x ${RECORD_BYTES} B, batches of ${BATCH}, acks=-1, 3 brokers, RF 3`,
        curve: { chart: 'broker produce throughput vs partitions and connections', series, xLabel, x },
      });
    };
    for (const partitions of counts)
      await point(partitions, 1, '1 producer, by partitions', partitions, 'partitions or producers');
    for (const producers of counts)
      await point(10, producers, '10 partitions, by producers', producers, 'partitions or producers');
  } finally {
    await broker.stop();
  }
  return results;
};
