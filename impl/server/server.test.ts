// The wire layer end to end over loopback: ApiVersions (and its UNSUPPORTED_VERSION fallback),
// framing and the request size cap, clean closes for unknown keys/versions and malformed frames,
// in-order responses, acks=0, and the abort signal for parked requests.
import test from 'ava';
import { KafkaConnection } from '../../properties/client/wire/connection.ts';
import { encodeRequestFrame } from '../protocol/frame.ts';
import { Reader, Writer } from '../protocol/primitives.ts';
import { APIS, advertisedVersions } from '../protocol/registry.ts';
import { BrokerServer, type BrokerServerOptions } from './broker-server.ts';
import type { BrokerHandler } from './handler.ts';
import { recordingLogger } from './logger.ts';
import { delay, testHandler } from './testing/test-handler.ts';

async function withBroker(
  methods: Partial<BrokerHandler>,
  run: (context: {
    connect: () => Promise<KafkaConnection>;
    logs: ReturnType<typeof recordingLogger>;
    server: BrokerServer;
  }) => Promise<void>,
  options: Partial<BrokerServerOptions> = {},
): Promise<void> {
  const logs = recordingLogger();
  const server = new BrokerServer({ brokerId: 1, handler: testHandler(methods), logger: logs, ...options });
  const { host, port } = await server.start();
  const opened: KafkaConnection[] = [];
  const connect = async () => {
    const connection = await KafkaConnection.connect(host, port);
    opened.push(connection);
    return connection;
  };
  try {
    await run({ connect, logs, server });
  } finally {
    for (const connection of opened) await connection.close();
    await server.stop();
  }
}

const heartbeat = { groupId: 'g', generationId: 1, memberId: 'm' };

test('WP-13 binds 127.0.0.1 by default', async (t) => {
  const server = new BrokerServer({ brokerId: 1, handler: testHandler({}), logger: recordingLogger() });
  const { host } = await server.start();
  t.is(host, '127.0.0.1');
  await server.stop();
});

test('WP-7 ApiVersions v0-v2 advertise the registry table', async (t) => {
  await withBroker({}, async ({ connect }) => {
    const connection = await connect();
    for (const version of [0, 1, 2]) {
      const response = await connection.request('ApiVersions', version, {});
      t.is(response.errorCode, 0);
      t.deepEqual(response.apiKeys, advertisedVersions());
    }
  });
});

test('WP-6 ApiVersions at an unsupported version: v0 answer with UNSUPPORTED_VERSION and its own range', async (t) => {
  await withBroker({}, async ({ connect }) => {
    const connection = await connect();
    // v5 is Kafka 4.4's newest; kspec serves 0-4.
    const response = await connection.request('ApiVersions', 5, {}, { responseVersion: 0 });
    t.is(response.errorCode, 35);
    t.deepEqual(response.apiKeys, [{ apiKey: 18, minVersion: 0, maxVersion: 4 }]);
    // The client retries at a version the broker has, on the same connection.
    const retry = await connection.request('ApiVersions', 2, {});
    t.is(retry.errorCode, 0);
  });
});

test('WP-4 an unknown api key closes the connection and is logged; the broker keeps serving', async (t) => {
  await withBroker({}, async ({ connect, logs }) => {
    const connection = await connect();
    await t.throwsAsync(connection.request('Heartbeat', 0, heartbeat, { apiKey: 999 }), {
      message: /closed/,
    });
    t.true(logs.entries.some((entry) => entry.level === 'warn' && /unknown api key 999/.test(entry.message)));
    const again = await connect();
    t.is((await again.request('ApiVersions', 0, {})).errorCode, 0);
  });
});

test('WP-5 an unsupported version of another api closes the connection and is logged', async (t) => {
  await withBroker({ heartbeat: async () => ({ errorCode: 0 }) }, async ({ connect, logs }) => {
    const connection = await connect();
    await t.throwsAsync(connection.request('Heartbeat', 5, heartbeat), { message: /closed/ });
    t.true(logs.entries.some((entry) => /Heartbeat version 5 is not supported/.test(entry.message)));
  });
});

