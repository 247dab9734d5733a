// Walking and decoding record batches held in a buffer: checks each batch's framing and CRC before
// anything trusts it, and decodes records on request.
import { decompress, isSupportedCodec } from './compression.ts';
import {
  type BatchHeader,
  isBatchCrcValid,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MAGIC_V2,
  RECORD_BATCH_OVERHEAD,
  readBatchHeader,
} from './header.ts';
import { checkRecords, type DecodedRecord, decodeRecords } from './record.ts';

/** Why bytes at a position are not a valid batch. */
export type BatchProblem =
  | 'truncated-header'
  | 'truncated-batch'
  | 'invalid-length'
  | 'unsupported-magic'
  | 'crc-mismatch'
  | 'invalid-offsets';

export type BatchCheck =
  | { ok: true; header: BatchHeader; size: number }
  | { ok: false; problem: BatchProblem; detail: string; size?: number };

/** Largest batch the log accepts (Kafka caps at the segment size; 2 GiB is the int32 limit). */
const MAX_BATCH_SIZE = 2 ** 31 - 1;

/**
 * Checks the header of the batch at `position` of `buffer` (which holds at least the header, or
 * all that is left), where `available` bytes remain in the file from `position`: framing, magic 2,
 * completeness and offsets, but not the CRC. Never throws on bad bytes.
 */
export function checkBatchHeader(buffer: Buffer, position: number, available: number): BatchCheck {
  if (available < LOG_OVERHEAD)
    return { ok: false, problem: 'truncated-header', detail: `${available} bytes left` };
  const batchLength = buffer.readInt32BE(position + 8);
  const size = batchLength + LOG_OVERHEAD;
  if (batchLength < RECORD_BATCH_OVERHEAD - LOG_OVERHEAD || size > MAX_BATCH_SIZE)
    return { ok: false, problem: 'invalid-length', detail: `batchLength ${batchLength}` };
  if (available < RECORD_BATCH_OVERHEAD)
    return {
      ok: false,
      problem: 'truncated-header',
      detail: `${available} of ${RECORD_BATCH_OVERHEAD} header bytes`,
    };
  const magic = buffer.readInt8(position + MAGIC_OFFSET);
  if (magic !== MAGIC_V2) return { ok: false, problem: 'unsupported-magic', detail: `magic ${magic}`, size };
  if (available < size)
    return { ok: false, problem: 'truncated-batch', detail: `${available} of ${size} bytes`, size };
  let header: BatchHeader;
  try {
    header = readBatchHeader(buffer, position);
  } catch (error) {
    return { ok: false, problem: 'invalid-offsets', detail: String((error as Error).message), size };
  }
  if (header.baseOffset < 0 || header.lastOffsetDelta < 0 || header.recordCount < 0)
    return { ok: false, problem: 'invalid-offsets', detail: 'negative offset, delta or count', size };
  return { ok: true, header, size };
}

/**
 * Checks the batch starting at `position` of `buffer` (whose valid bytes end at `end`): the header
 * checks above and the CRC-32C. Never throws on bad bytes.
 */
export function checkBatch(buffer: Buffer, position: number, end = buffer.length): BatchCheck {
  const check = checkBatchHeader(buffer, position, end - position);
  if (!check.ok) return check;
  if (!isBatchCrcValid(buffer, position, check.size))
    return {
      ok: false,
      problem: 'crc-mismatch',
      detail: 'stored CRC-32C does not match the bytes',
      size: check.size,
    };
  return check;
}

/** A batch located in a buffer. */
export interface LocatedBatch {
  position: number;
  size: number;
  header: BatchHeader;
}

/** The valid batches at the start of `buffer`, and the first problem (if any) that stopped the walk. */
export function scanBatches(buffer: Buffer): {
  batches: LocatedBatch[];
  stop?: { position: number; problem: BatchProblem; detail: string };
} {
  const batches: LocatedBatch[] = [];
  let position = 0;
  while (position < buffer.length) {
    const check = checkBatch(buffer, position);
    if (!check.ok) return { batches, stop: { position, problem: check.problem, detail: check.detail } };
    batches.push({ position, size: check.size, header: check.header });
    position += check.size;
  }
  return { batches };
}

/** Decodes the records of the (CRC-checked) batch at `position`; throws RangeError if malformed. */
export function decodeBatchRecords(buffer: Buffer, position: number, header: BatchHeader): DecodedRecord[] {
  if (!isSupportedCodec(header.compression))
    throw new RangeError(`unsupported compression ${header.compression}`);
  const section = buffer.subarray(
    position + RECORD_BATCH_OVERHEAD,
    position + header.batchLength + LOG_OVERHEAD,
  );
  const plain = decompress(header.compression, section);
  return decodeRecords(plain, header.recordCount, header.baseOffset, header.baseTimestamp);
}

/** Throws RangeError unless the batch's records decode as its header says (copies nothing uncompressed). */
export function checkBatchRecords(buffer: Buffer, position: number, header: BatchHeader): void {
  if (!isSupportedCodec(header.compression))
    throw new RangeError(`unsupported compression ${header.compression}`);
  const section = buffer.subarray(
    position + RECORD_BATCH_OVERHEAD,
    position + header.batchLength + LOG_OVERHEAD,
  );
  checkRecords(decompress(header.compression, section), header.recordCount);
}

/** A fully decoded batch. */
export interface DecodedBatch {
  header: BatchHeader;
  position: number;
  size: number;
  records: DecodedRecord[];
}

/** Parses every batch in `buffer` with its records; throws RangeError on the first bad batch. */
export function parseRecordBatches(buffer: Buffer): DecodedBatch[] {
  const { batches, stop } = scanBatches(buffer);
  if (stop) throw new RangeError(`bad batch at byte ${stop.position}: ${stop.problem} (${stop.detail})`);
  return batches.map(({ position, size, header }) => ({
    header,
    position,
    size,
    records: decodeBatchRecords(buffer, position, header),
  }));
}
