// Reads over a list of segments: fetch slices (file positions, not copies) and timestamp lookups.
import { isSupportedCodec } from './batch/compression.ts';
import { decodeBatchRecords } from './batch/decode.ts';
import { lastOffsetOf } from './batch/header.ts';
import type { LogSegment } from './segment/log-segment.ts';
import type { FileSlice, TimestampLookup } from './types.ts';

/** Index of the segment with the largest base offset <= `offset` (segments sorted by base). */
export function floorSegmentIndex(segments: readonly LogSegment[], offset: number): number {
  let low = 0;
  let high = segments.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (segments[middle]!.baseOffset <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/**
 * Whole batches from the first one holding an offset >= `offset`, from a single segment, while the
 * total stays within `maxBytes` (at least one batch when `minOneBatch`, as KIP-74) and each batch
 * ends below `upperBound`. Undefined when nothing qualifies.
 */
export function sliceFrom(
  segments: readonly LogSegment[],
  offset: number,
  maxBytes: number,
  upperBound: number,
  minOneBatch: boolean,
): FileSlice | undefined {
  for (let i = Math.max(0, floorSegmentIndex(segments, offset)); i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.nextOffset <= offset) continue;
    const start = segment.findBatch(offset);
    if (!start) continue;
    // The first batch ending at or above the upper bound, and everything after it, is cut.
    const bound =
      upperBound < segment.nextOffset
        ? (segment.findBatch(upperBound)?.position ?? segment.size)
        : segment.size;
    const budget = minOneBatch ? Math.max(maxBytes, start.size) : maxBytes;
    const whole = segment.wholeBatchesEnd(start, Math.min(bound, start.position + budget));
    if (!whole) return undefined;
    return {
      path: segment.paths.log,
      fd: segment.fd,
      position: start.position,
      length: whole.end - start.position,
      firstOffset: start.header.baseOffset,
      lastOffset: whole.lastOffset,
    };
  }
  return undefined;
}

/**
 * The first record at or after `logStartOffset` with a timestamp >= `timestamp`
 * (LogSegment.findOffsetByTimestamp): segment by largest timestamp, then the time index, the offset
 * index, a header scan, and finally the records of one batch.
 */
// LG-7: the first record whose timestamp is >= the target.
export function findOffsetByTimestamp(
  segments: readonly LogSegment[],
  timestamp: number,
  logStartOffset: number,
): TimestampLookup | undefined {
  for (const segment of segments) {
    if (segment.maxTimestamp < timestamp || segment.nextOffset <= logStartOffset) continue;
    const fromOffset = Math.max(
      segment.timeIndex.floor(timestamp)?.value ?? segment.baseOffset,
      logStartOffset,
    );
    const start = segment.findBatch(fromOffset);
    if (!start) continue;
    let found: TimestampLookup | undefined;
    segment.batchesFrom(start.position, (batch) => {
      if (batch.header.maxTimestamp < timestamp || lastOffsetOf(batch.header) < logStartOffset) return true;
      if (!isSupportedCodec(batch.header.compression)) {
        // A snappy, lz4 or zstd batch is stored as sent and its records cannot be read here: answer
        // its first offset (a consumer seeking there misses nothing at or after the timestamp; it
        // may see earlier records of the batch) rather than fail the ListOffsets request.
        const offset = Math.max(batch.header.baseOffset, logStartOffset);
        const { baseTimestamp, maxTimestamp } = batch.header;
        found = { offset, timestamp: baseTimestamp >= timestamp ? baseTimestamp : maxTimestamp };
        return false;
      }
      const bytes = segment.read(batch.position, batch.size);
      const record = decodeBatchRecords(bytes, 0, batch.header).find(
        (r) => r.timestamp >= timestamp && r.offset >= logStartOffset,
      );
      if (record) found = { offset: record.offset, timestamp: record.timestamp };
      return found === undefined;
    });
    if (found) return found;
  }
  return undefined;
}
