// replica.fetch.min.bytes above 1 makes kspec broker's followers fetch lazily, as Kafka's do when a
// fetch waits for more bytes than arrive: a write stays on its leader alone for up to
// replica.fetch.wait.max.ms (the window in which an acks=1 write is lost if its leader dies, which
// the no-loss matrix opens on Kafka with the same two settings). By default followers copy at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { KafkaConnection } from '../../properties/client/wire/connection.ts';
import { buildRecordBatch } from '../log/batch/build.ts';
import { recordingLogger } from '../server/logger.ts';
import { ReferenceBroker } from './reference-broker.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Produces one acks=1 record to t-0 through its leader; returns the follower's log end offset after `probeMs`. */
async function followerAfterWrite(config: Record<string, number>, probeMs: number): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-lazy-fetch-'));
  const broker = await ReferenceBroker.start({
    dataDir,
    port: 0,
    brokers: 2,
    config: { 'offsets.topic.num.partitions': 1, 'default.replication.factor': 2, ...config },
    logger: recordingLogger(),
  });
  try {
    const [host, port] = broker.bootstrap().split(',')[0]!.split(':');
    const admin = await KafkaConnection.connect(host!, Number(port));
    const created = await admin.request('CreateTopics', 5, {
      topics: [{ name: 't', numPartitions: 1, replicationFactor: 2, assignments: [], configs: [] }],
      timeoutMs: 5000,
      validateOnly: false,
    });
    if (created.topics[0]!.errorCode !== 0) throw new Error('CreateTopics failed');
    const replicas = broker.cluster.brokers.map((b) => b.replica('t', 0)!);
    const leader = replicas.find((r) => r.role === 'leader')!;
    const follower = replicas.find((r) => r.role === 'follower')!;
    const address = broker.bootstrap().split(',')[
      broker.cluster.brokers.findIndex((b) => b.replica('t', 0) === leader)
    ]!;
    const [leaderHost, leaderPort] = address.split(':');
    const producer = await KafkaConnection.connect(leaderHost!, Number(leaderPort));
    const answer = await producer.request('Produce', 7, {
      transactionalId: null,
      acks: 1,
      timeoutMs: 5000,
      topicData: [
        {
          name: 't',
          partitionData: [{ index: 0, records: buildRecordBatch([{ value: 'v', timestamp: 1 }]) }],
        },
      ],
    } as never);
    if (answer.responses[0]!.partitionResponses[0]!.errorCode !== 0) throw new Error('produce failed');
    const samples: number[] = [];
    for (const wait of [probeMs, 9000]) {
      await sleep(wait);
      samples.push(follower.logEndOffset());
    }
    await producer.close();
    await admin.close();
    return samples;
  } finally {
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

test('with replica.fetch.min.bytes above 1 a write waits replica.fetch.wait.max.ms for its follower; by default it is copied at once', async (t) => {
  t.timeout(90_000);
  // lazy: not copied 300 ms after the write (the wait is 8 s, background passes as far apart),
  // copied 9 s later
  t.deepEqual(
    await followerAfterWrite({ 'replica.fetch.min.bytes': 1048576, 'replica.fetch.wait.max.ms': 8000 }, 300),
    [0, 1],
  );
  // default: copied within 300 ms
  t.deepEqual(await followerAfterWrite({}, 300), [1, 1]);
});
