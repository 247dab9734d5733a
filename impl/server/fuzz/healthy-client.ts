// The well-behaved client that runs beside the hostile connections: it produces with acks=-1,
// reads every record back by offset, and commits and fetches its group's offset, over and over on
// its own connection. Any wrong answer (an error code, an offset gap, a value that differs from
// what was acknowledged, a committed offset that did not stick) or a round slower than the bound is
// a failure of the fuzz run: hostile input on other connections must not hurt anyone else.
import { buildRecordBatch } from '../../log/batch/build.ts';
import { parseRecordBatches } from '../../log/batch/decode.ts';
import { ProbeConnection } from './probe-connection.ts';

export const HEALTHY_TOPIC = 'kspec-healthy-topic';
const HEALTHY_GROUP = 'kspec-healthy-group';
const RECORDS_PER_ROUND = 5;

export interface HealthReport {
  rounds: number;
  produced: number;
  consumed: number;
  commits: number;
  /** The slowest produce-fetch-commit round, ms. */
  slowestRoundMs: number;
  failures: string[];
}

export interface HealthyClient {
  readonly report: HealthReport;
  /** Stops after the current round; resolves with the report. */
  stop(): Promise<HealthReport>;
}

export async function startHealthyClient(
  host: string,
  port: number,
  roundBoundMs: number,
): Promise<HealthyClient> {
  const connection = await ProbeConnection.connect(host, port);
  const created = await connection.request('CreateTopics', 5, {
    topics: [{ name: HEALTHY_TOPIC, numPartitions: 1, replicationFactor: -1, assignments: [], configs: [] }],
    timeoutMs: 5000,
  });
  if (created.topics[0]!.errorCode !== 0)
    throw new Error(`healthy topic not created: ${created.topics[0]!.errorMessage}`);
  const report: HealthReport = {
    rounds: 0,
    produced: 0,
    consumed: 0,
    commits: 0,
    slowestRoundMs: 0,
    failures: [],
  };
  const fail = (message: string) => {
    if (report.failures.length < 20) report.failures.push(message);
  };
  let running = true;
  const loop = (async () => {
    while (running && report.failures.length === 0) {
      const started = Date.now();
      try {
        await round(connection, report, fail);
      } catch (error) {
        fail(`round ${report.rounds}: ${(error as Error).message}`);
      }
      const took = Date.now() - started;
      report.slowestRoundMs = Math.max(report.slowestRoundMs, took);
      if (took > roundBoundMs) fail(`round ${report.rounds} took ${took} ms (bound ${roundBoundMs} ms)`);
      report.rounds++;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  return {
    report,
    async stop() {
      running = false;
      await loop;
      connection.close();
      return report;
    },
  };
}

async function round(
  connection: ProbeConnection,
  report: HealthReport,
  fail: (message: string) => void,
): Promise<void> {
  const values = Array.from({ length: RECORDS_PER_ROUND }, (_, i) => `healthy-${report.rounds}-${i}`);
  const batch = buildRecordBatch(values.map((value) => ({ key: null, value, timestamp: Date.now() })));
  const produced = await connection.request('Produce', 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 5000,
    topicData: [{ name: HEALTHY_TOPIC, partitionData: [{ index: 0, records: batch }] }],
  });
  const answer = produced.responses[0]?.partitionResponses[0];
  if (answer?.errorCode !== 0) return fail(`produce answered ${JSON.stringify(answer)}`);
  if (answer.baseOffset !== report.produced)
    return fail(`produce got offset ${answer.baseOffset}, the log should end at ${report.produced}`);
  report.produced += values.length;

  const fetched = await connection.request('Fetch', 12, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    isolationLevel: 0,
    topics: [
      {
        topic: HEALTHY_TOPIC,
        partitions: [{ partition: 0, fetchOffset: report.consumed, partitionMaxBytes: 1 << 20 }],
      },
    ],
  });
  const partition = fetched.responses[0]?.partitions[0];
  if (partition?.errorCode !== 0) return fail(`fetch answered error ${partition?.errorCode}`);
  const records = parseRecordBatches(partition.records ?? Buffer.alloc(0)).flatMap((b) => b.records);
  for (const record of records) {
    if (record.offset < report.consumed) continue;
    if (record.offset !== report.consumed)
      return fail(`fetch skipped from offset ${report.consumed} to ${record.offset}`);
    const [, producedRound, index] = /^healthy-(\d+)-(\d+)$/.exec(record.value?.toString() ?? '') ?? [];
    if (Number(producedRound) * RECORDS_PER_ROUND + Number(index) !== record.offset)
      return fail(`offset ${record.offset} holds '${record.value?.toString()}'`);
    report.consumed++;
  }
  if (report.consumed !== report.produced)
    return fail(`fetch returned up to ${report.consumed}, ${report.produced} were acknowledged`);

  if (report.rounds % 5 !== 0) return;
  const committed = await connection.request('OffsetCommit', 8, {
    groupId: HEALTHY_GROUP,
    generationId: -1,
    memberId: '',
    topics: [
      {
        name: HEALTHY_TOPIC,
        partitions: [{ partitionIndex: 0, committedOffset: report.consumed, committedMetadata: null }],
      },
    ],
  });
  const commitError = committed.topics[0]?.partitions[0]?.errorCode;
  if (commitError !== 0) return fail(`offset commit answered error ${commitError}`);
  const read = await connection.request('OffsetFetch', 8, {
    groups: [{ groupId: HEALTHY_GROUP, topics: [{ name: HEALTHY_TOPIC, partitionIndexes: [0] }] }],
    requireStable: false,
  });
  const offset = read.groups[0]?.topics[0]?.partitions[0]?.committedOffset;
  if (offset !== report.consumed) return fail(`committed ${report.consumed}, offset fetch says ${offset}`);
  report.commits++;
}
