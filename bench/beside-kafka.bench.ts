// kspec broker beside Apache Kafka 4.4 (issue 22 part 4), in the same run on the same machine with
// the same client and settings: 3 brokers, replication factor 3, min.insync.replicas=2, acks=all,
// 100-byte records, kafkajs, and librdkafka through node-rdkafka where it is built (rows say why not
// otherwise). Kafka is started as `kspec kafka up`
// starts it (properties/adapters/kafka-cluster: one controller and 3 brokers, JVMs from Maven's
// cache). Per system: produce and consume throughput, p99 latency of single-record sends, broker
// CPU seconds per GB moved (produced + consumed record bytes; every process of the system, Kafka's
// controller included) and peak RSS (VmHWM summed over those processes). Ratios are kspec / Kafka:
// targets produce >= 0.5, consume >= 1.0. Without Java or Maven the rows say why they were skipped.
// franz-go's kfake (bench/kfake-cluster.ts; needs Go) runs the same measurement as a second baseline.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createBenchTopic,
  MESSAGE_BYTES,
  measureRates,
  percentile,
  type Rates,
  sendLatencies,
} from '../impl/broker/testing/kafkajs-rates.ts';
import { FAST_GROUP_CONFIG, startKspecBroker } from '../impl/broker/testing/kspec-broker-process.ts';
import { loadRdkafka, measureRdkafkaRates, type Rdkafka } from '../impl/broker/testing/rdkafka-rates.ts';
import { down, up } from '../properties/adapters/kafka-cluster/cluster.ts';
import { bootstrapOf } from '../properties/adapters/kafka-cluster/layout.ts';
import { runningPid } from '../properties/adapters/kafka-cluster/node-process.ts';
import { startKfake } from './kfake-cluster.ts';
import { type BenchFunction, type BenchResult, withRatio } from './result.ts';

const LATENCY_SENDS = 500;
/** Linux's USER_HZ: /proc/PID/stat counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

interface Figures {
  producePerSecond: number;
  consumePerSecond: number;
  p99Ms: number;
  cpuSecondsPerGb: number;
  peakRssMb: number;
  /** The same produce and consume through librdkafka, when node-rdkafka is built. */
  librdkafka?: Rates;
}

/** CPU seconds (user + system) a process has used so far, from /proc/PID/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function peakRssMb(pid: number): number {
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
}

/** The `kspec broker` process serving `dataDir` (its command line names the directory). */
function kspecBrokerPid(dataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes('broker') && args.includes(dataDir)) return Number(entry);
    } catch {
      // a process that ended while the list was read
    }
  }
  throw new Error(`no kspec broker process for ${dataDir}`);
}

async function measureSystem(
  brokers: string[],
  pids: readonly number[],
  messages: number,
  rdkafka: Rdkafka | undefined,
): Promise<Figures> {
  const cpuBefore = pids.reduce((total, pid) => total + cpuSeconds(pid), 0);
  const rates = await measureRates(brokers, messages, true);
  const cpu = pids.reduce((total, pid) => total + cpuSeconds(pid), 0) - cpuBefore;
  const latencyTopic = `latency-${Date.now()}`;
  await createBenchTopic(brokers, latencyTopic);
  const latencies = await sendLatencies(brokers, latencyTopic, LATENCY_SENDS);
  const gigabytes = (2 * messages * MESSAGE_BYTES) / 1e9;
  let librdkafka: Rates | undefined;
  if (rdkafka) {
    const topic = `bench-rdkafka-${Date.now()}`;
    await createBenchTopic(brokers, topic);
    librdkafka = await measureRdkafkaRates(rdkafka, brokers, topic, messages);
  }
  return {
    ...rates,
    ...(librdkafka ? { librdkafka } : {}),
    p99Ms: percentile(latencies, 99),
    cpuSecondsPerGb: cpu / gigabytes,
    peakRssMb: pids.reduce((total, pid) => total + peakRssMb(pid), 0),
  };
}

async function kspecFigures(messages: number, rdkafka: Rdkafka | undefined): Promise<Figures> {
  const broker = await startKspecBroker({
    brokers: 3,
    config: [...FAST_GROUP_CONFIG, 'min.insync.replicas=2', 'default.replication.factor=3'],
  });
  try {
    return await measureSystem(broker.bootstrap, [kspecBrokerPid(broker.dataDir)], messages, rdkafka);
  } finally {
    await broker.stop();
  }
}

async function kafkaFigures(messages: number, rdkafka: Rdkafka | undefined): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-bench-kafka-'));
  rmSync(dataDir, { recursive: true, force: true });
  const layout = await up({
    dataDir,
    brokers: 3,
    shape: 'split',
    settings: { 'min.insync.replicas': '2', 'default.replication.factor': '3' },
  });
  try {
    const pids = layout.nodes.map((node) => runningPid(node)).filter((pid) => pid !== undefined);
    return await measureSystem(bootstrapOf(layout).split(','), pids, messages, rdkafka);
  } finally {
    await down(dataDir, true);
  }
}

