// From producer bytes to consumer bytes through the real log: kafkajs encodes a Produce, our codec
// decodes it, impl/log appends the batch to a real segment file, and a Fetch served by the broker
// sends the log's file slice with sendfile (and with copy); kafkajs's Fetch decoder reads the
// records back. Also pins that impl/log's FileSlice is a protocol FileSlice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { KafkaConnection } from '../../properties/client/wire/connection.ts';
import { openPartitionLog, RealFileSystem } from '../log/index.ts';
import type { FileSlice as LogFileSlice } from '../log/types.ts';
import { encodeRequestFrame } from '../protocol/frame.ts';
import { type FileSlice, Reader } from '../protocol/primitives.ts';
import { APIS } from '../protocol/registry.ts';
import { kafkajsDefinitions } from '../protocol/testing/kafkajs.ts';
import { BrokerServer } from './broker-server.ts';
import { recordingLogger } from './logger.ts';
import { testHandler } from './testing/test-handler.ts';

// Compile-time: a slice from the log can be put in a Fetch response as is.
const _sliceCompatible = (slice: LogFileSlice): FileSlice => slice;
void _sliceCompatible;

for (const fetchPath of ['sendfile', 'copy'] as const) {
  test(`kafkajs produce -> log segment -> ${fetchPath} fetch -> kafkajs decode`, async (t) => {
    const directory = mkdtempSync(join(tmpdir(), 'kspec-log-fetch-'));
    const { log } = openPartitionLog({
      fs: new RealFileSystem(),
      directory,
      clock: { now: () => 1_700_000_000_000 },
    });
    const server = new BrokerServer({
      brokerId: 1,
      fetchPath,
      logger: recordingLogger(),
      handler: testHandler({
        produce: async (request) => {
          const records = request.topicData[0]!.partitionData[0]!.records!;
          const appended = log.append(records, 0);
          if ('error' in appended) throw new Error(appended.message);
          return {
            responses: [
              {
                name: 'orders',
                partitionResponses: [{ index: 0, errorCode: 0, baseOffset: appended.baseOffset }],
              },
            ],
          };
        },
        fetch: async (request) => {
          const partition = request.topics[0]!.partitions[0]!;
          const read = log.read(partition.fetchOffset, partition.partitionMaxBytes);
          if ('error' in read) throw new Error(read.message);
          return {
            responses: [
              {
                topic: 'orders',
                partitions: [
                  {
                    partitionIndex: 0,
                    errorCode: 0,
                    highWatermark: log.logEndOffset,
                    abortedTransactions: null,
                    records: read.slices,
                  },
                ],
              },
            ],
          };
        },
      }),
    });
    const { host, port } = await server.start();
    const client = await KafkaConnection.connect(host, port);
    try {
      for (const batch of [['a', 'b'], ['c']]) {
        const produce = kafkajsDefinitions('Produce').protocol({ version: 7 })({
          acks: -1,
          timeout: 1000,
          topicData: [
            { topic: 'orders', partitions: [{ partition: 0, messages: batch.map((value) => ({ value })) }] },
          ],
        }).request;
        const correlationId = client.takeCorrelationId();
        const body = (await produce.encode()).buffer;
        const frame = encodeRequestFrame(
          APIS.Produce,
          7,
          { correlationId, clientId: 'kafkajs' },
          APIS.Produce.request.read(new Reader(body), 7),
        );
        await client.exchange(correlationId, frame);
      }
      t.is(log.logEndOffset, 3);
      const fetch = kafkajsDefinitions('Fetch').protocol({ version: 11 })({
        maxWaitTime: 0,
        minBytes: 0,
        maxBytes: 1 << 20,
        topics: [{ topic: 'orders', partitions: [{ partition: 0, fetchOffset: '0', maxBytes: 1 << 20 }] }],
      });
      const correlationId = client.takeCorrelationId();
      const body = (await fetch.request.encode()).buffer;
      const frame = encodeRequestFrame(
        APIS.Fetch,
        11,
        { correlationId, clientId: 'kafkajs' },
        APIS.Fetch.request.read(new Reader(body), 11),
      );
      const payload = await client.exchange(correlationId, frame);
      const decoded = (await fetch.response.decode(payload.subarray(4))) as {
        responses: { partitions: { messages: { offset: string; value: Buffer }[] }[] }[];
      };
      const messages = decoded.responses[0]!.partitions[0]!.messages.map((m) => [
        m.offset,
        m.value.toString(),
      ]);
      t.deepEqual(messages, [
        ['0', 'a'],
        ['1', 'b'],
        ['2', 'c'],
      ]);
      if (fetchPath === 'sendfile' && server.fetchPath.name === 'sendfile') {
        for (let tries = 0; tries < 100 && server.stats.sendfileBytes === 0; tries++)
          await new Promise((r) => setTimeout(r, 5));
        t.true(server.stats.sendfileBytes > 0);
        t.is(server.stats.copiedBytes, 0);
      }
    } finally {
      await client.close();
      await server.stop();
      log.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
}
