// The sendfile path and the copy path put identical bytes on the wire: a property over random
// files, random slices and in-memory chunks between them, plus a large transfer against a slow
// reader (the sendfile path must wait on EAGAIN, never interleave or drop bytes), and a whole
// Fetch response through the broker decoded by the client.
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import { KafkaConnection } from '../../properties/client/wire/connection.ts';
import { loadSendfile } from '../native/index.ts';
import type { Encoded, FileSlice } from '../protocol/primitives.ts';
import { BrokerServer } from './broker-server.ts';
import { type FetchPathName, resolveFetchPath, type SendStats, sendEncoded } from './fetch-path.ts';
import { recordingLogger } from './logger.ts';
import { delay, testHandler } from './testing/test-handler.ts';

const sendfileAvailable = loadSendfile().addon !== undefined;
const directory = mkdtempSync(join(tmpdir(), 'kspec-fetch-path-'));
test.after.always(() => rmSync(directory, { recursive: true, force: true }));

/** A connected loopback socket pair; `received` collects `expected` bytes on the client side. */
async function socketPair(): Promise<{ server: Socket; client: Socket; close: () => void }> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address() as { port: number };
  const accepted = new Promise<Socket>((resolve) => listener.once('connection', resolve));
  const client = connect({ host: '127.0.0.1', port: address.port });
  const server = await accepted;
  return {
    server,
    client,
    close: () => {
      client.destroy();
      server.destroy();
      listener.close();
    },
  };
}

function collect(client: Socket, bytes: number, slowReader = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let total = 0;
    client.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      total += chunk.length;
      if (slowReader && parts.length % 16 === 0) {
        client.pause();
        setTimeout(() => client.resume(), 5);
      }
      if (total >= bytes) resolve(Buffer.concat(parts));
    });
    client.on('error', reject);
  });
}

async function transfer(
  encoded: Encoded,
  path: FetchPathName,
  slowReader = false,
): Promise<{ bytes: Buffer; stats: SendStats }> {
  const pair = await socketPair();
  try {
    const stats: SendStats = { sendfileBytes: 0, copiedBytes: 0 };
    const received = collect(pair.client, encoded.length, slowReader);
    await sendEncoded(pair.server, encoded, resolveFetchPath(path), 10_000, stats);
    return { bytes: await received, stats };
  } finally {
    pair.close();
  }
}

function writeFile(name: string, contents: Uint8Array): { path: string; fd: number } {
  const path = join(directory, name);
  writeFileSync(path, contents);
  return { path, fd: openSync(path, 'r') };
}

test('WP-11 sendfile and copy paths send identical bytes for random slices and chunks', async (t) => {
  if (!sendfileAvailable)
    t.log(`sendfile addon unavailable (${loadSendfile().reason}); comparing copy with itself`);
  let fileNumber = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ minLength: 1, maxLength: 200_000 }),
      fc.array(
        fc.record({
          start: fc.double({ min: 0, max: 1, noNaN: true }),
          fraction: fc.double({ min: 0, max: 1, noNaN: true }),
          prefix: fc.uint8Array({ maxLength: 64 }),
          byPath: fc.boolean(),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      async (contents, pieces) => {
        const file = writeFile(`f${fileNumber++}`, contents);
        try {
          const chunks: (Buffer | FileSlice)[] = [];
          const expected: Buffer[] = [];
          for (const piece of pieces) {
            const position = Math.floor(piece.start * contents.length);
            const length = Math.floor(piece.fraction * (contents.length - position));
            chunks.push(Buffer.from(piece.prefix));
            chunks.push({ path: file.path, fd: piece.byPath ? undefined : file.fd, position, length });
            expected.push(
              Buffer.from(piece.prefix),
              Buffer.from(contents.subarray(position, position + length)),
            );
          }
          const want = Buffer.concat(expected);
          const encoded: Encoded = { chunks, length: want.length };
          const copied = await transfer(encoded, 'copy');
          const sent = await transfer(encoded, 'sendfile');
          t.deepEqual(copied.bytes, want);
          t.deepEqual(sent.bytes, want);
          t.is(copied.stats.sendfileBytes, 0);
          if (sendfileAvailable) t.is(sent.stats.copiedBytes, 0);
        } finally {
          closeSync(file.fd);
        }
      },
    ),
    { seed: 1337, numRuns: 25 },
  );
});

