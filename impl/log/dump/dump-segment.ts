// What `kspec log dump` reports about one file, as data (DumpLogSegments.scala): every batch of a
// `.log` with its position, size and CRC validity (records on request), and every entry of an
// `.index` / `.timeindex` checked against the log file beside it.
import { checkBatch, checkBatchHeader, decodeBatchRecords } from '../batch/decode.ts';
import { type BatchHeader, lastOffsetOf } from '../batch/header.ts';
import { readInt64 } from '../batch/int64.ts';
import type { FileSystem } from '../fs/file-system.ts';
import {
  INDEX_SUFFIX,
  LOG_SUFFIX,
  parseSegmentFileName,
  TIME_INDEX_SUFFIX,
} from '../segment/segment-names.ts';

export interface DumpedRecord {
  offset: number;
  timestamp: number;
  keySize: number;
  valueSize: number;
  headerKeys: string[];
  key: string | null;
  value: string | null;
}

export interface DumpedBatch {
  baseOffset: number;
  lastOffset: number;
  count: number;
  position: number;
  size: number;
  crcValid: boolean;
  crc: number;
  partitionLeaderEpoch: number;
  magic: number;
  compression: string;
  timestampType: string;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  isTransactional: boolean;
  isControl: boolean;
  records?: DumpedRecord[];
  recordError?: string;
}

export interface DumpedIndexEntry {
  offset: number;
  /** Offset index: file position. Time index: timestamp. */
  position?: number;
  timestamp?: number;
  consistent: boolean;
  problem?: string;
}

export interface FileDump {
  path: string;
  kind: 'log' | 'index' | 'timeindex';
  baseOffset: number;
  fileSize: number;
  batches?: DumpedBatch[];
  entries?: DumpedIndexEntry[];
  /** Problems found: corrupt batches, bytes that are not a batch, inconsistent index entries. */
  errors: string[];
}

export interface DumpOptions {
  /** Decode every record of each batch (kafka-dump-log.sh --deep-iteration). */
  printRecords: boolean;
  /**
   * Turns a record's key and value into the text shown (kafka-dump-log.sh --offsets-decoder);
   * default: both as UTF-8. A decoder that throws leaves the record as UTF-8 with the reason noted.
   */
  decode?: (key: Buffer | null, value: Buffer | null) => { key: string | null; value: string | null };
}

function recordText(options: DumpOptions, key: Buffer | null, value: Buffer | null) {
  const plain = { key: key?.toString('utf8') ?? null, value: value?.toString('utf8') ?? null };
  if (!options.decode) return plain;
  try {
    return options.decode(key, value);
  } catch (error) {
    return { key: plain.key, value: `${plain.value} (not decoded: ${(error as Error).message})` };
  }
}

/** Dumps one segment file; `undefined` if the name is not a segment file. Never throws on bad content. */
export function dumpFile(fs: FileSystem, path: string, options: DumpOptions): FileDump | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const parsed = parseSegmentFileName(name);
  if (!parsed) return undefined;
  const bytes = fs.readFile(path);
  const base = { path, baseOffset: parsed.baseOffset, fileSize: bytes.length, errors: [] as string[] };
  if (parsed.suffix === LOG_SUFFIX)
    return { ...base, kind: 'log', batches: dumpBatches(bytes, options, base.errors) };
  const logPath = path.slice(0, path.length - parsed.suffix.length) + LOG_SUFFIX;
  const log = fs.exists(logPath) ? fs.readFile(logPath) : undefined;
  if (!log) base.errors.push(`log file ${logPath} is missing: entries cannot be checked`);
  const kind = parsed.suffix === INDEX_SUFFIX ? 'index' : 'timeindex';
  void TIME_INDEX_SUFFIX;
  return { ...base, kind, entries: dumpIndex(bytes, kind, parsed.baseOffset, log, base.errors) };
}

function dumpBatches(bytes: Buffer, options: DumpOptions, errors: string[]): DumpedBatch[] {
  const batches: DumpedBatch[] = [];
  let position = 0;
  while (position < bytes.length) {
    const header = checkBatchHeader(bytes, position, bytes.length - position);
    if (!header.ok) {
      errors.push(
        `position ${position}: ${header.problem} (${header.detail}); ${bytes.length - position} bytes not dumped`,
      );
      break;
    }
    const full = checkBatch(bytes, position);
    const batch = describeBatch(header.header, position, header.size, full.ok);
    if (!full.ok)
      errors.push(
        `position ${position}: batch ${batch.baseOffset}-${batch.lastOffset} fails its CRC-32C check`,
      );
    if (options.printRecords && full.ok) {
      try {
        batch.records = decodeBatchRecords(bytes, position, header.header).map((record) => ({
          offset: record.offset,
          timestamp: record.timestamp,
          keySize: record.key?.length ?? -1,
          valueSize: record.value?.length ?? -1,
          headerKeys: record.headers.map((h) => h.key),
          ...recordText(options, record.key, record.value),
        }));
      } catch (error) {
        batch.recordError = (error as Error).message;
        errors.push(`position ${position}: records cannot be decoded: ${batch.recordError}`);
      }
    }
    batches.push(batch);
    position += header.size;
  }
  return batches;
}

