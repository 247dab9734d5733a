// LG-1: the Produce request's own check of a partition's records (ProduceRequest.validateRecords),
// and the 5-byte limit on a record's int32 varints (answered as Kafka 4.4 answers them).
import test from 'ava';
import { validateBatches } from '../append-validation.ts';
import { buildRecordBatch } from './build.ts';
import { produceRecordsError } from './produce-records.ts';

const batch = () => buildRecordBatch([{ value: Buffer.from('v'), timestamp: 1 }]);

test('exactly one whole magic-2 batch passes; none, two, a cut one or a bad magic is INVALID_RECORD', (t) => {
  const one = batch();
  t.is(produceRecordsError(one), undefined);
  t.is(produceRecordsError(Buffer.alloc(0)), 'INVALID_RECORD');
  t.is(produceRecordsError(Buffer.concat([one, one])), 'INVALID_RECORD');
  t.is(produceRecordsError(one.subarray(0, one.length - 1)), 'INVALID_RECORD', 'too few bytes: no batch');
  t.is(
    produceRecordsError(Buffer.concat([one, one.subarray(0, 20)])),
    undefined,
    'a cut second batch is no batch',
  );
  const magic1 = Buffer.from(one);
  magic1[16] = 1;
  t.is(produceRecordsError(magic1), 'INVALID_RECORD');
});

test('a size below the smallest record or a magic above 2 is CORRUPT_MESSAGE', (t) => {
  const small = Buffer.from(batch());
  small.writeInt32BE(13, 8);
  t.is(produceRecordsError(small), 'CORRUPT_MESSAGE');
  const magic3 = Buffer.from(batch());
  magic3[16] = 3;
  t.is(produceRecordsError(magic3), 'CORRUPT_MESSAGE');
});

test('a record length of six varint bytes is UNKNOWN_SERVER_ERROR; five bytes are a valid varint', async (t) => {
  const { crc32c } = await import('@node-rs/crc32');
  const widen = (width: number) => {
    const one = batch();
    const length = one[61]!; // one short record: a one-byte varint
    const varint = Buffer.alloc(width, 0x80);
    varint[0] = length | 0x80;
    varint[width - 1] = 0;
    const out = Buffer.concat([one.subarray(0, 61), varint, one.subarray(62)]);
    out.writeInt32BE(out.readInt32BE(8) + width - 1, 8);
    out.writeUInt32BE(crc32c(out.subarray(21)) >>> 0, 17);
    return out;
  };
  t.false('error' in validateBatches(widen(5), 1 << 20, true));
  t.like(validateBatches(widen(6), 1 << 20, true), { error: 'UNKNOWN_SERVER_ERROR' });
});
