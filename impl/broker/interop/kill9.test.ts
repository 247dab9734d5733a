// Real process crashes: `kspec broker` (3 brokers, RF 3, min.insync.replicas=2) runs as a child
// process while three kafkajs producers send with acks=-1 and a committer commits a group's offsets;
// at a seeded random moment the whole process is SIGKILLed, then started again on the same data
// directory, for several rounds. At the end every acknowledged record must be read back at the
// offset it was acknowledged at, and the group's committed offsets must be the last acknowledged
// commit (or a later one whose answer the kill cut off). A second test kills one broker through
// `kspec fault` while the clients run. KSPEC_DEEP=1 runs 25 rounds with a fresh seed (printed).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaConnection } from '../../../properties/client/wire/connection.ts';
import { SeededRandom } from '../../sim/random.ts';
import { startOnDataDir } from '../testing/restartable-broker.ts';

process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

const DEEP = process.env['KSPEC_DEEP'] === '1';
const SEED = DEEP ? Date.now() % 2 ** 31 : 23;
const ROUNDS = DEEP ? 25 : 3;
const TOPIC = 'kill9-t';
const GROUP = 'kill9-g';
const PARTITIONS = 3;
const CONFIG = [
  'group.initial.rebalance.delay.ms=0',
  'offsets.topic.num.partitions=3',
  'min.insync.replicas=2',
  'default.replication.factor=3',
];
const KSPEC = fileURLToPath(new URL('../../../bin/kspec.js', import.meta.url));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the clients were told: acknowledged records by partition and offset, and commits. */
interface Ledger {
  acknowledged: Map<number, Map<number, string>>;
  /** Per partition: the last commit acknowledged, and every commit attempted after it. */
  commits: Map<number, { acked: number; attemptedSince: Set<number> }>;
  sends: number;
  failedSends: number;
}

function newLedger(): Ledger {
  const commits = new Map<number, { acked: number; attemptedSince: Set<number> }>();
  for (let p = 0; p < PARTITIONS; p++) commits.set(p, { acked: -1, attemptedSince: new Set() });
  return { acknowledged: new Map(), commits, sends: 0, failedSends: 0 };
}

function kafkaFor(bootstrap: string[], clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: bootstrap,
    logLevel: logLevel.NOTHING,
    requestTimeout: 5000,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 500 },
  });
}

/** Three producers and a committer, until `running()` turns false; errors are expected once killed. */
async function clients(
  bootstrap: string[],
  ledger: Ledger,
  round: number,
  running: () => boolean,
): Promise<void> {
  const producers = [0, 1, 2].map(async (index) => {
    const producer = kafkaFor(bootstrap, `kill9-p${index}`).producer({ allowAutoTopicCreation: false });
    try {
      await producer.connect();
      for (let batch = 0; running(); batch++) {
        const partition = (index + batch) % PARTITIONS;
        const values = Array.from({ length: 5 }, (_, i) => `r${round}-p${index}-b${batch}-${i}`);
        ledger.sends++;
        try {
          const answers = await producer.send({
            topic: TOPIC,
            acks: -1,
            timeout: 5000,
            messages: values.map((value) => ({ value, partition })),
          });
          // Only a partition's own answer acknowledges its records (tulios/kafkajs#1303).
          const answer = answers.find((a) => a.partition === partition && a.errorCode === 0);
          if (!answer) continue;
          const base = Number(answer.baseOffset);
          const log = ledger.acknowledged.get(partition) ?? new Map<number, string>();
          ledger.acknowledged.set(partition, log);
          for (const [i, value] of values.entries()) log.set(base + i, value);
        } catch {
          ledger.failedSends++;
          if (running()) await sleep(50);
        }
      }
    } catch {
      // killed while connecting
    } finally {
      await producer.disconnect().catch(() => {});
    }
  });
  const committer = (async () => {
    let connection: KafkaConnection | undefined;
    try {
      const [host, port] = bootstrap[0]!.split(':') as [string, string];
      const seed = await KafkaConnection.connect(host, Number(port), { clientId: 'kill9-committer' });
      const found = await seed.request('FindCoordinator', 1, { key: GROUP, keyType: 0 });
      await seed.close();
      if (found.errorCode !== 0) return;
      connection = await KafkaConnection.connect(found.host, found.port, { clientId: 'kill9-committer' });
      while (running()) {
        const offsets = [...ledger.acknowledged].map(([partition, log]) => ({
          partition,
          offset: Math.max(...log.keys()) + 1,
        }));
        for (const { partition, offset } of offsets)
          ledger.commits.get(partition)!.attemptedSince.add(offset);
        const answer = await connection.request('OffsetCommit', 2, {
          groupId: GROUP,
          generationId: -1,
          memberId: '',
          retentionTimeMs: -1,
          topics: [
            {
              name: TOPIC,
              partitions: offsets.map(({ partition, offset }) => ({
                partitionIndex: partition,
                committedOffset: offset,
                committedMetadata: '',
              })),
            },
          ],
        });
        for (const result of answer.topics[0]?.partitions ?? []) {
          const commit = offsets.find((o) => o.partition === result.partitionIndex);
          if (result.errorCode !== 0 || !commit) continue;
          ledger.commits.set(commit.partition, { acked: commit.offset, attemptedSince: new Set() });
        }
        await sleep(100);
      }
    } catch {
      // the broker was killed under the committer
    } finally {
      await connection?.close().catch(() => '');
    }
  })();
  await Promise.all([...producers, committer]);
}

