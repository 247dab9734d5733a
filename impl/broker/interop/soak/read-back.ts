// The soak's loss check: every partition read from offset 0 to its high watermark with raw Fetch
// requests to its leader (ProbeConnection, independent of kafkajs), then every acknowledged record
// looked up at the offset its answer gave: the value there must be the one sent.
import { Kafka, logLevel } from 'kafkajs';
import { parseRecordBatches } from '../../../log/batch/decode.ts';
import { ProbeConnection } from '../../../server/fuzz/probe-connection.ts';
import type { Ledger } from './load.ts';

export interface LossReport {
  readonly acknowledged: number;
  readonly lost: number;
  readonly recordsInLog: number;
  readonly examples: string[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function leaders(
  bootstrap: string[],
  topic: string,
): Promise<Map<number, { host: string; port: number }>> {
  const admin = new Kafka({
    clientId: 'soak-reader',
    brokers: bootstrap,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    const brokers = new Map(cluster.brokers.map((b) => [b.nodeId, { host: b.host, port: b.port }]));
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return new Map(topics[0]!.partitions.map((p) => [p.partitionId, brokers.get(p.leader)!]));
  } finally {
    await admin.disconnect();
  }
}

/** Record ids by offset (-1 where a record's value is not one of the soak's). */
async function readPartition(address: { host: string; port: number }, topic: string, partition: number) {
  const connection = await ProbeConnection.connect(address.host, address.port);
  const ids: number[] = [];
  try {
    for (let offset = 0; ; ) {
      const answer = await connection.request(
        'Fetch',
        12,
        {
          replicaId: -1,
          maxWaitMs: 0,
          minBytes: 0,
          maxBytes: 8 << 20,
          isolationLevel: 0,
          topics: [{ topic, partitions: [{ partition, fetchOffset: offset, partitionMaxBytes: 8 << 20 }] }],
        },
        60_000,
      );
      const read = answer.responses[0]?.partitions[0];
      if (read?.errorCode !== 0) throw new Error(`partition ${partition}: fetch error ${read?.errorCode}`);
      const records = parseRecordBatches(read.records ?? Buffer.alloc(0)).flatMap((b) => b.records);
      for (const record of records) {
        if (record.offset < offset) continue;
        const id = /^s(\d+)$/.exec(record.value?.toString() ?? '')?.[1];
        ids[record.offset] = id === undefined ? -1 : Number(id);
        offset = record.offset + 1;
      }
      if (offset >= Number(read.highWatermark) || records.length === 0) {
        if (offset < Number(read.highWatermark))
          throw new Error(`partition ${partition}: no records at ${offset}`);
        return ids;
      }
    }
  } finally {
    connection.close();
  }
}

export async function checkNoLoss(
  bootstrap: string[],
  topic: string,
  partitions: number,
  ledger: Ledger,
): Promise<LossReport> {
  let lost = 0;
  let recordsInLog = 0;
  const examples: string[] = [];
  for (let partition = 0; partition < partitions; partition++) {
    let ids: number[] | undefined;
    // Just after faults a partition may still be electing its leader.
    for (let attempt = 0; ids === undefined; attempt++) {
      try {
        const address = (await leaders(bootstrap, topic)).get(partition)!;
        ids = await readPartition(address, topic, partition);
      } catch (error) {
        if (attempt >= 20) throw error;
        await sleep(1000);
      }
    }
    recordsInLog += ids.length;
    const offsets = ledger.offsets[partition]!;
    const expected = ledger.ids[partition]!;
    for (let i = 0; i < offsets.length; i++) {
      const found = ids[offsets[i]!];
      if (found === expected[i]) continue;
      lost++;
      if (examples.length < 5)
        examples.push(
          `${topic}-${partition}@${offsets[i]}: s${expected[i]} acknowledged, ${found === undefined ? 'nothing' : `s${found}`} read`,
        );
    }
  }
  return { acknowledged: ledger.acknowledged, lost, recordsInLog, examples };
}
