// The wire fuzzer: a reference broker (in this process, on a temp data dir) takes a stream of
// mutated request frames on many connections while a healthy client produces, reads back and
// commits on its own connection. It passes when the broker never throws out of a handler (an
// "internal error" close), nothing escapes as an uncaught exception, the healthy client sees only
// right answers within its bound, memory stays bounded, and every connection that closed was
// logged. Mutants are seeded per lane (the same seed sends the same frames); how lanes interleave
// is up to the event loop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReferenceBroker } from '../../broker/reference-broker.ts';
import { SeededRandom } from '../../sim/random.ts';
import type { LogFields, Logger, LogLevel } from '../logger.ts';
import { buildCorpus, type Seed } from './corpus.ts';
import { type HealthReport, startHealthyClient } from './healthy-client.ts';
import { HostileSocket } from './hostile-lane.ts';
import { mutate } from './mutate.ts';
import { FUZZ_GROUP, FUZZ_TOPIC } from './templates.ts';

export interface WireFuzzOptions {
  readonly frames: number;
  readonly seed: number;
  /** Concurrent hostile connections. */
  readonly lanes?: number;
  /** Frames one hostile connection carries at most before the lane opens a new one. */
  readonly framesPerConnection?: number;
  /** How long a lane waits for an answer before it gives the connection up. */
  readonly answerTimeoutMs?: number;
  /** Random well-formed bodies per (API, version) in the corpus. */
  readonly randomPerVersion?: number;
  /** Add kafkajs-encoded seeds (kafkajs is a devDependency). */
  readonly kafkajs?: boolean;
  /** The healthy client's bound on one produce-fetch-commit round. */
  readonly roundBoundMs?: number;
  /** Fails the run when RSS grows more than this after warm-up (the first tenth of the frames). */
  readonly rssGrowthLimitMb?: number;
  readonly onProgress?: (line: string) => void;
}

export interface WireFuzzResult {
  readonly seed: number;
  readonly frames: number;
  readonly answered: number;
  readonly closedByBroker: number;
  readonly abandoned: number;
  readonly connections: number;
  readonly seconds: number;
  readonly corpus: {
    readonly seeds: number;
    readonly apiVersions: number;
    readonly byOrigin: Record<string, number>;
  };
  readonly mutations: Record<string, number>;
  /** Why the broker closed connections, by reason with digits blanked, most frequent first (top 15). */
  readonly closeReasons: Record<string, number>;
  /** Handler exceptions and uncaught errors: each is a broker bug. */
  readonly crashes: readonly string[];
  readonly loggedCloses: number;
  readonly unloggedCloses: number;
  readonly rssMb: { readonly afterWarmUp: number; readonly end: number; readonly peak: number };
  /** The JS heap in use after a full GC (only with node --expose-gc): what the broker retains. */
  readonly heapMb?: { readonly afterWarmUp: number; readonly end: number; readonly externalEnd: number };
  readonly healthy: HealthReport;
  /** What the hostile requests legitimately created: topics, their partitions, consumer groups. */
  readonly state: {
    readonly topics: number;
    readonly partitions: number;
    readonly groups: number;
    /** Members of the templates' group at the end (mutants join it with any session timeout). */
    readonly fuzzGroupMembers: number;
    /** Unsynced writes the broker's journal holds for power-loss emulation (capped at 64 MiB). */
    readonly unsyncedMb: number;
  };
  readonly failures: readonly string[];
}

/** Counts the broker's log lines: which connections were logged closed and why. */
class CountingLogger implements Logger {
  readonly closedConnections = new Set<number>();
  readonly reasons = new Map<string, number>();
  readonly crashes: string[] = [];

  log(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (message.startsWith('closing connection: ')) {
      this.closedConnections.add(Number(fields['connectionId']));
      const reason = message.slice('closing connection: '.length);
      if (/internal error|handler failed|not encodable|returned no response/.test(reason))
        this.crash(`${reason.split('\n').slice(0, 3).join(' | ')} ${JSON.stringify(fields)}`);
      const key = reason.split('\n')[0]!.replace(/\d+/g, 'N').slice(0, 90);
      this.reasons.set(key, (this.reasons.get(key) ?? 0) + 1);
    } else if (level === 'error') {
      this.crash(`${message} ${JSON.stringify(fields)}`);
    }
  }