test('a 12 MiB slice to a slow reader: sendfile waits for the socket and loses nothing', async (t) => {
  const contents = Buffer.alloc(12 << 20);
  for (let index = 0; index < contents.length; index += 4) contents.writeUInt32BE(index, index);
  const file = writeFile('large', contents);
  try {
    const header = Buffer.from('header-bytes');
    const encoded: Encoded = {
      chunks: [
        header,
        { path: file.path, fd: file.fd, position: 3, length: contents.length - 3 },
        Buffer.from('tail'),
      ],
      length: header.length + contents.length - 3 + 4,
    };
    const result = await transfer(encoded, 'sendfile', true);
    t.true(result.bytes.equals(Buffer.concat([header, contents.subarray(3), Buffer.from('tail')])));
    if (sendfileAvailable) t.is(result.stats.sendfileBytes, contents.length - 3);
  } finally {
    closeSync(file.fd);
  }
});

test('a slice past the end of its file fails the send instead of hanging', async (t) => {
  const file = writeFile('short', Buffer.from('0123456789'));
  try {
    for (const path of ['copy', 'sendfile'] as const) {
      const pair = await socketPair();
      const encoded: Encoded = {
        chunks: [{ path: file.path, fd: file.fd, position: 5, length: 50 }],
        length: 50,
      };
      await t.throwsAsync(
        sendEncoded(pair.server, encoded, resolveFetchPath(path), 1000, { sendfileBytes: 0, copiedBytes: 0 }),
      );
      pair.close();
    }
  } finally {
    closeSync(file.fd);
  }
});

for (const fetchPath of ['sendfile', 'copy'] as const) {
  test(`WP-11 a Fetch response carrying file slices decodes at the client (${fetchPath} path)`, async (t) => {
    const batch = Buffer.alloc(5000, 7);
    const file = writeFile(`fetch-${fetchPath}`, Buffer.concat([Buffer.alloc(100, 1), batch]));
    const server = new BrokerServer({
      brokerId: 1,
      fetchPath,
      logger: recordingLogger(),
      handler: testHandler({
        fetch: async (request) => {
          await delay(1);
          return {
            responses: request.topics.map((topic) => ({
              topic: topic.topic,
              partitions: topic.partitions.map((partition) => ({
                partitionIndex: partition.partition,
                errorCode: 0,
                highWatermark: 10,
                records: [
                  { path: file.path, fd: file.fd, position: 100, length: 2000 },
                  { path: file.path, fd: undefined, position: 2100, length: 3000 },
                ],
              })),
            })),
          };
        },
      }),
    });
    const { host, port } = await server.start();
    const client = await KafkaConnection.connect(host, port);
    try {
      const response = await client.request('Fetch', 11, {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 0,
        topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] }],
      });
      t.deepEqual(response.responses[0]!.partitions[0]!.records, batch);
      // The server counts a slice after its transfer settles, which may be after the client has read it.
      for (
        let tries = 0;
        tries < 100 && server.stats.sendfileBytes + server.stats.copiedBytes < 5000;
        tries++
      ) {
        await delay(5);
      }
      if (fetchPath === 'sendfile' && sendfileAvailable) t.is(server.stats.sendfileBytes, 5000);
      if (fetchPath === 'copy') t.is(server.stats.copiedBytes, 5000);
    } finally {
      await client.close();
      await server.stop();
      closeSync(file.fd);
    }
  });
}

test('copy is chosen with a warning when sendfile is asked for but the addon cannot load', (t) => {
  const resolved = resolveFetchPath('sendfile');
  if (sendfileAvailable) {
    t.is(resolved.name, 'sendfile');
    t.is(resolved.fallbackReason, undefined);
  } else {
    t.is(resolved.name, 'copy');
    t.truthy(resolved.fallbackReason);
  }
  t.is(resolveFetchPath('copy').name, 'copy');
});

