// Limits `kspec broker --config` sets (issue 23 parts 3 and 5): max.connections and
// max.connections.per.ip reach every listener; fetch.max.bytes caps a consumer Fetch however much
// it asks for (a slow consumer asking for 2 GiB gets at most fetch.max.bytes per response); every
// refused admin request has a log line.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { errorCode } from '../../spec/errors.ts';
import { buildRecordBatch } from '../log/batch/build.ts';
import { parseRecordBatches } from '../log/batch/decode.ts';
import { ProbeConnection } from '../server/fuzz/probe-connection.ts';
import { recordingLogger } from '../server/logger.ts';
import { ReferenceBroker } from './reference-broker.ts';

async function withBroker(
  config: Record<string, number>,
  use: (broker: ReferenceBroker, logger: ReturnType<typeof recordingLogger>) => Promise<void>,
): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'kspec-limits-'));
  const logger = recordingLogger();
  const broker = await ReferenceBroker.start({ port: 0, dataDir: directory, logger, config });
  try {
    await use(broker, logger);
  } finally {
    await broker.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

const address = (broker: ReferenceBroker) => {
  const [host, port] = broker.bootstrap().split(':') as [string, string];
  return { host, port: Number(port) };
};

test('max.connections from the broker config: the third connection is closed at once, with a log line', async (t) => {
  await withBroker({ 'max.connections': 2 }, async (broker, logger) => {
    const { host, port } = address(broker);
    const sockets = [0, 1, 2].map(() => connect({ host, port }).on('error', () => {}));
    await new Promise((resolve) => sockets[2]!.once('close', resolve));
    t.true(
      logger.entries.some((entry) => entry.message === 'refusing connection: max.connections 2 reached'),
    );
    t.false(sockets[0]!.destroyed);
    for (const socket of sockets) socket.destroy();
  });
});

test('max.connections.per.ip from the broker config', async (t) => {
  await withBroker({ 'max.connections.per.ip': 1 }, async (broker, logger) => {
    const { host, port } = address(broker);
    const sockets = [0, 1].map(() => connect({ host, port }).on('error', () => {}));
    await new Promise((resolve) => sockets[1]!.once('close', resolve));
    t.true(
      logger.entries.some((entry) =>
        /^refusing connection: max.connections.per.ip 1 reached/.test(entry.message),
      ),
    );
    for (const socket of sockets) socket.destroy();
  });
});

test('fetch.max.bytes caps a Fetch that asks for 2 GiB; at least one batch still comes back (KIP-74)', async (t) => {
  await withBroker({ 'fetch.max.bytes': 1024 }, async (broker) => {
    const { host, port } = address(broker);
    const connection = await ProbeConnection.connect(host, port);
    try {
      const created = await connection.request('CreateTopics', 5, {
        topics: [{ name: 'big', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
        timeoutMs: 5000,
      });
      t.is(created.topics[0]?.errorCode, 0);
      for (let i = 0; i < 6; i++) {
        const batch = buildRecordBatch([{ key: null, value: `${i}`.repeat(600), timestamp: Date.now() }]);
        const produced = await connection.request('Produce', 9, {
          transactionalId: null,
          acks: -1,
          timeoutMs: 5000,
          topicData: [{ name: 'big', partitionData: [{ index: 0, records: batch }] }],
        });
        t.is(produced.responses[0]?.partitionResponses[0]?.errorCode, 0);
      }
      const fetchFrom = async (fetchOffset: number) => {
        const fetched = await connection.request('Fetch', 12, {
          replicaId: -1,
          maxWaitMs: 0,
          minBytes: 0,
          maxBytes: 2147483647,
          isolationLevel: 0,
          topics: [
            { topic: 'big', partitions: [{ partition: 0, fetchOffset, partitionMaxBytes: 2147483647 }] },
          ],
        });
        const records = fetched.responses[0]?.partitions[0]?.records ?? Buffer.alloc(0);
        return {
          bytes: records.length,
          offsets: parseRecordBatches(records).flatMap((b) => b.records.map((r) => r.offset)),
        };
      };
      const first = await fetchFrom(0);
      t.true(first.bytes <= 1024, `${first.bytes} record bytes in one response`);
      t.deepEqual(first.offsets, [0]); // each batch is ~670 bytes: one fits
      const rest = await fetchFrom(1);
      t.deepEqual(rest.offsets, [1]);
    } finally {
      connection.close();
    }
  });
});

test('a refused CreateTopics has a log line naming the topic, the error and its message', async (t) => {
  await withBroker({}, async (broker, logger) => {
    const { host, port } = address(broker);
    const connection = await ProbeConnection.connect(host, port);
    try {
      const answer = await connection.request('CreateTopics', 5, {
        topics: [{ name: 'a/b', numPartitions: 1, replicationFactor: -1, assignments: [], configs: [] }],
        timeoutMs: 5000,
      });
      t.is(answer.topics[0]?.errorCode, errorCode('INVALID_TOPIC_EXCEPTION'));
      t.true(
        logger.entries.some((entry) =>
          /^refused CreateTopics of topic a\/b: INVALID_TOPIC_EXCEPTION \(Topic name is invalid/.test(
            entry.message,
          ),
        ),
        JSON.stringify(logger.entries.map((e) => e.message)),
      );
    } finally {
      connection.close();
    }
  });
});
