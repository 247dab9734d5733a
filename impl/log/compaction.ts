// Compaction of keyed logs (LogCleaner.scala, reduced): in every segment but the active one, keep
// only the latest record of each key (by offset, over those segments), drop tombstones (null values)
// once older than delete.retention.ms, and keep records without a key. Kept records stay in their
// batch with their offsets (the batch keeps its base offset and last offset delta, as Kafka's
// cleaner does), so offsets never move; emptied batches disappear.
import { buildRecordBatch } from './batch/build.ts';
import { decodeBatchRecords } from './batch/decode.ts';
import type { BatchHeader } from './batch/header.ts';
import type { DecodedRecord } from './batch/record.ts';
import type { LogConfig } from './config.ts';
import { type FileSystem, writeFileAtomically } from './fs/file-system.ts';
import { LogSegment, type SegmentSettings } from './segment/log-segment.ts';

export interface CompactionResult {
  segmentsCleaned: string[];
  recordsRemoved: number;
  tombstonesRemoved: number;
  bytesBefore: number;
  bytesAfter: number;
}

interface SegmentBatch {
  header: BatchHeader;
  bytes: Buffer;
  records: DecodedRecord[];
}

function batchesOf(segment: LogSegment): SegmentBatch[] {
  return segment
    .batchesFrom(0, () => true)
    .map((batch) => {
      const bytes = segment.read(batch.position, batch.size);
      return { header: batch.header, bytes, records: decodeBatchRecords(bytes, 0, batch.header) };
    });
}

/** Offset of the latest record of every key in `segments`. */
export function latestOffsetByKey(segments: readonly LogSegment[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (const segment of segments)
    for (const batch of batchesOf(segment))
      for (const record of batch.records)
        if (record.key) latest.set(record.key.toString('base64'), record.offset);
  return latest;
}

// LG-14: latest record per key, tombstones until delete.retention.ms, offsets unchanged.
/** The cleaned bytes of one segment, or undefined if nothing in it would go. */
export function cleanSegment(
  segment: LogSegment,
  latest: ReadonlyMap<string, number>,
  tombstoneHorizonMs: number,
  result: CompactionResult,
): Buffer | undefined {
  const kept: Buffer[] = [];
  let removed = 0;
  for (const batch of batchesOf(segment)) {
    const survivors = batch.records.filter((record) => {
      if (!record.key) return true;
      if (latest.get(record.key.toString('base64')) !== record.offset) return false;
      if (record.value === null && record.timestamp < tombstoneHorizonMs) {
        result.tombstonesRemoved++;
        return false;
      }
      return true;
    });
    removed += batch.records.length - survivors.length;
    if (survivors.length === batch.records.length) kept.push(batch.bytes);
    else if (survivors.length > 0) kept.push(rebuild(batch.header, survivors));
  }
  if (removed === 0) return undefined;
  result.recordsRemoved += removed;
  return Buffer.concat(kept);
}

/** The batch again with only `records`, same base offset, epoch, producer fields and codec. */
function rebuild(header: BatchHeader, records: DecodedRecord[]): Buffer {
  if (header.compression === 'unknown') throw new Error('cannot rebuild a batch with an unknown codec');
  return buildRecordBatch(
    records.map((record) => ({
      key: record.key,
      value: record.value,
      timestamp: record.timestamp,
      headers: record.headers,
      offsetDelta: record.offset - header.baseOffset,
    })),
    {
      baseOffset: header.baseOffset,
      lastOffsetDelta: header.lastOffsetDelta,
      partitionLeaderEpoch: header.partitionLeaderEpoch,
      compression: header.compression,
      timestampType: header.timestampType,
      producerId: header.producerId,
      producerEpoch: header.producerEpoch,
      baseSequence: header.baseSequence,
      isTransactional: header.isTransactional,
      isControl: header.isControl,
    },
  );
}

/** Suffix of a cleaned log file before it replaces the segment (removed as a leftover on open). */
export const CLEANED_SUFFIX = '.cleaned';

/**
 * Replaces a segment's log file with `bytes` and rebuilds its indexes. Crash-safe: the indexes go
 * first (missing indexes are rebuilt on open), the new file is fsynced under a temporary name and
 * renamed over the old one, so an open finds either the old or the new segment.
 */
export function replaceSegment(
  fs: FileSystem,
  directory: string,
  segment: LogSegment,
  bytes: Buffer,
  nowMs: number,
  settings: SegmentSettings,
): LogSegment {
  // The old segment's handles stay open (the caller closes them later) for in-flight reads.
  fs.remove(segment.paths.index);
  fs.remove(segment.paths.timeIndex);
  writeFileAtomically(fs, segment.paths.log, bytes, CLEANED_SUFFIX);
  const fresh = LogSegment.open(fs, directory, segment.baseOffset, nowMs, settings);
  const recovery = fresh.recover();
  if (recovery.stop) throw new Error(`cleaned segment ${fresh.name} is invalid: ${recovery.stop.detail}`);
  fresh.flush();
  return fresh;
}

/**
 * Cleans every segment of `segments` but the last (the active one) in place, replacing each cleaned
 * one through `replace`. Nothing happens unless cleanup.policy includes `compact`.
 */
export function compactSegments(
  segments: LogSegment[],
  config: Readonly<LogConfig>,
  nowMs: number,
  replace: (segment: LogSegment, bytes: Buffer) => LogSegment,
): CompactionResult {
  const result: CompactionResult = {
    segmentsCleaned: [],
    recordsRemoved: 0,
    tombstonesRemoved: 0,
    bytesBefore: 0,
    bytesAfter: 0,
  };
  if (!config['cleanup.policy'].includes('compact')) return result;
  const cleanable = segments.slice(0, -1);
  const latest = latestOffsetByKey(cleanable);
  cleanable.forEach((segment, i) => {
    const cleaned = cleanSegment(segment, latest, nowMs - config['delete.retention.ms'], result);
    if (!cleaned) return;
    result.segmentsCleaned.push(segment.name);
    result.bytesBefore += segment.size;
    result.bytesAfter += cleaned.length;
    segments[i] = replace(segment, cleaned);
  });
  return result;
}
