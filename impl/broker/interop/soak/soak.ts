// npm run soak -- --minutes M --connections C: `kspec broker` (3 brokers, RF 3,
// min.insync.replicas=2) as a child process under many kafkajs clients producing with acks=all and
// consuming in groups, with a group member replaced now and then (rebalances), one broker crashed
// and restarted through the control port now and then, and slow consumers asking for 2 GiB per
// Fetch while reading a trickle. Every 10 s one line: throughput, p99 latencies, connections, the
// broker's RSS and open fds. At the end: no acknowledged record lost (read back from the log), RSS
// and fds flat after the warm-up (leak-check.ts states the tolerance), at least C connections.
// Exit 0 when all hold, 1 when one does not, 2 on bad usage.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startOnDataDir } from '../../testing/restartable-broker.ts';
import { checkLeaks, DEFAULT_TOLERANCE, type LeakSample, mb } from './leak-check.ts';
import { Ledger, Load, p99, Window } from './load.ts';
import { sampleProcess } from './process-stats.ts';
import { checkNoLoss } from './read-back.ts';
import { type SlowConsumerStats, startSlowConsumer } from './slow-consumer.ts';

const USAGE = `usage: npm run soak -- [--minutes M] [--connections C] [--fault-every S] [--churn-every S]
                      [--slow-consumers N] [--fetch-path sendfile|copy] [--json FILE]`;

function usage(message: string): never {
  console.error(`soak: ${message}\n${USAGE}`);
  process.exit(2);
}

function positive(name: string, raw: string | undefined, fallback: number, allowZero = false): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    usage(`--${name} must be a positive number, got '${raw}'`);
  return value;
}

