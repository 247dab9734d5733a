// One record inside a magic-2 batch (DefaultRecord.java): varint length, attributes, timestamp and
// offset deltas, key, value, headers. Encoding and decoding of the records section.
import { readVarint, varintSize, writeVarint } from './varint.ts';

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

function nullableSize(bytes: Buffer | null): number {
  return bytes === null ? varintSize(-1) : varintSize(bytes.length) + bytes.length;
}

function writeNullable(buffer: Buffer, position: number, bytes: Buffer | null): number {
  if (bytes === null) return writeVarint(buffer, position, -1);
  position = writeVarint(buffer, position, bytes.length);
  bytes.copy(buffer, position);
  return position + bytes.length;
}

/** Encodes records (offset deltas 0..n-1 unless given) against `baseTimestamp` into one records section. */
export function encodeRecords(records: readonly SimpleRecord[], baseTimestamp: number): Buffer {
  const parts: Buffer[] = [];
  records.forEach((record, recordIndex) => {
    const index = record.offsetDelta ?? recordIndex;
    const key = toBytes(record.key);
    const value = toBytes(record.value);
    const headers = (record.headers ?? []).map((h) => ({
      key: Buffer.from(h.key, 'utf8'),
      value: toBytes(h.value),
    }));
    const timestampDelta = record.timestamp - baseTimestamp;
    let bodySize =
      1 + varintSize(timestampDelta) + varintSize(index) + nullableSize(key) + nullableSize(value);
    bodySize += varintSize(headers.length);
    for (const header of headers) bodySize += nullableSize(header.key) + nullableSize(header.value);
    const buffer = Buffer.alloc(varintSize(bodySize) + bodySize);
    let position = writeVarint(buffer, 0, bodySize);
    buffer[position++] = 0; // record attributes: unused in magic 2
    position = writeVarint(buffer, position, timestampDelta);
    position = writeVarint(buffer, position, index);
    position = writeNullable(buffer, position, key);
    position = writeNullable(buffer, position, value);
    position = writeVarint(buffer, position, headers.length);
    for (const header of headers) {
      position = writeNullable(buffer, position, header.key);
      position = writeNullable(buffer, position, header.value);
    }
    parts.push(buffer);
  });
  return Buffer.concat(parts);
}

function readNullable(buffer: Buffer, position: number, end: number): { bytes: Buffer | null; next: number } {
  const length = readVarint(buffer, position);
  if (length.value < -1) throw new RangeError(`negative length ${length.value} in record`);
  if (length.value === -1) return { bytes: null, next: length.next };
  const next = length.next + length.value;
  if (next > end) throw new RangeError('record field runs past the end of the record');
  return { bytes: Buffer.from(buffer.subarray(length.next, next)), next };
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
  let position = 0;
  for (let i = 0; i < count; i++) {
    const length = readVarint(section, position);
    const end = length.next + length.value;
    if (length.value < 1 || end > section.length)
      throw new RangeError(`record ${i} length ${length.value} is invalid`);
    position = length.next + 1; // skip record attributes
    const timestampDelta = readVarint(section, position);
    const offsetDelta = readVarint(section, timestampDelta.next);
    const key = readNullable(section, offsetDelta.next, end);
    const value = readNullable(section, key.next, end);
    const headerCount = readVarint(section, value.next);
    if (headerCount.value < 0) throw new RangeError(`record ${i} has a negative header count`);
    position = headerCount.next;
    const headers: RecordHeader[] = [];
    for (let h = 0; h < headerCount.value; h++) {
      const headerKey = readNullable(section, position, end);
      const headerValue = readNullable(section, headerKey.next, end);
      if (headerKey.bytes === null) throw new RangeError(`record ${i} has a null header key`);
      headers.push({ key: headerKey.bytes.toString('utf8'), value: headerValue.bytes });
      position = headerValue.next;
    }
    if (position !== end) throw new RangeError(`record ${i} has ${end - position} unexplained bytes`);
    records.push({
      offset: baseOffset + offsetDelta.value,
      timestamp: baseTimestamp + timestampDelta.value,
      key: key.bytes,
      value: value.bytes,
      headers,
    });
  }
  if (position !== section.length)
    throw new RangeError(`${section.length - position} bytes follow the last record`);
  return records;
}