/** franz-go's kfake (3 brokers) with the same client and settings, or why it did not run. */
async function kfakeFigures(messages: number, rdkafka: Rdkafka | undefined): Promise<Figures | string> {
  const cluster = await startKfake();
  if (typeof cluster === 'string') return cluster;
  try {
    return await measureSystem(cluster.bootstrap, [cluster.pid], messages, rdkafka);
  } catch (error) {
    return `kfake run failed: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    await cluster.stop();
  }
}

export const bench: BenchFunction = async ({ quick }) => {
  process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';
  const skipped = (reason: string): BenchResult[] => {
    process.stderr.write(`beside Kafka 4.4: skipped: ${reason}\n`);
    return [
      {
        name: 'beside Kafka 4.4 (3 brokers, RF 3, acks=all)',
        value: 0,
        unit: '',
        note: `skipped: ${reason}`,
      },
    ];
  };
  if (quick) return skipped('--quick does not start a Kafka cluster (4 JVMs)');
  const messages = 50_000;
  const loaded = loadRdkafka();
  const rdkafka = typeof loaded === 'string' ? undefined : loaded;
  if (typeof loaded === 'string')
    process.stderr.write(`beside Kafka 4.4, librdkafka rows: skipped: ${loaded}\n`);
  let kafka: Figures;
  try {
    kafka = await kafkaFigures(messages, rdkafka);
  } catch (error) {
    return skipped(`Apache Kafka 4.4 did not run: ${(error as Error).message.split('\n')[0]}`);
  }
  const kspec = await kspecFigures(messages, rdkafka);
  const kfake = await kfakeFigures(messages, rdkafka);
  if (typeof kfake === 'string') process.stderr.write(`beside kfake: skipped: ${kfake}\n`);
  const setting = `${messages} x ${MESSAGE_BYTES} B, acks=all, 3 brokers, RF 3, min.insync.replicas=2, kafkajs; baseline: Apache Kafka 4.4 in the same run`;
  const librdkafkaRow = (what: 'produce' | 'consume', target: string): BenchResult => {
    const name = `beside Kafka 4.4: ${what} (librdkafka)`;
    const key = what === 'produce' ? 'producePerSecond' : 'consumePerSecond';
    if (!kspec.librdkafka || !kafka.librdkafka)
      return {
        name,
        value: 0,
        unit: '',
        note: `skipped: ${typeof loaded === 'string' ? loaded : 'not measured'}`,
      };
    return withRatio({
      name,
      value: kspec.librdkafka[key],
      unit: 'msg/s',
      baseline: kafka.librdkafka[key],
      note: `${setting.replace('kafkajs', 'librdkafka 2.12 (node-rdkafka), linger.ms=5')}; target ratio ${target}`,
    });
  };
  const besideKfake = (what: 'produce' | 'consume'): BenchResult[] => {
    const name = `beside kfake: ${what}`;
    if (typeof kfake === 'string') return [{ name, value: 0, unit: '', note: `skipped: ${kfake}` }];
    const key = what === 'produce' ? 'producePerSecond' : 'consumePerSecond';
    const kfakeSetting = setting.replace(
      'Apache Kafka 4.4 in the same run',
      "franz-go's kfake (docs/kfake) in the same run",
    );
    return [
      withRatio({
        name: `${name} (kafkajs)`,
        value: kspec[key],
        unit: 'msg/s',
        baseline: kfake[key],
        note: kfakeSetting,
      }),
      ...(kspec.librdkafka && kfake.librdkafka
        ? [
            withRatio({
              name: `${name} (librdkafka)`,
              value: kspec.librdkafka[key],
              unit: 'msg/s',
              baseline: kfake.librdkafka[key],
              note: kfakeSetting.replace('kafkajs', 'librdkafka 2.12 (node-rdkafka), linger.ms=5'),
            }),
          ]
        : []),
    ];
  };
  return [
    withRatio({
      name: 'beside Kafka 4.4: produce',
      value: kspec.producePerSecond,
      unit: 'msg/s',
      baseline: kafka.producePerSecond,
      note: `${setting}; target ratio >= 0.5`,
    }),
    withRatio({
      name: 'beside Kafka 4.4: consume',
      value: kspec.consumePerSecond,
      unit: 'msg/s',
      baseline: kafka.consumePerSecond,
      note: `${setting}; target ratio >= 1.0`,
    }),
    librdkafkaRow('produce', '>= 0.5'),
    librdkafkaRow('consume', '>= 1.0'),
    withRatio({
      name: 'beside Kafka 4.4: p99 single-record produce latency',
      value: kspec.p99Ms,
      unit: 'ms',
      baseline: kafka.p99Ms,
      note: `${LATENCY_SENDS} sends one after another, acks=all; lower is better`,
    }),
    withRatio({
      name: 'beside Kafka 4.4: broker CPU per GB',
      value: kspec.cpuSecondsPerGb,
      unit: 'CPU s/GB',
      baseline: kafka.cpuSecondsPerGb,
      note: 'CPU of every broker process during produce + consume, per GB of record bytes produced and consumed; lower is better',
    }),
    withRatio({
      name: 'beside Kafka 4.4: peak RSS',
      value: kspec.peakRssMb,
      unit: 'MB',
      baseline: kafka.peakRssMb,
      note: "VmHWM summed over the system's processes (kspec: one; Kafka: 3 brokers + controller); lower is better",
    }),
    ...besideKfake('produce'),
    ...besideKfake('consume'),
  ];
};
