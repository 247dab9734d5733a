// One record inside a magic-2 batch (DefaultRecord.java): varint length, attributes, varlong
// timestamp delta, varint offset delta, key, value, headers (varint lengths, -1 for null).
// Encoding and decoding of the records section, through impl/protocol's codec. Every field is
// written and read as a varlong: for int32 values the bytes are those of Kafka's varint, and the
// log accepts up to 10 bytes per field as it always has (Kafka's 5-byte varint limit is not
// enforced; the length and position checks below catch malformed records).
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

function readNullable(reader: Reader, end: number): Buffer | null {
  const length = reader.varlong();
  if (length < -1) throw new RangeError(`negative length ${length} in record`);
  if (length === -1) return null;
  const next = reader.offset + length;
  if (next > end) throw new RangeError('record field runs past the end of the record');
  const bytes = Buffer.from(reader.buffer.subarray(reader.offset, next));
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
  try {
    return readRecords(new Reader(section), count, baseOffset, baseTimestamp);
  } catch (error) {
    // A truncated or overlong varint: malformed like the checks below, one error type for callers.
    if (error instanceof ProtocolDecodeError) throw new RangeError(error.message);
    throw error;
  }
}

function readRecords(
  reader: Reader,
  count: number,
  baseOffset: number,
  baseTimestamp: number,
): DecodedRecord[] {
  const records: DecodedRecord[] = [];
  for (let i = 0; i < count; i++) {
    const length = reader.varlong();
    const end = reader.offset + length;
    if (length < 1 || end > reader.end) throw new RangeError(`record ${i} length ${length} is invalid`);
    reader.offset += 1; // skip record attributes
    const timestampDelta = reader.varlong();
    const offsetDelta = reader.varlong();
    const key = readNullable(reader, end);
    const value = readNullable(reader, end);
    const headerCount = reader.varlong();
    if (headerCount < 0) throw new RangeError(`record ${i} has a negative header count`);
    const headers: RecordHeader[] = [];
    for (let h = 0; h < headerCount; h++) {
      const headerKey = readNullable(reader, end);
      const headerValue = readNullable(reader, end);
      if (headerKey === null) throw new RangeError(`record ${i} has a null header key`);
      headers.push({ key: headerKey.toString('utf8'), value: headerValue });
    }
    if (reader.offset !== end)
      throw new RangeError(`record ${i} has ${end - reader.offset} unexplained bytes`);
    records.push({
      offset: baseOffset + offsetDelta,
      timestamp: baseTimestamp + timestampDelta,
      key,
      value,
      headers,
    });
  }
  if (reader.remaining !== 0) throw new RangeError(`${reader.remaining} bytes follow the last record`);
  return records;
}