  crash(text: string): void {
    if (this.crashes.length < 50) this.crashes.push(text);
  }
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Heap in use after a full collection, when node runs with --expose-gc. */
function retainedHeap(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  return process.memoryUsage().heapUsed;
}

export async function runWireFuzz(options: WireFuzzOptions): Promise<WireFuzzResult> {
  const lanes = options.lanes ?? 16;
  const framesPerConnection = options.framesPerConnection ?? 32;
  const answerTimeoutMs = options.answerTimeoutMs ?? 250;
  const progress = options.onProgress ?? (() => {});
  const started = Date.now();
  const corpus = await buildCorpus({
    seed: options.seed,
    randomPerVersion: options.randomPerVersion ?? 4,
    kafkajs: options.kafkajs ?? true,
  });
  const logger = new CountingLogger();
  const onUncaught = (error: unknown) => logger.crash(`uncaught: ${(error as Error)?.stack ?? error}`);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-wire-fuzz-'));
  const broker = await ReferenceBroker.start({
    brokers: 1,
    port: 0,
    dataDir,
    seed: options.seed,
    logger,
    // Hostile Metadata and Produce requests must not create a topic per random name.
    config: { 'auto.create.topics.enable': false, 'group.initial.rebalance.delay.ms': 0 },
  });
  const [host, portText] = broker.bootstrap().split(':') as [string, string];
  const port = Number(portText);
  const counts = { frames: 0, answered: 0, closedByBroker: 0, abandoned: 0, connections: 0 };
  const mutations = new Map<string, number>();
  const failures: string[] = [];
  let rssAfterWarmUp = 0;
  let heapAfterWarmUp: number | undefined;
  let rssPeak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  }, 200);
  let healthy: Awaited<ReturnType<typeof startHealthyClient>> | undefined;
  try {
    const setup = await startHealthyClient(host, port, options.roundBoundMs ?? 5000);
    healthy = setup;
    await createFuzzTopic(host, port);
    const root = new SeededRandom(options.seed >>> 0);
    let lastReport = Date.now();
    const lane = async (index: number) => {
      const random = root.derive(`lane-${index}`);
      while (counts.frames < options.frames && logger.crashes.length < 50) {
        const socket = await HostileSocket.open(host, port);
        counts.connections++;
        for (let sent = 0; sent < framesPerConnection && counts.frames < options.frames; sent++) {
          const seed = corpus[random.int(corpus.length)] as Seed;
          const mutant = mutate(seed, corpus, random);
          for (const name of mutant.mutations) mutations.set(name, (mutations.get(name) ?? 0) + 1);
          counts.frames++;
          if (rssAfterWarmUp === 0 && counts.frames >= options.frames / 10) {
            heapAfterWarmUp = retainedHeap();
            rssAfterWarmUp = process.memoryUsage.rss();
          }
          const outcome = await socket.send(mutant.frame, mutant.complete ? answerTimeoutMs : 20);
          if (outcome === 'answered') counts.answered++;
          else if (outcome === 'closed') counts.closedByBroker++;
          else counts.abandoned++;
          if (outcome !== 'answered' || mutant.mutations.includes('size-lie')) break;
        }
        await socket.close();
        if (Date.now() - lastReport >= 10_000) {
          lastReport = Date.now();
          progress(
            `wire: ${counts.frames} frames, ${counts.connections} connections, rss ${mb(process.memoryUsage.rss())} MB, ` +
              `healthy rounds ${setup.report.rounds}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: lanes }, (_, index) => lane(index)));
  } catch (error) {
    failures.push(`fuzz run failed: ${(error as Error).stack ?? error}`);
  }
  const healthReport = healthy
    ? await healthy.stop()
    : { rounds: 0, produced: 0, consumed: 0, commits: 0, slowestRoundMs: 0, failures: ['never started'] };
  clearInterval(sampler);
  const rssEnd = process.memoryUsage.rss();
  const heapEnd = retainedHeap();
  const state = await brokerState(broker, host, port).catch(() => ({
    topics: -1,
    partitions: -1,
    groups: -1,
    fuzzGroupMembers: -1,
    unsyncedMb: -1,
  }));
  // The healthy client's, the topic setup's and the state probe's connections count too; give the
  // broker a moment to see the last closes.
  const opened = counts.connections + (healthy ? 2 : 0) + (state.topics >= 0 ? 1 : 0);
  await new Promise((resolve) => setTimeout(resolve, 200));
  rssPeak = Math.max(rssPeak, rssEnd, process.resourceUsage().maxRSS * 1024);
  await broker.stop();
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
  rmSync(dataDir, { recursive: true, force: true });

  const unlogged = opened - logger.closedConnections.size;
  if (logger.crashes.length > 0)
    failures.push(`${logger.crashes.length} broker crash(es): ${logger.crashes[0]}`);
  for (const failure of healthReport.failures) failures.push(`healthy client: ${failure}`);
  if (healthReport.rounds < 3) failures.push(`healthy client made only ${healthReport.rounds} rounds`);
  if (unlogged !== 0) failures.push(`${unlogged} closed connection(s) without a log line`);
  const growth = mb(rssEnd - rssAfterWarmUp);
  const limit = options.rssGrowthLimitMb ?? 256;
  if (rssAfterWarmUp > 0 && growth > limit)
    failures.push(`RSS grew ${growth} MB after warm-up (limit ${limit} MB)`);
  const byOrigin: Record<string, number> = {};
  for (const seed of corpus) byOrigin[seed.origin] = (byOrigin[seed.origin] ?? 0) + 1;
  return {
    seed: options.seed,
    ...counts,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    corpus: {
      seeds: corpus.length,
      apiVersions: new Set(corpus.map((s) => `${s.api.key}/${s.version}`)).size,
      byOrigin,
    },
    mutations: Object.fromEntries([...mutations].sort((a, b) => b[1] - a[1])),
    closeReasons: Object.fromEntries([...logger.reasons].sort((a, b) => b[1] - a[1]).slice(0, 15)),
    crashes: logger.crashes,
    loggedCloses: logger.closedConnections.size,
    unloggedCloses: unlogged,
    rssMb: { afterWarmUp: mb(rssAfterWarmUp), end: mb(rssEnd), peak: mb(rssPeak) },
    ...(heapAfterWarmUp !== undefined && heapEnd !== undefined
      ? {
          heapMb: {
            afterWarmUp: mb(heapAfterWarmUp),
            end: mb(heapEnd),
            externalEnd: mb(process.memoryUsage().external),
          },
        }
      : {}),
    healthy: healthReport,
    state,
    failures,
  };
}

async function brokerState(
  broker: ReferenceBroker,
  host: string,
  port: number,
): Promise<WireFuzzResult['state']> {
  const { ProbeConnection } = await import('./probe-connection.ts');
  const connection = await ProbeConnection.connect(host, port);
  try {
    const listed = await connection.request('ListGroups', 0, {});
    const described = await connection.request('DescribeGroups', 0, { groups: [FUZZ_GROUP] });
    const topics = broker.cluster.controller.allTopics();
    const journaled = broker.cluster.brokers.reduce((sum, b) => {
      const fs = b.storage.fs as { unsyncedBytes?: number };
      return sum + (fs.unsyncedBytes ?? 0);
    }, 0);
    return {
      topics: topics.length,
      partitions: topics.reduce((sum, topic) => sum + topic.partitions.length, 0),
      groups: listed.groups.length,
      fuzzGroupMembers: described.groups[0]?.members.length ?? 0,
      unsyncedMb: mb(journaled),
    };
  } finally {
    connection.close();
  }
}

/** The topic the templates name, so mutated Produce and Fetch requests reach a real log. */
async function createFuzzTopic(host: string, port: number): Promise<void> {
  const { ProbeConnection } = await import('./probe-connection.ts');
  const connection = await ProbeConnection.connect(host, port);
  try {
    await connection.request('CreateTopics', 5, {
      topics: [{ name: FUZZ_TOPIC, numPartitions: 3, replicationFactor: -1, assignments: [], configs: [] }],
      timeoutMs: 5000,
    });
  } finally {
    connection.close();
  }
}