test('WP-8 a malformed body closes the connection without calling the handler', async (t) => {
  let calls = 0;
  const joinGroup = async () => {
    calls++;
    throw new Error('unreachable');
  };
  await withBroker({ joinGroup }, async ({ connect, logs }) => {
    const connection = await connect();
    const frame = encodeRequestFrame(APIS.Heartbeat, 0, { correlationId: 7, clientId: 'c' }, heartbeat);
    // Claim JoinGroup (key 11) with a Heartbeat body: too short for JoinGroup's grammar.
    frame.writeInt16BE(11, 4);
    await t.throwsAsync(connection.exchange(7, frame), { message: /closed/ });
    t.is(calls, 0);
    t.true(logs.entries.some((entry) => /malformed JoinGroup v0 body/.test(entry.message)));
  });
});

test('WP-1 a frame larger than socket.request.max.bytes is refused from its size prefix alone', async (t) => {
  await withBroker(
    {},
    async ({ connect, logs }) => {
      const connection = await connect();
      const size = Buffer.alloc(4);
      size.writeInt32BE(1 << 30);
      await connection.write(size);
      t.regex(await connection.closed, /closed/);
      t.true(logs.entries.some((entry) => /exceeds socket.request.max.bytes 4096/.test(entry.message)));
    },
    { maxRequestBytes: 4096 },
  );
});

test('WP-1 a negative frame size closes the connection', async (t) => {
  await withBroker({}, async ({ connect, logs }) => {
    const connection = await connect();
    await connection.write(Buffer.from([0xff, 0xff, 0xff, 0xfe]));
    await connection.closed;
    t.true(logs.entries.some((entry) => /invalid frame size -2/.test(entry.message)));
  });
});

test('WP-1 a frame split across many writes is reassembled', async (t) => {
  await withBroker({ heartbeat: async () => ({ errorCode: 0, throttleTimeMs: 0 }) }, async ({ connect }) => {
    const connection = await connect();
    const correlationId = connection.takeCorrelationId();
    const frame = encodeRequestFrame(APIS.Heartbeat, 1, { correlationId, clientId: 'c' }, heartbeat);
    const answer = connection.exchange(correlationId, Buffer.alloc(0));
    for (const byte of frame) await connection.write(Buffer.from([byte]));
    const payload = await answer;
    t.is(payload.readInt32BE(0), correlationId);
    t.deepEqual(APIS.Heartbeat.response.read(new Reader(payload, 4), 1), { throttleTimeMs: 0, errorCode: 0 });
  });
});

test('WP-3 concurrent pipelining: a slow handler does not reorder responses', async (t) => {
  const finished: string[] = [];
  const handler = {
    heartbeat: async (request: { memberId: string }) => {
      if (request.memberId === 'slow') await delay(150);
      finished.push(request.memberId);
      return { errorCode: request.memberId === 'slow' ? 27 : 0 };
    },
  };
  await withBroker(
    handler,
    async ({ connect }) => {
      const connection = await connect();
      const slow = connection.request('Heartbeat', 0, { ...heartbeat, memberId: 'slow' });
      const fast = connection.request('Heartbeat', 0, { ...heartbeat, memberId: 'fast' });
      const order: string[] = [];
      await Promise.all([slow.then(() => order.push('slow')), fast.then(() => order.push('fast'))]);
      t.deepEqual(finished, ['fast', 'slow'], 'handlers completed out of order');
      t.deepEqual(order, ['slow', 'fast'], 'responses arrived in request order');
      t.is((await slow).errorCode, 27);
      t.is((await fast).errorCode, 0);
    },
    { pipelining: 'concurrent' },
  );
});

test('WP-3 serial pipelining (default, as Kafka mutes a channel): the next request waits for the response', async (t) => {
  const started: string[] = [];
  const handler = {
    heartbeat: async (request: { memberId: string }) => {
      started.push(`start ${request.memberId}`);
      if (request.memberId === 'slow') await delay(100);
      started.push(`end ${request.memberId}`);
      return { errorCode: 0 };
    },
  };
  await withBroker(handler, async ({ connect }) => {
    const connection = await connect();
    await Promise.all([
      connection.request('Heartbeat', 0, { ...heartbeat, memberId: 'slow' }),
      connection.request('Heartbeat', 0, { ...heartbeat, memberId: 'fast' }),
    ]);
    t.deepEqual(started, ['start slow', 'end slow', 'start fast', 'end fast']);
  });
});

