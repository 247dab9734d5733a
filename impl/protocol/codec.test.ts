// Every API at every version this project speaks: decode(encode(x)) gives x back, and encoding the
// decoded value reproduces the same bytes. Also the decoder's refusals: truncation, bad lengths,
// null where the version forbids it.
import test from 'ava';
import fc from 'fast-check';
import { encodeBody } from './frame.ts';
import { ProtocolDecodeError, ProtocolEncodeError, Reader, Writer } from './primitives.ts';
import { APIS } from './registry.ts';
import { describe } from './schema.ts';
import { arbitraryFor } from './testing/arbitraries.ts';

const concat = (chunks: unknown[]) => Buffer.concat(chunks as Buffer[]);

for (const api of Object.values(APIS)) {
  for (let version = api.minVersion; version <= api.maxVersion; version++) {
    for (const direction of ['request', 'response'] as const) {
      test(`${api.name} v${version} ${direction} round trip`, (t) => {
        const schema = api[direction];
        fc.assert(
          fc.property(arbitraryFor(schema, version), (value) => {
            const bytes = concat(encodeBody(schema, version, value as never).chunks);
            const reader = new Reader(bytes);
            const decoded = schema.read(reader, version);
            t.is(reader.remaining, 0);
            t.deepEqual(decoded, value);
            t.deepEqual(concat(encodeBody(schema, version, decoded as never).chunks), bytes);
          }),
          { seed: 4242 + api.key * 31 + version, numRuns: 40 },
        );
      });
    }
  }
}

test('every truncation of a valid message is refused with ProtocolDecodeError', (t) => {
  const api = APIS.JoinGroup;
  const bytes = concat(
    encodeBody(api.request, 5, {
      groupId: 'g',
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: 30000,
      memberId: 'm',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: Buffer.from([1, 2, 3]) }],
    }).chunks,
  );
  for (let length = 0; length < bytes.length; length++) {
    t.throws(() => api.request.read(new Reader(bytes.subarray(0, length)), 5), {
      instanceOf: ProtocolDecodeError,
    });
  }
});

test('an array length beyond the frame is refused before allocating', (t) => {
  const bytes = new Writer().nullableString('g').int32(0x7fffffff).toBuffer();
  const error = t.throws(() => APIS.DescribeGroups.request.read(new Reader(bytes.subarray(3)), 0), {
    instanceOf: ProtocolDecodeError,
  });
  t.regex(error.message, /exceeds/);
});

test('negative lengths other than -1 are malformed; -1 only where nullable', (t) => {
  t.throws(() => new Reader(new Writer().int16(-2).toBuffer()).nullableString(), {
    instanceOf: ProtocolDecodeError,
  });
  t.throws(() => new Reader(new Writer().int16(-1).toBuffer()).string(), { instanceOf: ProtocolDecodeError });
  // Metadata v0 has no null topic list (null = all topics arrived in v1).
  const nullTopics = new Writer().int32(-1).toBuffer();
  t.throws(() => APIS.Metadata.request.read(new Reader(nullTopics), 0), { instanceOf: ProtocolDecodeError });
  t.like(APIS.Metadata.request.read(new Reader(nullTopics), 1), {
    topics: null,
    allowAutoTopicCreation: true,
  });
});

test('encoding a value the version cannot express throws ProtocolEncodeError', (t) => {
  t.throws(() => encodeBody(APIS.Metadata.request, 0, { topics: null }), { instanceOf: ProtocolEncodeError });
  t.throws(() => new Writer().int64(2 ** 60), { instanceOf: ProtocolEncodeError });
});

test('an int64 beyond 2^53 is refused rather than rounded', (t) => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(2n ** 60n);
  t.throws(() => new Reader(bytes).int64(), { instanceOf: ProtocolDecodeError });
});

test('WP-10 fields a version lacks decode as their Kafka defaults', (t) => {
  const bytes = concat(
    encodeBody(APIS.Fetch.request, 0, {
      replicaId: -1,
      maxWaitMs: 100,
      minBytes: 1,
      topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: 5, partitionMaxBytes: 1024 }] }],
    }).chunks,
  );
  const decoded = APIS.Fetch.request.read(new Reader(bytes), 0);
  t.is(decoded.maxBytes, 2147483647);
  t.is(decoded.sessionEpoch, -1);
  t.is(decoded.topics[0]!.partitions[0]!.currentLeaderEpoch, -1);
  t.is(decoded.topics[0]!.partitions[0]!.logStartOffset, -1);
});

test('describe lists the grammar of one version', (t) => {
  t.deepEqual(describe(APIS.Heartbeat.request, 0), [
    'groupId: string',
    'generationId: int32',
    'memberId: string',
  ]);
  t.deepEqual(describe(APIS.LeaveGroup.request, 3), [
    'groupId: string',
    'members: []struct',
    '  memberId: string',
    '  groupInstanceId: string?',
  ]);
});
