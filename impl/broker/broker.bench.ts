// End-to-end client rates: kafkajs produces (acks=-1) and a kafkajs consumer group reads the same
// messages back, against `kspec broker` (3 brokers, replication factor 3, min.insync.replicas=2, a
// child process, real files) and, in the same run, against librdkafka's mock cluster
// (test.mock.num.brokers=3: an independent in-memory Kafka implementation inside librdkafka, run in
// native threads of this process). Ratio = kspec / mock. The mock cluster needs node-rdkafka built
// by impl/broker/interop/install-rdkafka.sh; without it only kspec's figures are reported.
import { type BenchFunction, type BenchResult, withRatio } from '../../bench/result.ts';
import {
  BATCH,
  MESSAGE_BYTES,
  measureRates as measure,
  PARTITIONS,
  type Rates,
} from './testing/kafkajs-rates.ts';
import { FAST_GROUP_CONFIG, startKspecBroker } from './testing/kspec-broker-process.ts';
import { loadRdkafka } from './testing/rdkafka-rates.ts';

async function mockCluster(): Promise<{ brokers: string[]; close: () => void } | undefined> {
  const rdkafka = loadRdkafka();
  if (typeof rdkafka === 'string') return undefined;
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
