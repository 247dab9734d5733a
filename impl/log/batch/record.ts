// One record inside a magic-2 batch (DefaultRecord.java): varint length, attributes, varlong
// timestamp delta, varint offset delta, key, value, headers (varint lengths, -1 for null).
// Encoding and decoding of the records section, through impl/protocol's codec. Every field is
// written as a varlong: for int32 values the bytes are those of Kafka's varint. Reading, the int32
// fields (lengths, offset delta, header count) may take at most 5 bytes, as Kafka's
// ByteUtils.readVarint allows (beyond: OverlongVarintError for a record's length, a malformed
// record inside its body); the timestamp delta up to 10.
import { ProtocolDecodeError, Reader, Writer } from '../../protocol/primitives.ts';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

/** A record as an application gives it: what the cluster and tests build batches from. */
export interface SimpleRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  timestamp: number;
  /** Offset within the batch; default the record's index. Set when rewriting a compacted batch. */
  offsetDelta?: number;
  headers?: readonly { key: string; value: Buffer | string | null }[];
}

/** A record decoded from a stored batch, with its absolute offset and timestamp. */
export interface DecodedRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

function toBytes(value: Buffer | string | null | undefined): Buffer | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

/** A record field's bytes: varint length (-1 for null), then the bytes. */
function writeNullable(writer: Writer, bytes: Buffer | null): void {
  if (bytes === null) writer.varlong(-1);
  else writer.varlong(bytes.length).raw(bytes);
}

/** Encodes records (offset deltas 0..n-1 unless given) against `baseTimestamp` into one records section. */
export function encodeRecords(records: readonly SimpleRecord[], baseTimestamp: number): Buffer {
  const section = new Writer();
  records.forEach((record, recordIndex) => {
    const headers = record.headers ?? [];
    const body = new Writer()
      .int8(0) // record attributes: unused in magic 2
      .varlong(record.timestamp - baseTimestamp)
      .varlong(record.offsetDelta ?? recordIndex);
    writeNullable(body, toBytes(record.key));
    writeNullable(body, toBytes(record.value));
    body.varlong(headers.length);
    for (const header of headers) {
      writeNullable(body, Buffer.from(header.key, 'utf8'));
      writeNullable(body, toBytes(header.value));
    }
    const bytes = body.toBuffer();
    section.varlong(bytes.length).raw(bytes);
  });
  return section.toBuffer();
}

/** Stands for a present field when records are only checked (checkRecords): nothing is copied. */
const PRESENT = Buffer.alloc(0);

/** A field's bytes (copied, so a record outlives the buffer it came from), or PRESENT when not `copy`. */
/**
 * A record length varint longer than 5 bytes. Kafka reads the length before DefaultRecord.readFrom's
 * try block, so its IllegalArgumentException escapes and no error code maps it: Kafka 4.4 answers
 * such a produce UNKNOWN_SERVER_ERROR (LG-1). Inside the body the same exception is caught and
 * answered INVALID_RECORD (a plain RangeError here).
 */
export class OverlongVarintError extends RangeError {}

/** A zigzag int32 varint of a record's body (Kafka's ByteUtils.readVarint: 5 bytes at most). */
function varint32(reader: Reader): number {
  const start = reader.offset;
  const value = reader.varlong();
  if (reader.offset - start > 5) throw new RangeError(`varint at byte ${start} is longer than 5 bytes`);
  return value;
}

/** A record's length varint: a fifth byte that does not end it is OverlongVarintError, as in Kafka. */
function recordLength(reader: Reader): number {
  const { buffer, offset } = reader;
  for (let i = 0; i < 5 && offset + i < reader.end; i++) {
    if (buffer[offset + i]! < 0x80) break;
    if (i === 4)
      throw new OverlongVarintError(`record length varint at byte ${offset} is longer than 5 bytes`);
  }
  return varint32(reader);
}

function readNullable(reader: Reader, end: number, copy: boolean): Buffer | null {
  const length = varint32(reader);
  // Any negative length is null, as Kafka reads keys, values and header values (DefaultRecord.readFrom).
  if (length < 0) return null;
  const next = reader.offset + length;
  if (next > end) throw new RangeError('record field runs past the end of the record');
  const bytes = copy ? Buffer.from(reader.buffer.subarray(reader.offset, next)) : PRESENT;
  reader.offset = next;
  return bytes;
}

/**
 * Decodes `count` records from an (uncompressed) records section. Throws RangeError on malformed
 * input: the caller turns that into CORRUPT_MESSAGE / a dump error.
 */
