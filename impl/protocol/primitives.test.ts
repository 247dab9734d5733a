// The primitives against known encodings (Kafka's ByteUtils: zigzag varints, LEB128) and as
// round trips over their whole ranges.
import test from 'ava';
import fc from 'fast-check';
import { ProtocolDecodeError, Reader, Writer } from './primitives.ts';

const hex = (writer: Writer) => writer.toBuffer().toString('hex');

test('varints match known encodings', (t) => {
  t.is(hex(new Writer().unsignedVarint(0)), '00');
  t.is(hex(new Writer().unsignedVarint(300)), 'ac02');
  t.is(hex(new Writer().unsignedVarint(0xffffffff)), 'ffffffff0f');
  t.is(hex(new Writer().varint(-1)), '01');
  t.is(hex(new Writer().varint(1)), '02');
  t.is(hex(new Writer().varint(-64)), '7f');
  t.is(hex(new Writer().varint(64)), '8001');
  t.is(hex(new Writer().varlong(-1)), '01');
  t.is(hex(new Writer().varlong(2 ** 40)), '808080808040');
});

test('varint, varlong and fixed-width integers round-trip', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: -2147483648, max: 2147483647 }),
      fc.maxSafeInteger(),
      fc.integer({ min: 0, max: 0xffffffff }),
      (int32, safe, unsigned) => {
        const bytes = new Writer()
          .varint(int32)
          .varlong(safe)
          .unsignedVarint(unsigned)
          .int32(int32)
          .int64(safe)
          .toBuffer();
        const reader = new Reader(bytes);
        t.deepEqual(
          [reader.varint(), reader.varlong(), reader.unsignedVarint(), reader.int32(), reader.int64()],
          [int32, safe, unsigned, int32, safe],
        );
        t.is(reader.remaining, 0);
      },
    ),
    { seed: 77, numRuns: 300 },
  );
});

test('an unterminated or overlong varint is malformed', (t) => {
  t.throws(() => new Reader(Buffer.from([0x80, 0x80])).unsignedVarint(), { instanceOf: ProtocolDecodeError });
  t.throws(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).unsignedVarint(), {
    instanceOf: ProtocolDecodeError,
  });
});

test('strings are UTF-8 with an int16 byte length; null is -1', (t) => {
  const bytes = new Writer().nullableString('héllo').nullableString(null).toBuffer();
  t.is(bytes.toString('hex'), `0006${Buffer.from('héllo').toString('hex')}ffff`);
  const reader = new Reader(bytes);
  t.is(reader.string(), 'héllo');
  t.is(reader.nullableString(), null);
});

// Moved from impl/log/batch (its own varint functions are gone): the record fields' zig-zag
// encoding, now Writer.varint/varlong.
test('varlongs round-trip (zig-zag, within +-2^52: record timestamp deltas)', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.maxSafeInteger(), (small, big) => {
      const value = Math.abs(big) <= 2 ** 52 ? big : small;
      const reader = new Reader(new Writer().varlong(value).toBuffer());
      return reader.varlong() === value && reader.remaining === 0;
    }),
    { seed: 41, numRuns: 2000 },
  );
  t.pass();
});

test('varint and varlong encodings match Kafka for known values', (t) => {
  // ByteUtils.writeVarint: 0 -> 00, -1 -> 01, 1 -> 02, 63 -> 7e, -64 -> 7f, 64 -> 8001, 300 -> d804
  const values = [0, -1, 1, 63, -64, 64, 300];
  const expected = ['00', '01', '02', '7e', '7f', '8001', 'd804'];
  t.deepEqual(
    values.map((value) => hex(new Writer().varint(value))),
    expected,
  );
  t.deepEqual(
    values.map((value) => hex(new Writer().varlong(value))),
    expected,
  );
});

test('strict UTF-8 refuses malformed text that the default reader turns into U+FFFD', (t) => {
  const bytes = Buffer.from([0x00, 0x02, 0xc3, 0x28]);
  t.is(new Reader(bytes).string(), '\ufffd(');
  t.throws(() => Reader.of(new Uint8Array(bytes), { strictUtf8: true }).string(), {
    instanceOf: ProtocolDecodeError,
  });
});