const produceBody = (acks: number) => ({
  acks,
  timeoutMs: 1000,
  topicData: [{ name: 't', partitionData: [{ index: 0, records: Buffer.from('batch') }] }],
});

test('WP-9 acks=0 Produce gets no response; the next response still matches its request', async (t) => {
  const seen: number[] = [];
  const produce = async (request: { acks: number }) => {
    seen.push(request.acks);
    return { responses: [{ name: 't', partitionResponses: [{ index: 0, errorCode: 0, baseOffset: 0 }] }] };
  };
  await withBroker({ produce, heartbeat: async () => ({ errorCode: 0 }) }, async ({ connect }) => {
    const connection = await connect();
    await connection.request('Produce', 3, produceBody(0), { expectResponse: false });
    const answer = await connection.request('Heartbeat', 0, heartbeat);
    t.is(answer.errorCode, 0);
    t.deepEqual(seen, [0]);
    const acked = await connection.request('Produce', 3, produceBody(1));
    t.is(acked.responses[0]!.partitionResponses[0]!.errorCode, 0);
  });
});

test('WP-9 acks=0 Produce that fails closes the connection, as Kafka does', async (t) => {
  const produce = async () => ({
    responses: [{ name: 't', partitionResponses: [{ index: 0, errorCode: 6, baseOffset: -1 }] }],
  });
  await withBroker({ produce }, async ({ connect, logs }) => {
    const connection = await connect();
    await connection.request('Produce', 3, produceBody(0), { expectResponse: false });
    await connection.closed;
    t.true(logs.entries.some((entry) => /acks=0 produce failed/.test(entry.message)));
  });
});

test('a handler exception closes the connection and is logged', async (t) => {
  await withBroker({}, async ({ connect, logs }) => {
    const connection = await connect();
    await t.throwsAsync(connection.request('ListGroups', 0, {}), { message: /closed/ });
    t.true(logs.entries.some((entry) => /ListGroups handler failed/.test(entry.message)));
  });
});

test('a parked request sees its abort signal when the connection closes', async (t) => {
  let aborted: () => void = () => {};
  const wasAborted = new Promise<void>((resolve) => {
    aborted = resolve;
  });
  const joinGroup: BrokerHandler['joinGroup'] = (_request, context) =>
    new Promise((_resolve, reject) => {
      context.signal.addEventListener('abort', () => {
        aborted();
        reject(new Error('aborted'));
      });
    });
  await withBroker({ joinGroup }, async ({ connect }) => {
    const connection = await connect();
    const parked = connection.request('JoinGroup', 0, {
      groupId: 'g',
      sessionTimeoutMs: 1000,
      memberId: '',
      protocolType: 'consumer',
      protocols: [],
    });
    parked.catch(() => {});
    await delay(20);
    await connection.close();
    await wasAborted;
    t.pass();
  });
});

test('WP-2 the request context carries version, client id, connection id and broker id', async (t) => {
  const contexts: unknown[] = [];
  const heartbeatHandler: BrokerHandler['heartbeat'] = async (_request, context) => {
    contexts.push({ ...context, signal: undefined, clientHost: undefined });
    return { errorCode: 0 };
  };
  await withBroker({ heartbeat: heartbeatHandler }, async ({ connect }) => {
    const connection = await connect();
    await connection.request('Heartbeat', 2, heartbeat);
    t.like(contexts[0], {
      apiKey: 12,
      apiVersion: 2,
      clientId: 'kspec-client',
      connectionId: 1,
      brokerId: 1,
    });
  });
});

test('a burst of pipelined requests beyond the queue bound is answered in order', async (t) => {
  const handler = {
    heartbeat: async (request: { generationId: number }) => ({ errorCode: request.generationId % 7 }),
  };
  await withBroker(
    handler,
    async ({ connect }) => {
      const connection = await connect();
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, generationId) =>
          connection.request('Heartbeat', 0, { ...heartbeat, generationId }),
        ),
      );
      t.deepEqual(
        answers.map((answer) => answer.errorCode),
        Array.from({ length: 200 }, (_, generationId) => generationId % 7),
      );
    },
    { maxQueuedRequests: 8 },
  );
});