async function retrying<T>(action: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await action();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

/** Reads every partition from the start with kafkajs; offset -> value by partition. */
async function readAll(bootstrap: string[]): Promise<Map<number, Map<number, string>>> {
  const kafka = kafkaFor(bootstrap, 'kill9-reader');
  const admin = kafka.admin();
  await admin.connect();
  // Just after a restart the partitions may still be electing leaders.
  const ends = await retrying(() => admin.fetchTopicOffsets(TOPIC));
  await admin.disconnect();
  const seen = new Map<number, Map<number, string>>();
  const consumer = kafka.consumer({ groupId: `kill9-reader-${Date.now()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      if (!seen.has(partition)) seen.set(partition, new Map());
      seen.get(partition)!.set(Number(message.offset), message.value!.toString());
    },
  });
  const deadline = Date.now() + 60_000;
  const done = () =>
    ends.every(
      (end) =>
        Number(end.high) === 0 || (seen.get(end.partition)?.size ?? 0) >= Number(end.high) - Number(end.low),
    );
  while (!done() && Date.now() < deadline) await sleep(200);
  await consumer.disconnect();
  return seen;
}

async function committedOffsets(bootstrap: string[]): Promise<Map<number, number>> {
  const admin = kafkaFor(bootstrap, 'kill9-admin').admin();
  await admin.connect();
  try {
    const [topic] = await retrying(() => admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] }));
    return new Map(topic!.partitions.map((p) => [p.partition, Number(p.offset)]));
  } finally {
    await admin.disconnect();
  }
}

async function createTopic(bootstrap: string[]): Promise<void> {
  const admin = kafkaFor(bootstrap, 'kill9-admin').admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: 3 }] });
  } finally {
    await admin.disconnect();
  }
}

function checkEverythingSurvived(
  t: ExecutionContext,
  ledger: Ledger,
  seen: Map<number, Map<number, string>>,
  committed: Map<number, number>,
): void {
  let lost = 0;
  let acknowledged = 0;
  const examples: string[] = [];
  for (const [partition, log] of ledger.acknowledged)
    for (const [offset, value] of log) {
      acknowledged++;
      const found = seen.get(partition)?.get(offset);
      if (found !== value) {
        lost++;
        if (examples.length < 5)
          examples.push(`${partition}@${offset}: '${value}' acknowledged, '${found}' read`);
      }
    }
  t.true(acknowledged > 0, 'records were acknowledged');
  t.is(lost, 0, `acknowledged records lost or moved: ${examples.join('; ')}`);
  for (const [partition, { acked, attemptedSince }] of ledger.commits) {
    if (acked === -1 && attemptedSince.size === 0) continue;
    const now = committed.get(partition) ?? -1;
    t.true(
      now === acked || attemptedSince.has(now),
      `partition ${partition}: committed ${now}; last acknowledged commit ${acked}, attempted since [${[...attemptedSince]}]`,
    );
  }
}

test.serial(
  `SIGKILL of the whole kspec broker process at seeded moments (${ROUNDS} rounds): no acknowledged record or commit lost`,
  async (t) => {
    t.timeout(DEEP ? 1_800_000 : 110_000);
    t.log(`seed ${SEED}, ${ROUNDS} rounds${DEEP ? ' (KSPEC_DEEP)' : ''}`);
    const random = new SeededRandom(SEED);
    const dataDir = mkdtempSync(join(tmpdir(), 'kspec-kill9-'));
    const ledger = newLedger();
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const broker = await startOnDataDir(dataDir, 3, CONFIG);
        if (round === 0) await createTopic(broker.bootstrap);
        let running = true;
        const load = clients(broker.bootstrap, ledger, round, () => running);
        const killAfter = 400 + random.int(1600);
        await sleep(killAfter);
        await broker.kill();
        running = false;
        await load;
        t.log(
          `round ${round}: killed after ${killAfter} ms; ${[...ledger.acknowledged.values()].reduce((n, m) => n + m.size, 0)} acknowledged so far`,
        );
      }
      const broker = await startOnDataDir(dataDir, 3, CONFIG);
      try {
        const seen = await readAll(broker.bootstrap);
        const committed = await committedOffsets(broker.bootstrap);
        checkEverythingSurvived(t, ledger, seen, committed);
        t.log(
          `${ledger.sends} sends, ${ledger.failedSends} failed; committed ${JSON.stringify([...committed])}`,
        );
      } finally {
        t.is(await broker.stop(), 0, 'the last broker stops cleanly');
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
);

test.serial(
  'a single broker crashed with `kspec fault` while clients run, then restarted: nothing acknowledged lost',
  async (t) => {
    t.timeout(110_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'kspec-kill9-fault-'));
    const ledger = newLedger();
    const broker = await startOnDataDir(dataDir, 3, CONFIG);
    try {
      await createTopic(broker.bootstrap);
      let running = true;
      const load = clients(broker.bootstrap, ledger, 0, () => running);
      await sleep(800);
      const fault = (...args: string[]) =>
        promisify(execFile)(process.execPath, [KSPEC, 'fault', '--control', broker.control, ...args]);
      await fault('crash', '1');
      await sleep(1500);
      await fault('restart', '1');
      await sleep(800);
      running = false;
      await load;
      const seen = await readAll(broker.bootstrap);
      checkEverythingSurvived(t, ledger, seen, await committedOffsets(broker.bootstrap));
      t.log(`${ledger.sends} sends, ${ledger.failedSends} failed`);
    } finally {
      await broker.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
);
