// Malformed batches (LG-1): each edit makes what spec/malformed-batches.ts says it makes, and the
// reference answers each as Kafka 4.4 did, in process and through its wire handlers.
import { crc32c } from '@node-rs/crc32';
import test from 'ava';
import { buildRecordBatch } from '../../impl/log/batch/build.ts';
import { resolveConfig } from '../../spec/config.ts';
import { MALFORMED_BATCH_RULES, MALFORMED_BATCHES } from '../../spec/malformed-batches.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';
import { createReferenceSystem } from '../adapters/reference/index.ts';
import { createReferenceWireSystem } from '../adapters/reference-wire/reference-wire-system.ts';
import { malformBatch } from './malformed-batch.ts';

const batch = () =>
  buildRecordBatch([
    { value: Buffer.from('a'), timestamp: 5 },
    { value: Buffer.from('b'), timestamp: 6 },
  ]);
const crcHolds = (b: Buffer) => b.readUInt32BE(17) === crc32c(b.subarray(21)) >>> 0;

test("the edits: empty, doubled, a flipped bit, a cut byte, counts, a first length of five and six bytes, the first record's key length and headers", (t) => {
  const good = batch();
  t.true(crcHolds(good));
  t.is(malformBatch(good, 'empty').length, 0);
  t.deepEqual(malformBatch(good, 'two-batches'), Buffer.concat([good, good]));
  const flipped = malformBatch(good, 'bad-crc');
  t.false(crcHolds(flipped));
  t.is(flipped.length, good.length);
  const cut = malformBatch(good, 'truncated');
  t.is(cut.length, good.length - 1);
  t.is(cut.readInt32BE(8), good.readInt32BE(8), 'the header still counts the cut byte');
  const above = malformBatch(good, 'count-above-delta');
  t.deepEqual([above.readInt32BE(57), above.readInt32BE(23)], [3, 1]);
  t.true(crcHolds(above));
  t.deepEqual(
    [
      malformBatch(good, 'more-records-claimed').readInt32BE(57),
      malformBatch(good, 'more-records-claimed').readInt32BE(23),
    ],
    [3, 2],
  );
  t.deepEqual(
    [
      malformBatch(good, 'fewer-records-claimed').readInt32BE(57),
      malformBatch(good, 'fewer-records-claimed').readInt32BE(23),
    ],
    [1, 0],
  );
  for (const [kind, width] of [
    ['five-byte-length', 5],
    ['six-byte-length', 6],
  ] as const) {
    const long = malformBatch(good, kind);
    t.is(long.length, good.length + width - 1, kind);
    t.is(long.readInt32BE(8), good.readInt32BE(8) + width - 1, kind);
    t.true(crcHolds(long), kind);
    t.is(long[61 + width - 1]! & 0x80, 0, `${kind}: the last byte ends the varint`);
    t.true(
      [...long.subarray(61, 61 + width - 1)].every((byte) => byte >= 0x80),
      kind,
    );
  }
  // The first record of the built batch: length, attributes, timestamp and offset deltas, key
  // length -1 (null), value length 1, 'a', header count 0.
  t.deepEqual([...good.subarray(61, 70)], [0x0e, 0, 0, 0, 0x01, 0x02, 0x61, 0x00, 0x0e]);
  t.deepEqual(
    [...malformBatch(good, 'header-count-above').subarray(61, 69)],
    [0x0e, 0, 0, 0, 0x01, 0x02, 0x61, 0x02],
  );
  t.deepEqual(
    [...malformBatch(good, 'key-size-below-null').subarray(61, 69)],
    [0x0e, 0, 0, 0, 0x03, 0x02, 0x61, 0x00],
  );
  const header = malformBatch(good, 'null-header-key');
  t.deepEqual([...header.subarray(61, 71)], [0x12, 0, 0, 0, 0x01, 0x02, 0x61, 0x02, 0x01, 0x01]);
  t.is(header.readInt32BE(8), good.readInt32BE(8) + 2);
  for (const kind of ['header-count-above', 'key-size-below-null', 'null-header-key'] as const)
    t.true(crcHolds(malformBatch(good, kind)), kind);
});

for (const [name, create] of [
  ['in process', () => createReferenceSystem({ storage: 'simulated' })],
  ['over the wire', () => createReferenceWireSystem()],
] as [string, () => SystemUnderTest][]) {
  test(`LG-1 the reference ${name} answers every malformed batch as Kafka 4.4 did, and stores what Kafka stores`, async (t) => {
    const system = create();
    try {
      await system.reset({
        seed: 1,
        config: resolveConfig({ brokers: 1, 'replication.factor': 1, 'min.insync.replicas': 1 }),
      });
      await system.apply({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 1 }, 0);
      let seq = 1;
      for (const kind of MALFORMED_BATCHES) {
        const answers = await system.apply(
          {
            type: 'produce',
            producer: 'p',
            topic: 't',
            partition: 0,
            values: ['x', 'y'],
            acks: 1,
            malformed: kind,
          },
          seq++,
        );
        const answer = answers.find((o) => o.type === 'produce-response');
        t.is(
          answer?.type === 'produce-response' ? answer.error : undefined,
          MALFORMED_BATCH_RULES[kind].error,
          kind,
        );
      }
      const fetched = await system.apply(
        { type: 'fetch', client: 'r', topic: 't', partition: 0, offset: 0 },
        seq++,
      );
      const records = fetched.find((o) => o.type === 'fetch-response');
      t.deepEqual(
        records?.type === 'fetch-response' ? records.records.map((r) => r.value) : undefined,
        MALFORMED_BATCHES.filter((kind) => MALFORMED_BATCH_RULES[kind].error === 'NONE').flatMap(() => [
          'x',
          'y',
        ]),
        'the batches Kafka stores (a five-byte length, a key length of -2) are stored, their values intact',
      );
    } finally {
      await system.close();
    }
  });
}