test('a broker whose addon cannot load warns and serves fetches through the copy path', async (t) => {
  const logs = recordingLogger();
  const file = writeFile('fallback', Buffer.from('record-bytes'));
  const server = new BrokerServer({
    brokerId: 3,
    logger: logs,
    loadSendfile: () => ({ reason: 'addon not loadable: simulated' }),
    handler: testHandler({
      fetch: async () => ({
        responses: [
          {
            topic: 't',
            partitions: [
              {
                partitionIndex: 0,
                errorCode: 0,
                highWatermark: 1,
                records: { path: file.path, fd: file.fd, position: 0, length: 12 },
              },
            ],
          },
        ],
      }),
    }),
  });
  t.is(server.fetchPath.name, 'copy');
  t.true(
    logs.entries.some(
      (entry) =>
        entry.level === 'warn' &&
        /using the copy fetch path: addon not loadable: simulated/.test(entry.message),
    ),
  );
  const { host, port } = await server.start();
  const client = await KafkaConnection.connect(host, port);
  try {
    const response = await client.request('Fetch', 4, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 0,
      topics: [],
    });
    t.deepEqual(response.responses[0]!.partitions[0]!.records, Buffer.from('record-bytes'));
  } finally {
    await client.close();
    await server.stop();
    closeSync(file.fd);
  }
});

test('many connections fetching at once through sendfile each get their own bytes', async (t) => {
  const size = 2 << 20;
  const contents = Buffer.alloc(size);
  for (let index = 0; index < size; index += 4) contents.writeUInt32BE((index * 2654435761) >>> 0, index);
  const file = writeFile('shared', contents);
  const server = new BrokerServer({
    brokerId: 1,
    logger: recordingLogger(),
    handler: testHandler({
      fetch: async (request) => {
        const offset = request.topics[0]!.partitions[0]!.fetchOffset;
        return {
          responses: [
            {
              topic: 't',
              partitions: [
                {
                  partitionIndex: 0,
                  errorCode: 0,
                  highWatermark: 1,
                  records: { path: file.path, fd: file.fd, position: offset, length: size - offset },
                },
              ],
            },
          ],
        };
      },
    }),
  });
  const { host, port } = await server.start();
  const clients = await Promise.all(Array.from({ length: 8 }, () => KafkaConnection.connect(host, port)));
  try {
    const offsets = clients.map((_, index) => index * 4096 + index);
    const responses = await Promise.all(
      clients.map((client, index) =>
        client.request('Fetch', 11, {
          replicaId: -1,
          maxWaitMs: 0,
          minBytes: 0,
          topics: [
            {
              topic: 't',
              partitions: [{ partition: 0, fetchOffset: offsets[index]!, partitionMaxBytes: size }],
            },
          ],
        }),
      ),
    );
    responses.forEach((response, index) => {
      t.true(
        response.responses[0]!.partitions[0]!.records!.equals(contents.subarray(offsets[index]!)),
        `client ${index}`,
      );
    });
  } finally {
    for (const client of clients) await client.close();
    await server.stop();
    closeSync(file.fd);
  }
});

for (const fetchPath of ['sendfile', 'copy'] as const) {
  test(`a client that disconnects mid-transfer does not hurt the broker (${fetchPath} path)`, async (t) => {
    const size = 32 << 20;
    const file = writeFile(`abandoned-${fetchPath}`, Buffer.alloc(size, 3));
    const logs = recordingLogger();
    const server = new BrokerServer({
      brokerId: 1,
      fetchPath,
      logger: logs,
      handler: testHandler({
        fetch: async () => ({
          responses: [
            {
              topic: 't',
              partitions: [
                {
                  partitionIndex: 0,
                  errorCode: 0,
                  highWatermark: 1,
                  records: { path: file.path, fd: file.fd, position: 0, length: size },
                },
              ],
            },
          ],
        }),
      }),
    });
    const { host, port } = await server.start();
    try {
      const quitter = await KafkaConnection.connect(host, port);
      const abandoned = quitter.request('Fetch', 4, { replicaId: -1, maxWaitMs: 0, minBytes: 0, topics: [] });
      abandoned.catch(() => {});
      await delay(5);
      await quitter.close();
      // The broker notices, closes that connection, and keeps serving others.
      for (let tries = 0; tries < 200 && server.connectionCount > 0; tries++) await delay(10);
      t.is(server.connectionCount, 0);
      const next = await KafkaConnection.connect(host, port);
      t.is((await next.request('ApiVersions', 2, {})).errorCode, 0);
      await next.close();
    } finally {
      await server.stop();
      closeSync(file.fd);
    }
  });
}