test('WP-14 a flexible ApiVersions v3 request (header v2, compact body, as librdkafka sends) is answered in v3 with response header v0', async (t) => {
  await withBroker({}, async ({ connect }) => {
    const connection = await connect();
    const correlationId = connection.takeCorrelationId();
    const software = Buffer.from('librdkafka');
    const version = Buffer.from('2.12.0');
    const payload = Buffer.concat([
      Buffer.from([0, 18, 0, 3]), // api key 18, version 3
      Buffer.from([0, 0, 0, correlationId]),
      Buffer.from([0, 7]),
      Buffer.from('rdkafka'), // header v2 keeps client_id as a classic nullable string
      Buffer.from([0]), // header tagged fields
      Buffer.from([software.length + 1]),
      software, // compact string
      Buffer.from([version.length + 1]),
      version,
      Buffer.from([0]), // body tagged fields
    ]);
    const size = Buffer.alloc(4);
    size.writeInt32BE(payload.length);
    const response = await connection.exchange(correlationId, Buffer.concat([size, payload]));
    // Header v0: the body starts right after the correlation id, with no tagged fields between.
    const reader = new Reader(response, 4);
    const decoded = APIS.ApiVersions.response.read(reader, 3);
    t.is(reader.remaining, 0);
    t.is(decoded.errorCode, 0);
    t.deepEqual(
      decoded.apiKeys.find((key) => key.apiKey === 18),
      { apiKey: 18, minVersion: 0, maxVersion: 4 },
    );
  });
});

test('WP-14 ApiVersions v3 with a client software name outside KIP-511 pattern gets INVALID_REQUEST', async (t) => {
  await withBroker({}, async ({ connect }) => {
    const connection = await connect();
    const response = await connection.request('ApiVersions', 3, {
      clientSoftwareName: 'bad name!',
      clientSoftwareVersion: '1.0',
    });
    t.is(response.errorCode, 42);
    t.deepEqual(response.apiKeys, []);
  });
});

test('WP-14 flexible versions: header v2 in, header v1 out, a tagged field kspec does not know is skipped', async (t) => {
  await withBroker({ heartbeat: async () => ({ throttleTimeMs: 0, errorCode: 0 }) }, async ({ connect }) => {
    const connection = await connect();
    t.deepEqual(await connection.request('Heartbeat', 4, heartbeat), { throttleTimeMs: 0, errorCode: 0 });
    // The same request with an unknown tag (7, two bytes) in the header and in the body.
    const correlationId = connection.takeCorrelationId();
    const unknown = Buffer.from([1, 7, 2, 0xab, 0xcd]);
    const frame = taggedHeartbeat(correlationId, unknown, unknown);
    const payload = await connection.exchange(correlationId, frame);
    // Response header v1: correlation id, then an empty tagged-field section.
    t.is(payload.readInt32BE(0), correlationId);
    t.is(payload[4], 0);
    t.deepEqual(APIS.Heartbeat.response.read(new Reader(payload, 5), 4), { throttleTimeMs: 0, errorCode: 0 });
  });
});

test('WP-14 a malformed tagged field closes the connection with a log line; the broker keeps serving', async (t) => {
  await withBroker(
    { heartbeat: async () => ({ throttleTimeMs: 0, errorCode: 0 }) },
    async ({ connect, logs }) => {
      const connection = await connect();
      const correlationId = connection.takeCorrelationId();
      // One tag in the body whose size (100) runs past the end of the frame.
      const frame = taggedHeartbeat(correlationId, Buffer.from([0]), Buffer.from([1, 7, 100, 0xab]));
      await t.throwsAsync(connection.exchange(correlationId, frame), { message: /closed/ });
      t.true(
        logs.entries.some((entry) => /malformed Heartbeat v4 body: .*tagged field 7/.test(entry.message)),
      );
      const again = await connect();
      t.is((await again.request('Heartbeat', 4, heartbeat)).errorCode, 0);
    },
  );
});

/** A Heartbeat v4 frame whose header and body end with the given tagged-field sections. */
function taggedHeartbeat(correlationId: number, headerTags: Buffer, tags: Buffer): Buffer {
  const header = new Writer().int16(12).int16(4).int32(correlationId).nullableString('c').raw(headerTags);
  const body = new Writer()
    .compactNullableString(heartbeat.groupId)
    .int32(heartbeat.generationId)
    .compactNullableString(heartbeat.memberId)
    .compactNullableString(null)
    .raw(tags);
  const payload = Buffer.concat([header.toBuffer(), body.toBuffer()]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
}
