// Checks a Produce partition's records before anything is written (LogValidator.java, reduced to
// what a log stores as received): whole magic-2 batches, valid CRC-32C, sane counts and sizes, and
// (from a client) records that decode. Kafka iterates every record of a batch it appends as leader
// (assignOffsetsNonCompressed, validateMessagesAndAssignOffsetsCompressed), so a batch whose CRC is
// right but whose records lie about their lengths is refused with INVALID_RECORD; kspec once stored
// such a batch and threw later when a timestamp lookup decoded it (found by the wire fuzzer).

import { isSupportedCodec } from './batch/compression.ts';
import { checkBatch, checkBatchRecords, type LocatedBatch } from './batch/decode.ts';
import { lastOffsetOf, setBaseOffset, setPartitionLeaderEpoch } from './batch/header.ts';
import { OverlongVarintError } from './batch/record.ts';
import type { BatchToAppend } from './segment/log-segment.ts';
import type { LogError } from './types.ts';

export interface ValidatedBatches {
  batches: LocatedBatch[];
  recordCount: number;
}

/**
 * The batches in `buffer`, or the protocol error Kafka answers: CORRUPT_MESSAGE for bad framing or
 * CRC, INVALID_RECORD for inconsistent counts, MESSAGE_TOO_LARGE for a client's batch above
 * max.message.bytes (UnifiedLog.analyzeAndValidateRecords, checked before the segment size),
 * RECORD_LIST_TOO_LARGE for a batch above segment.bytes.
 * `asLeader` adds the checks for batches a client sent (offset deltas 0..count-1).
 */
// LG-1: only whole magic-2 batches with a valid CRC-32C are stored.
export function validateBatches(
  buffer: Buffer,
  segmentBytes: number,
  asLeader: boolean,
  maxMessageBytes = Number.POSITIVE_INFINITY,
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
    // A follower copies what its leader accepted, so only a leader's append is held to it.
    if (asLeader && check.size > maxMessageBytes)
      return {
        error: 'MESSAGE_TOO_LARGE',
        message: `The record batch size in the append is ${check.size} bytes which exceeds the maximum configured value of ${maxMessageBytes}.`,
      };
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
    if (asLeader && isSupportedCodec(header.compression)) {
      const problem = undecodableRecords(buffer, position, header);
      if (problem) return { error: problem.error, message: `batch at byte ${position}: ${problem.message}` };
    }
    if (!asLeader && header.baseOffset <= previousLastOffset)
      return { error: 'INVALID_RECORD', message: `batch at byte ${position}: offsets do not increase` };
    previousLastOffset = lastOffsetOf(header);
    batches.push({ position, size: check.size, header });
    recordCount += header.recordCount;
    position += check.size;
  }
  return { batches, recordCount };
}

/** Why the batch's records do not decode as its header says (and the answer), or undefined when they do. */
function undecodableRecords(
  buffer: Buffer,
  position: number,
  header: LocatedBatch['header'],
): LogError | undefined {
  try {
    // The records are walked, not copied: the append stores the bytes as received.
    checkBatchRecords(buffer, position, header);
  } catch (error) {
    const message = (error as Error).message;
    // Kafka 4.4 answers UNKNOWN_SERVER_ERROR: its varint reader's exception maps to no error code.
    if (error instanceof OverlongVarintError) return { error: 'UNKNOWN_SERVER_ERROR', message };
    // RangeError from the record decoder, zlib's errors from a corrupt gzip section.
    return { error: 'INVALID_RECORD', message };
  }
  return undefined;
}

export function isLogError(value: unknown): value is LogError {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/** Leader append: consecutive offsets from `firstOffset` and the leader epoch, rewritten in place. */
export function assignLeaderOffsets(
  buffer: Buffer,
  batches: LocatedBatch[],
  firstOffset: number,
  leaderEpoch: number,
): void {
  let nextOffset = firstOffset;
  for (const batch of batches) {
    setBaseOffset(buffer, batch.position, nextOffset);
    setPartitionLeaderEpoch(buffer, batch.position, leaderEpoch);
    batch.header.baseOffset = nextOffset;
    batch.header.partitionLeaderEpoch = leaderEpoch;
    nextOffset += batch.header.lastOffsetDelta + 1;
  }
}

/** What a segment needs to write and index the batches, and the figures an append reports. */
export interface BatchesSummary {
  toAppend: BatchToAppend[];
  bytes: number;
  firstOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  offsetOfMaxTimestamp: number;
}

export function summarizeBatches(batches: readonly LocatedBatch[]): BatchesSummary {
  const first = batches[0]!;
  const last = batches[batches.length - 1]!;
  const toAppend: BatchToAppend[] = new Array(batches.length);
  let maxTimestamp = -1;
  let offsetOfMaxTimestamp = -1;
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i]!;
    const lastOffset = lastOffsetOf(batch.header);
    toAppend[i] = {
      position: batch.position,
      size: batch.size,
      lastOffset,
      maxTimestamp: batch.header.maxTimestamp,
    };
    if (i === 0 || batch.header.maxTimestamp > maxTimestamp) {
      maxTimestamp = batch.header.maxTimestamp;
      offsetOfMaxTimestamp = lastOffset;
    }
  }
  return {
    toAppend,
    bytes: last.position + last.size - first.position,
    firstOffset: first.header.baseOffset,
    lastOffset: lastOffsetOf(last.header),
    maxTimestamp,
    offsetOfMaxTimestamp,
  };
}