function describeBatch(header: BatchHeader, position: number, size: number, crcValid: boolean): DumpedBatch {
  return {
    baseOffset: header.baseOffset,
    lastOffset: lastOffsetOf(header),
    count: header.recordCount,
    position,
    size,
    crcValid,
    crc: header.crc,
    partitionLeaderEpoch: header.partitionLeaderEpoch,
    magic: header.magic,
    compression: header.compression,
    timestampType: header.timestampType,
    baseTimestamp: header.baseTimestamp,
    maxTimestamp: header.maxTimestamp,
    producerId: header.producerId,
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    isTransactional: header.isTransactional,
    isControl: header.isControl,
  };
}

/** The batch starting exactly at `position` of the log bytes, if any. */
function batchAt(log: Buffer, position: number): BatchHeader | undefined {
  if (position < 0 || position >= log.length) return undefined;
  const check = checkBatchHeader(log, position, log.length - position);
  return check.ok ? check.header : undefined;
}

/** Every batch of the log bytes (header-level), for time-index checks. */
function logBatches(log: Buffer): BatchHeader[] {
  const headers: BatchHeader[] = [];
  let position = 0;
  while (position < log.length) {
    const check = checkBatchHeader(log, position, log.length - position);
    if (!check.ok) break;
    headers.push(check.header);
    position += check.size;
  }
  return headers;
}

function dumpIndex(
  bytes: Buffer,
  kind: 'index' | 'timeindex',
  baseOffset: number,
  log: Buffer | undefined,
  errors: string[],
): DumpedIndexEntry[] {
  const entrySize = kind === 'index' ? 8 : 12;
  if (bytes.length % entrySize !== 0)
    errors.push(`file size ${bytes.length} is not a multiple of the ${entrySize}-byte entry size`);
  const batches = kind === 'timeindex' && log ? logBatches(log) : [];
  const entries: DumpedIndexEntry[] = [];
  let previous: DumpedIndexEntry | undefined;
  for (let at = 0; at + entrySize <= bytes.length; at += entrySize) {
    const entry: DumpedIndexEntry =
      kind === 'index'
        ? {
            offset: baseOffset + bytes.readInt32BE(at),
            position: bytes.readInt32BE(at + 4),
            consistent: true,
          }
        : {
            offset: baseOffset + bytes.readInt32BE(at + 8),
            timestamp: readInt64(bytes, at),
            consistent: true,
          };
    const problem = indexEntryProblem(entry, previous, kind, log, batches);
    if (problem) {
      entry.consistent = false;
      entry.problem = problem;
      errors.push(`${kind} entry ${entries.length} (offset ${entry.offset}): ${problem}`);
    }
    entries.push(entry);
    previous = entry;
  }
  return entries;
}

function indexEntryProblem(
  entry: DumpedIndexEntry,
  previous: DumpedIndexEntry | undefined,
  kind: 'index' | 'timeindex',
  log: Buffer | undefined,
  batches: BatchHeader[],
): string | undefined {
  if (previous && entry.offset <= previous.offset)
    return `offset does not increase (previous ${previous.offset})`;
  if (kind === 'index') {
    if (previous && entry.position! <= previous.position!) return 'position does not increase';
    if (!log) return undefined;
    const batch = batchAt(log, entry.position!);
    if (!batch) return `no batch starts at position ${entry.position}`;
    if (lastOffsetOf(batch) !== entry.offset)
      return `the batch at position ${entry.position} ends at offset ${lastOffsetOf(batch)}, not ${entry.offset}`;
    return undefined;
  }
  if (previous && entry.timestamp! <= previous.timestamp!) return 'timestamp does not increase';
  if (!log) return undefined;
  const batch = batches.find((b) => lastOffsetOf(b) === entry.offset);
  if (!batch) return `no batch ends at offset ${entry.offset}`;
  if (batch.maxTimestamp !== entry.timestamp)
    return `the batch's max timestamp is ${batch.maxTimestamp}, not ${entry.timestamp}`;
  return undefined;
}
