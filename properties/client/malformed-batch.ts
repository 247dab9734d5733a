// A produce's record batch made malformed on purpose, as a buggy or hostile client would send it
// (spec/malformed-batches.ts names each kind and what Kafka answers). Both transports send the
// same bytes: the batch the client built, with the produce's own records section if it brings one,
// then one malformed edit. Edits that keep the bytes a checksummed
// batch recompute its CRC-32C, so the broker's own structural checks are what refuses it.
import { crc32c } from '@node-rs/crc32';
import { Reader } from '../../impl/protocol/primitives.ts';
import type { MalformedBatch } from '../../spec/malformed-batches.ts';
import type { ProduceCall } from './transport.ts';

/** The bytes a produce sends: the batch as built, with the call's own records section, made malformed, as it asks. */
export function batchFor(call: ProduceCall, batch: Buffer): Buffer {
  const own =
    call.records === undefined ? batch : withRecordsSection(batch, Buffer.from(call.records, 'hex'));
  return call.malformed ? malformBatch(own, call.malformed) : own;
}

/** `batch` with `section` in place of its records; length and CRC recomputed, the header kept. */
export function withRecordsSection(batch: Buffer, section: Buffer): Buffer {
  const out = Buffer.concat([batch.subarray(0, RECORDS), section]);
  out.writeInt32BE(out.length - BATCH_LENGTH - 4, BATCH_LENGTH);
  return withCrc(out);
}

// Magic-2 batch header offsets (Kafka's DefaultRecordBatch).
const BATCH_LENGTH = 8;
const CRC = 17;
const ATTRIBUTES = 21;
const LAST_OFFSET_DELTA = 23;
const RECORD_COUNT = 57;
const RECORDS = 61;

/** `batch` (one well-formed magic-2 batch) with the edit `kind` names. */
export function malformBatch(batch: Buffer, kind: MalformedBatch): Buffer {
  const bytes = Buffer.from(batch);
  switch (kind) {
    case 'empty':
      return Buffer.alloc(0);
    case 'two-batches':
      return Buffer.concat([bytes, bytes]);
    case 'bad-crc':
      // One bit of the last record flipped, the stored checksum left as it was.
      bytes[bytes.length - 1]! ^= 0x01;
      return bytes;
    case 'truncated':
      // The header still counts the last byte.
      return bytes.subarray(0, bytes.length - 1);
    case 'count-above-delta':
      bytes.writeInt32BE(bytes.readInt32BE(RECORD_COUNT) + 1, RECORD_COUNT);
      return withCrc(bytes);
    case 'more-records-claimed':
      bytes.writeInt32BE(bytes.readInt32BE(RECORD_COUNT) + 1, RECORD_COUNT);
      bytes.writeInt32BE(bytes.readInt32BE(LAST_OFFSET_DELTA) + 1, LAST_OFFSET_DELTA);
      return withCrc(bytes);
    case 'fewer-records-claimed':
      bytes.writeInt32BE(bytes.readInt32BE(RECORD_COUNT) - 1, RECORD_COUNT);
      bytes.writeInt32BE(bytes.readInt32BE(LAST_OFFSET_DELTA) - 1, LAST_OFFSET_DELTA);
      return withCrc(bytes);
    case 'five-byte-length':
      return withFirstLength(bytes, 5);
    case 'six-byte-length':
      return withFirstLength(bytes, 6);
    case 'header-count-above': {
      // The first record claims one header more than it carries (a one-byte count stays one byte).
      const at = firstRecordFields(bytes).headerCount;
      bytes[at] = zigzag(varintAt(bytes, at) + 1);
      return withCrc(bytes);
    }
    case 'key-size-below-null': {
      // The first record's key length -2 (null is -1): no key bytes follow either way.
      const at = firstRecordFields(bytes).keySize;
      bytes[at] = zigzag(-2);
      return withCrc(bytes);
    }
    case 'null-header-key': {
      // The first record gains a header whose key is null (key and value length -1).
      const fields = firstRecordFields(bytes);
      bytes[fields.headerCount] = zigzag(varintAt(bytes, fields.headerCount) + 1);
      const header = Buffer.from([zigzag(-1), zigzag(-1)]);
      const out = Buffer.concat([bytes.subarray(0, fields.end), header, bytes.subarray(fields.end)]);
      out[RECORDS] = zigzag(varintAt(out, RECORDS) + header.length);
      out.writeInt32BE(out.readInt32BE(BATCH_LENGTH) + header.length, BATCH_LENGTH);
      return withCrc(out);
    }
  }
}

const zigzag = (value: number): number => (value << 1) ^ (value >> 31);
/** The zigzag varint at `at` (impl/protocol's record varint). */
const varintAt = (bytes: Buffer, at: number): number => new Reader(bytes, at).varint();

/**
 * Where the first record's key length and header count bytes are, and where the record ends. The
 * client builds short records (every varint of them one byte), which the edits keep one byte.
 */
function firstRecordFields(bytes: Buffer): { keySize: number; headerCount: number; end: number } {
  const reader = new Reader(bytes, RECORDS);
  const length = reader.varint();
  const end = reader.offset + length;
  reader.offset += 1; // attributes
  reader.varlong(); // timestamp delta
  reader.varint(); // offset delta
  const keySize = reader.offset;
  // Each length is read before the offset moves past its bytes (`x += f()` would read x first).
  const key = reader.varint();
  reader.offset += Math.max(0, key);
  const value = reader.varint();
  reader.offset += Math.max(0, value);
  return { keySize, headerCount: reader.offset, end };
}

/** Whether the edit needs more than one record in the batch. */
export const needsTwoRecords = (kind: MalformedBatch): boolean => kind === 'fewer-records-claimed';

function withCrc(bytes: Buffer): Buffer {
  bytes.writeUInt32BE(crc32c(bytes.subarray(ATTRIBUTES)) >>> 0, CRC);
  return bytes;
}

/**
 * The first record's length varint written with `width` bytes instead of its shortest form (every
 * byte but the last with the continuation bit). Five bytes are still a valid 32-bit varint; six
 * are more than any 32-bit varint may take.
 */
function withFirstLength(bytes: Buffer, width: number): Buffer {
  const reader = new Reader(bytes, RECORDS);
  let rest = reader.unsignedVarint(); // the zigzag-encoded length, re-encoded as it is
  const size = reader.offset - RECORDS;
  const encoded = Buffer.alloc(width);
  for (let i = 0; i < width; i++) {
    encoded[i] = (rest & 0x7f) | (i < width - 1 ? 0x80 : 0);
    rest = Math.floor(rest / 128);
  }
  const out = Buffer.concat([bytes.subarray(0, RECORDS), encoded, bytes.subarray(RECORDS + size)]);
  out.writeInt32BE(out.readInt32BE(BATCH_LENGTH) + width - size, BATCH_LENGTH);
  return withCrc(out);
}