export function decodeRecords(
  section: Buffer,
  count: number,
  baseOffset: number,
  baseTimestamp: number,
): DecodedRecord[] {
  const records: DecodedRecord[] = [];
  walkRecords(section, count, baseOffset, baseTimestamp, records);
  return records;
}

/**
 * Checks that `count` records decode from a records section, with every check decodeRecords makes,
 * but copies nothing: what a leader append needs (append-validation.ts), at the cost of a walk
 * over the varints. Throws RangeError as decodeRecords does.
 */
export function checkRecords(section: Buffer, count: number): void {
  // Well-formed records with short varints pass the fast walk; anything else is walked again by the
  // decoder's own code, which throws the precise error (or accepts a long varint the fast walk skips).
  if (!wellFormed(section, count)) walkRecords(section, count, 0, 0, null);
}

/** Where the fast walk is in its section; module state, so that readShort stays a small inlined function. */
let at = 0;

/** A zigzag varint of at most 4 bytes at `at`, or NaN (a longer one, or the end of the section). */
function readShort(bytes: Buffer, end: number): number {
  let value = 0;
  let scale = 1;
  for (let count = 0; count < 4 && at < end; count++) {
    const byte = bytes[at++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return (value & 1) === 0 ? value / 2 : -(value + 1) / 2;
    scale *= 128;
  }
  return Number.NaN;
}

/** True when `count` records fill the section exactly and pass readRecords's checks (copying nothing). */
function wellFormed(bytes: Buffer, count: number): boolean {
  const sectionEnd = bytes.length;
  at = 0;
  for (let i = 0; i < count; i++) {
    const length = readShort(bytes, sectionEnd);
    const end = at + length;
    if (!(length >= 1) || end > sectionEnd) return false;
    at += 1; // attributes
    if (Number.isNaN(readShort(bytes, end)) || Number.isNaN(readShort(bytes, end))) return false;
    for (let field = 0; field < 2; field++) {
      const size = readShort(bytes, end);
      if (!(size >= -1) || at + Math.max(size, 0) > end) return false;
      at += Math.max(size, 0);
    }
    const headers = readShort(bytes, end);
    if (!(headers >= 0)) return false;
    for (let h = 0; h < headers; h++) {
      const keySize = readShort(bytes, end);
      if (!(keySize >= 0) || at + keySize > end) return false;
      at += keySize;
      const valueSize = readShort(bytes, end);
      if (!(valueSize >= -1) || at + Math.max(valueSize, 0) > end) return false;
      at += Math.max(valueSize, 0);
    }
    if (at !== end) return false;
  }
  return at === sectionEnd;
}

function walkRecords(
  section: Buffer,
  count: number,
  baseOffset: number,
  baseTimestamp: number,
  records: DecodedRecord[] | null,
): void {
  try {
    readRecords(new Reader(section), count, baseOffset, baseTimestamp, records);
  } catch (error) {
    // A truncated or overlong varint: malformed like the checks below, one error type for callers.
    if (error instanceof ProtocolDecodeError) throw new RangeError(error.message);
    throw error;
  }
}

/** Reads `count` records into `records`, or only checks them when `records` is null. */
function readRecords(
  reader: Reader,
  count: number,
  baseOffset: number,
  baseTimestamp: number,
  records: DecodedRecord[] | null,
): void {
  const copy = records !== null;
  for (let i = 0; i < count; i++) {
    const length = recordLength(reader);
    const end = reader.offset + length;
    if (length < 1 || end > reader.end) throw new RangeError(`record ${i} length ${length} is invalid`);
    reader.offset += 1; // skip record attributes
    const timestampDelta = reader.varlong();
    const offsetDelta = varint32(reader);
    const key = readNullable(reader, end, copy);
    const value = readNullable(reader, end, copy);
    const headerCount = varint32(reader);
    if (headerCount < 0) throw new RangeError(`record ${i} has a negative header count`);
    const headers: RecordHeader[] = [];
    for (let h = 0; h < headerCount; h++) {
      const headerKey = readNullable(reader, end, copy);
      const headerValue = readNullable(reader, end, copy);
      if (headerKey === null) throw new RangeError(`record ${i} has a null header key`);
      if (copy) headers.push({ key: headerKey.toString('utf8'), value: headerValue });
    }
    if (reader.offset !== end)
      throw new RangeError(`record ${i} has ${end - reader.offset} unexplained bytes`);
    records?.push({
      offset: baseOffset + offsetDelta,
      timestamp: baseTimestamp + timestampDelta,
      key,
      value,
      headers,
    });
  }
  if (reader.remaining !== 0) throw new RangeError(`${reader.remaining} bytes follow the last record`);
}
