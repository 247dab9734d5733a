// The records-section reader that judges a produce's own records (LG-1): what Kafka 4.4's DefaultRecord reads
// from the sections of LG-1's table and from the crafted bytes the fast-walk survivors accepted.
import test from 'ava';
import { readSection, writeSection } from './record-section.ts';

const bytes = (...values: number[]) => Buffer.from(values);
const withByte = (section: Buffer, at: number, byte: number) => {
  const out = Buffer.from(section);
  out[at] = byte;
  return out;
};

test('a written section reads back: values, timestamp deltas from the first record, offset deltas by index', (t) => {
  const section = writeSection([
    { value: 'a', timestamp: 5 },
    { value: 'bc', timestamp: 3 },
  ]);
  t.deepEqual(readSection(section, 2), {
    error: 'NONE',
    records: [
      { value: 'a', timestampDelta: 0, offsetDelta: 0 },
      { value: 'bc', timestampDelta: -2, offsetDelta: 1 },
    ],
  });
});

test('lengths: past the batch, shorter or longer than the body, and bytes after the last record are INVALID_RECORD', (t) => {
  const section = writeSection([{ value: 'a', timestamp: 0 }]);
  t.is(readSection(section, 2).error, 'INVALID_RECORD', 'a second record missing');
  t.is(readSection(Buffer.concat([section, bytes(0)]), 1).error, 'INVALID_RECORD', 'a byte left over');
  t.is(readSection(withByte(section, 0, section[0]! + 2), 1).error, 'INVALID_RECORD');
  t.is(readSection(withByte(section, 0, section[0]! - 2), 1).error, 'INVALID_RECORD');
});

test("a record length longer than 5 varint bytes is Kafka's unmapped IllegalArgumentException; one inside the body is INVALID_RECORD", (t) => {
  t.is(readSection(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x00), 1).error, 'UNKNOWN_SERVER_ERROR');
  // Length 7; a timestamp delta of 11 varint bytes inside the body.
  t.is(
    readSection(bytes(0x0e, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0), 1).error,
    'INVALID_RECORD',
  );
  // A five-byte length whose fifth byte ends it is a valid varint (LG-1's five-byte-length).
  t.is(readSection(bytes(0x8c, 0x80, 0x80, 0x80, 0x00, 0, 0, 0, 1, 0, 0), 1).error, 'NONE');
});

test('negative key and value lengths are null; a negative header key length or header count is INVALID_RECORD', (t) => {
  // attributes, ts delta, offset delta, key -2, value 'x', no headers
  t.like(readSection(bytes(0x0e, 0, 0, 0, 0x03, 0x02, 0x78, 0), 1), { error: 'NONE' });
  t.like(
    readSection(bytes(0x0c, 0, 0, 0, 0x01, 0x01, 0), 1),
    { error: 'NONE', records: [{ value: '' }] },
    'null value',
  );
  t.is(
    readSection(bytes(0x10, 0, 0, 0, 0x01, 0x01, 0x02, 0x01, 0x01), 1).error,
    'INVALID_RECORD',
    'null header key',
  );
  t.is(readSection(bytes(0x0c, 0, 0, 0, 0x01, 0x01, 0x01), 1).error, 'INVALID_RECORD', 'header count -1');
  t.is(
    readSection(bytes(0x0c, 0, 0, 0, 0x01, 0x01, 0x04), 1).error,
    'INVALID_RECORD',
    'two headers claimed, none carried',
  );
});

test('the crafted bytes that surviving fast-walk mutants accepted are refused', (t) => {
  // record.ts:132 true: a value length byte with its continuation bit set, read alone.
  t.is(readSection(bytes(0x0e, 0, 0, 0, 0x01, 0x82, 0, 0), 1).error, 'INVALID_RECORD');
  // record.ts:132 byte <= 0x80: 0x80 taken as a varint's last byte.
  t.is(readSection(bytes(0x0c, 0, 0, 0, 0x01, 0x80, 0), 1).error, 'INVALID_RECORD');
  // record.ts:132 byte >= 0x80.
  t.is(readSection(bytes(0x8c, 0, 0x80, 0x80, 0x81, 0x81, 0x80), 1).error, 'INVALID_RECORD');
  // record.ts:155 h <= headers: header count 0 followed by a header's bytes inside the length.
  t.is(readSection(bytes(0x10, 0, 0, 0, 0x01, 0x01, 0, 0, 0x01), 1).error, 'INVALID_RECORD');
  // record.ts:157 keySize < 0: a header with a null key walks backwards.
  t.is(readSection(bytes(0x0e, 0, 0, 0, 0x01, 0x01, 0x02, 0x01), 1).error, 'INVALID_RECORD');
});
