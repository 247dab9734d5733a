import { createRequire } from 'node:module';
import test from 'ava';
import fc from 'fast-check';
import { recordArbitrary } from '../testing/log-fixtures.ts';
import { buildRecordBatch } from './build.ts';
import { checkBatch, parseRecordBatches } from './decode.ts';
import { readBatchHeader, setBaseOffset, setPartitionLeaderEpoch } from './header.ts';

const require = createRequire(import.meta.url);

test('batches round-trip records (none and gzip)', (t) => {
  fc.assert(
    fc.property(
      fc.array(recordArbitrary, { minLength: 1, maxLength: 20 }),
      fc.constantFrom('none', 'gzip'),
      (records, codec) => {
        const batch = buildRecordBatch(records, { compression: codec as 'none' | 'gzip', baseOffset: 5 });
        const [decoded] = parseRecordBatches(batch);
        t.is(decoded!.header.recordCount, records.length);
        t.is(decoded!.header.compression, codec);
        decoded!.records.forEach((record, i) => {
          const expected = records[i]!;
          t.is(record.offset, 5 + i);
          t.is(record.timestamp, expected.timestamp);
          t.deepEqual(record.key, expected.key ?? null);
          t.deepEqual(record.value, expected.value);
          t.deepEqual(
            record.headers,
            (expected.headers ?? []).map((h) => ({ key: h.key, value: h.value })),
          );
        });
      },
    ),
    { seed: 42, numRuns: 150 },
  );
});

test('LG-2: rewriting base offset and leader epoch keeps the CRC valid; any other flipped byte breaks it', (t) => {
  const batch = buildRecordBatch([
    { key: 'a', value: 'hello', timestamp: 1000 },
    { value: 'world', timestamp: 1001 },
  ]);
  setBaseOffset(batch, 0, 123456789);
  setPartitionLeaderEpoch(batch, 0, 7);
  const check = checkBatch(batch, 0);
  t.true(check.ok);
  t.is(readBatchHeader(batch).baseOffset, 123456789);
  t.is(readBatchHeader(batch).partitionLeaderEpoch, 7);
  for (let position = 17; position < batch.length; position++) {
    const copy = Buffer.from(batch);
    copy[position] = copy[position]! ^ 0x01;
    t.false(checkBatch(copy, 0).ok, `flip at ${position}`);
  }
});

test('kafkajs decodes kspec batches, and kspec decodes kafkajs batches (independent codec)', async (t) => {
  const decodeWithKafkajs = require('kafkajs/src/protocol/recordBatch/v0/decoder');
  const Decoder = require('kafkajs/src/protocol/decoder');
  const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0');
  const Record = require('kafkajs/src/protocol/recordBatch/record/v0');
  const { Types } = require('kafkajs/src/protocol/message/compression');
  const records = [
    { key: 'k1', value: 'v1', timestamp: 1_700_000_000_000, headers: [{ key: 'h', value: 'x' }] },
    { key: null, value: 'v2', timestamp: 1_700_000_000_005 },
  ];
  const ours = buildRecordBatch(records, { compression: 'gzip', baseOffset: 10, partitionLeaderEpoch: 3 });
  const theirs = await decodeWithKafkajs(new Decoder(ours));
  t.is(theirs.firstOffset, '10');
  t.deepEqual(
    theirs.records.map((r: { offset: string; value: Buffer }) => [r.offset, r.value.toString()]),
    [
      ['10', 'v1'],
      ['11', 'v2'],
    ],
  );
  const encoded = await RecordBatch({
    compression: Types.GZIP,
    firstTimestamp: 1_700_000_000_000,
    maxTimestamp: 1_700_000_000_009,
    lastOffsetDelta: 1,
    records: [
      Record({ offsetDelta: 0, timestampDelta: 0, key: Buffer.from('a'), value: Buffer.from('one') }),
      Record({
        offsetDelta: 1,
        timestampDelta: 9,
        key: Buffer.from('b'),
        value: Buffer.from('two'),
        headers: { h: 'v' },
      }),
    ],
  });
  const [batch] = parseRecordBatches(encoded.buffer);
  t.is(batch!.header.compression, 'gzip');
  t.deepEqual(
    batch!.records.map((r) => [
      r.offset,
      r.timestamp,
      r.key?.toString(),
      r.value?.toString(),
      r.headers.length,
    ]),
    [
      [0, 1_700_000_000_000, 'a', 'one', 0],
      [1, 1_700_000_000_009, 'b', 'two', 1],
    ],
  );
});

test('truncated and malformed input is reported, never thrown', (t) => {
  const batch = buildRecordBatch([{ value: 'x', timestamp: 1 }]);
  for (let length = 0; length < batch.length; length++) {
    const check = checkBatch(batch.subarray(0, length), 0);
    t.false(check.ok);
  }
  t.throws(() => parseRecordBatches(Buffer.from([1, 2, 3])), { instanceOf: RangeError });
});
