// Checks a Produce partition's records before anything is written (LogValidator.java, reduced to
// what a log stores as received): whole magic-2 batches, valid CRC-32C, sane counts and sizes.
import { checkBatch, type LocatedBatch } from './batch/decode.ts';
import { lastOffsetOf } from './batch/header.ts';
import type { LogError } from './types.ts';

export interface ValidatedBatches {
  batches: LocatedBatch[];
  recordCount: number;
}

/**
 * The batches in `buffer`, or the protocol error Kafka answers: CORRUPT_MESSAGE for bad framing or
 * CRC, INVALID_RECORD for inconsistent counts, RECORD_LIST_TOO_LARGE for a batch above segment.bytes.
 * `asLeader` adds the checks for batches a client sent (offset deltas 0..count-1).
 */
// LG-1: only whole magic-2 batches with a valid CRC-32C are stored.
export function validateBatches(
  buffer: Buffer,
  segmentBytes: number,
  asLeader: boolean,
): ValidatedBatches | LogError {
  if (buffer.length === 0) return { error: 'INVALID_RECORD', message: 'no record batches' };
  const batches: LocatedBatch[] = [];
  let recordCount = 0;
  let position = 0;
  let previousLastOffset = -1;
  while (position < buffer.length) {
    const check = checkBatch(buffer, position);
    if (!check.ok)
      return {
        error: 'CORRUPT_MESSAGE',
        message: `batch at byte ${position}: ${check.problem} (${check.detail})`,
      };
    const header = check.header;
    if (check.size > segmentBytes)
      return {
        error: 'RECORD_LIST_TOO_LARGE',
        message: `batch of ${check.size} bytes exceeds segment.bytes ${segmentBytes}`,
      };
    if (header.recordCount < 1 || (asLeader && header.lastOffsetDelta !== header.recordCount - 1))
      return {
        error: 'INVALID_RECORD',
        message: `batch at byte ${position}: ${header.recordCount} records with lastOffsetDelta ${header.lastOffsetDelta}`,
      };
    if (!asLeader && header.baseOffset <= previousLastOffset)
      return { error: 'INVALID_RECORD', message: `batch at byte ${position}: offsets do not increase` };
    previousLastOffset = lastOffsetOf(header);
    batches.push({ position, size: check.size, header });
    recordCount += header.recordCount;
    position += check.size;
  }
  return { batches, recordCount };
}

export function isLogError(value: unknown): value is LogError {
  return typeof value === 'object' && value !== null && 'error' in value;
}