let parsed: ReturnType<typeof parseArgs>;
try {
  parsed = parseArgs({
    options: {
      minutes: { type: 'string' },
      connections: { type: 'string' },
      'fault-every': { type: 'string' },
      'churn-every': { type: 'string' },
      'slow-consumers': { type: 'string' },
      'fetch-path': { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
} catch (error) {
  usage((error as Error).message);
}
const values = parsed.values as Record<string, string | boolean | undefined>;
if (values['help']) {
  console.log(USAGE);
  process.exit(0);
}
const str = (name: string) => values[name] as string | undefined;
const MINUTES = positive('minutes', str('minutes'), 2);
const CONNECTIONS = positive('connections', str('connections'), 200);
const FAULT_EVERY_S = positive('fault-every', str('fault-every'), 90, true);
const CHURN_EVERY_S = positive('churn-every', str('churn-every'), 30, true);
const SLOW_CONSUMERS = positive('slow-consumers', str('slow-consumers'), 4, true);
const FETCH_PATH = str('fetch-path') ?? 'sendfile';
if (FETCH_PATH !== 'sendfile' && FETCH_PATH !== 'copy')
  usage(`--fetch-path is sendfile or copy, got '${FETCH_PATH}'`);

const TOPIC = 'soak';
const PARTITIONS = 24;
const GROUPS = 4;
const REPORT_EVERY_MS = 10_000;
const FAULT_DOWN_MS = 15_000;
const DURATION_MS = MINUTES * 60_000;
/** Warm-up: a fifth of the run, at least 30 s (connections open, the unsynced-write journal fills). */
const WARM_UP_MS = Math.max(30_000, DURATION_MS / 5);
// A kafkajs client holds a connection to its bootstrap broker and one to each broker it needs (the
// leaders it sends to or fetches from, its group coordinator): up to four with three brokers. kspec
// has no automatic preferred-leader election (Kafka's auto.leader.rebalance.enable), so after the
// crashes leadership gathers on fewer brokers and clients hold fewer connections: twice as many
// clients as the target over four keeps the count above the target then.
const PRODUCERS = Math.ceil(CONNECTIONS / 4);
const CONSUMERS_PER_GROUP = Math.ceil(CONNECTIONS / 16);
const CONFIG = [
  'min.insync.replicas=2',
  'default.replication.factor=3',
  'group.initial.rebalance.delay.ms=0',
  'offsets.topic.num.partitions=10',
];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
let started = Date.now();
const elapsed = () => Date.now() - started;

async function fault(control: string, kind: string, broker: number): Promise<void> {
  const response = await fetch(`http://${control}/fault`, {
    method: 'POST',
    body: JSON.stringify({ fault: kind, broker }),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`fault ${kind} ${broker}: ${await response.text()}`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'kspec-soak-'));
const broker = await startOnDataDir(dataDir, 3, CONFIG, ['--log-level', 'warn', '--fetch-path', FETCH_PATH]);
console.log(
  `soak: ${MINUTES} min, target ${CONNECTIONS} connections: ${PRODUCERS} producers (acks=all), ` +
    `${GROUPS} groups of ${CONSUMERS_PER_GROUP} consumers, ${SLOW_CONSUMERS} slow consumers (2 GiB fetches), ` +
    `a broker crash every ${FAULT_EVERY_S} s (restart after ${FAULT_DOWN_MS / 1000} s), a member replaced every ` +
    `${CHURN_EVERY_S} s; broker pid ${broker.pid}, fetch path ${FETCH_PATH}, warm-up ${Math.round(WARM_UP_MS / 1000)} s`,
);

const ledger = new Ledger(PARTITIONS);
const window = new Window();
const load = new Load({
  bootstrap: broker.bootstrap,
  topic: TOPIC,
  partitions: PARTITIONS,
  producers: PRODUCERS,
  groups: GROUPS,
  consumersPerGroup: CONSUMERS_PER_GROUP,
  recordsPerSend: 10,
  sendIntervalMs: 200,
  ledger,
  window,
});

const { Kafka, logLevel } = await import('kafkajs');
const admin = new Kafka({
  clientId: 'soak-admin',
  brokers: broker.bootstrap,
  logLevel: logLevel.NOTHING,
}).admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: 3 }] });
const { topics: described } = await admin.fetchTopicMetadata({ topics: [TOPIC] });
await admin.disconnect();
const ledBy = (index: number) =>
  described[0]!.partitions.filter((p) => p.leader === index).map((p) => p.partitionId);

const slowStats: SlowConsumerStats = { responses: 0, bytesRead: 0, closedByBroker: 0 };
const slow = Array.from({ length: SLOW_CONSUMERS }, (_, i) => {
  const [host, port] = broker.bootstrap[i % broker.bootstrap.length]!.split(':') as [string, string];
  return startSlowConsumer({
    host,
    port: Number(port),
    topic: TOPIC,
    partitions: ledBy(i % broker.bootstrap.length),
    bytesPerSecond: 256 * 1024,
    stats: slowStats,
  });
});
await load.start();
started = Date.now(); // the run's minutes count from here: every client is connected
console.log(`clients connected; the ${MINUTES} minutes start now`);

const samples: (LeakSample & { sockets: number })[] = [];
interface ReportLine {
  t: number;
  producedPerS: number;
  consumedPerS: number;
  produceP99Ms: number;
  endToEndP99Ms: number;
  rebalances: number;
  connections: number;
  rssMb: number;
  fds: number;
}
const lines: ReportLine[] = [];
let faults = 0;
let churns = 0;
let down: number | undefined;
let lastReport = Date.now();
const faultsLog: string[] = [];

const reporter = setInterval(() => {
  const now = Date.now();
  const seconds = (now - lastReport) / 1000;
  lastReport = now;
  const stats = sampleProcess(broker.pid);
  const at = elapsed();
  samples.push({
    atMs: at,
    rssBytes: stats.rssBytes,
    openFds: stats.openFds,
    sockets: stats.sockets,
    allBrokersUp: down === undefined,
  });
  // Listeners of the brokers up and the control port are sockets too, not connections.
  const connections = stats.sockets - (broker.bootstrap.length - (down === undefined ? 0 : 1)) - 1;
  const line: ReportLine = {
    t: Math.round(at / 1000),
    producedPerS: Math.round(window.produced / seconds),
    consumedPerS: Math.round(window.consumed / seconds),
    produceP99Ms: Math.round(p99(window.produceLatencies)),
    endToEndP99Ms: Math.round(p99(window.endToEndLatencies)),
    rebalances: window.rebalances,
    connections,
    rssMb: Math.round(stats.rssBytes / 2 ** 20),
    fds: stats.openFds,
  };
  lines.push(line);
  window.reset();
  console.log(
    `t=${String(line.t).padStart(5)}s  produce ${line.producedPerS} rec/s (p99 ${line.produceP99Ms} ms)  ` +
      `consume ${line.consumedPerS} rec/s (end-to-end p99 ${line.endToEndP99Ms} ms)  rebalances ${line.rebalances}  ` +
      `connections ${line.connections}  rss ${line.rssMb} MB  fds ${line.fds}${down === undefined ? '' : `  (broker ${down} down)`}`,
  );
}, REPORT_EVERY_MS);

const faulter = (async () => {
  if (FAULT_EVERY_S === 0) return;
  for (let round = 0; ; round++) {
    await sleep(FAULT_EVERY_S * 1000);
    if (elapsed() + FAULT_DOWN_MS + 20_000 > DURATION_MS) return;
    const target = round % broker.bootstrap.length;
    try {
      await fault(broker.control, 'crash', target);
      down = target;
      faults++;
      faultsLog.push(`t=${Math.round(elapsed() / 1000)}s crash ${target}`);
      await sleep(FAULT_DOWN_MS);
      await fault(broker.control, 'restart', target);
      faultsLog.push(`t=${Math.round(elapsed() / 1000)}s restart ${target}`);
    } catch (error) {
      faultsLog.push(`t=${Math.round(elapsed() / 1000)}s fault failed: ${(error as Error).message}`);
    } finally {
      down = undefined;
    }
  }
})();

const churner = (async () => {
  if (CHURN_EVERY_S === 0) return;
  for (let round = 0; elapsed() + CHURN_EVERY_S * 1000 < DURATION_MS; round++) {
    await sleep(CHURN_EVERY_S * 1000);
    await load.churn(round).catch(() => {});
    churns++;
  }
})();

await sleep(DURATION_MS - elapsed());
clearInterval(reporter);
for (const consumer of slow) consumer.stop();
await load.stop();
await Promise.all([faulter, churner]);

const loss = await checkNoLoss(broker.bootstrap, TOPIC, PARTITIONS, ledger);
const leaks = checkLeaks(samples, { ...DEFAULT_TOLERANCE, warmUpMs: WARM_UP_MS });
const steady = lines.filter((line) => line.t * 1000 >= WARM_UP_MS);
const steadyConnections = steady.map((line) => line.connections).sort((a, b) => a - b);
const medianConnections = steadyConnections[Math.floor(steadyConnections.length / 2)] ?? 0;
const peak = Math.max(...samples.map((s) => s.rssBytes));
const ok = loss.lost === 0 && leaks.ok && medianConnections >= CONNECTIONS && loss.acknowledged > 0;
const summary = {
  minutes: MINUTES,
  targetConnections: CONNECTIONS,
  medianConnectionsAfterWarmUp: medianConnections,
  producers: PRODUCERS,
  consumers: GROUPS * CONSUMERS_PER_GROUP,
  slowConsumers: { count: SLOW_CONSUMERS, ...slowStats },
  sends: ledger.sends,
  failedSends: ledger.failedSends,
  ...loss,
  faults,
  faultsLog,
  churns,
  leaks: { ...leaks, tolerance: { ...DEFAULT_TOLERANCE, warmUpMs: WARM_UP_MS } },
  peakRssBytes: peak,
  brokerWarnings: broker.stderr.filter((line) => / (WARN|ERROR) /.test(line)).length,
  lines,
};
if (str('json')) writeFileSync(str('json')!, `${JSON.stringify(summary, null, 2)}\n`);
const code = await broker.stop();
rmSync(dataDir, { recursive: true, force: true });
console.log(
  `soak ${ok ? 'passed' : 'FAILED'}: ${loss.acknowledged} acknowledged records, ${loss.lost} lost` +
    `${loss.examples.length ? ` (${loss.examples.join('; ')})` : ''}; ${loss.recordsInLog} in the log; ` +
    `${ledger.failedSends} of ${ledger.sends} sends failed; ${faults} broker crashes, ${churns} member replacements; ` +
    `connections ${medianConnections} (median after warm-up, target ${CONNECTIONS}); RSS ${mb(leaks.rssAfterWarmUp)} after warm-up, ` +
    `${mb(leaks.rssAtEnd)} at the end (limit ${mb(leaks.rssLimit)}), peak ${mb(peak)}; fds ${leaks.fdsAfterWarmUp} -> ` +
    `${leaks.fdsAtEnd} (limit ${leaks.fdLimit}): ${leaks.reason}; slow consumers read ${mb(slowStats.bytesRead)} in ` +
    `${slowStats.responses} responses (${slowStats.closedByBroker} closes or refused reconnects); broker exit ${code}`,
);
process.exit(ok ? 0 : 1);
