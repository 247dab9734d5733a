// The 61-byte magic-2 record batch header (DefaultRecordBatch.java). Offsets of each field, and a
// typed view of a header read from bytes. The CRC covers attributes..end, so baseOffset and
// partitionLeaderEpoch can be rewritten in place without recomputing it.
import { crc32c } from '@node-rs/crc32';
import { readInt64, writeInt64 } from './int64.ts';

export const BASE_OFFSET_OFFSET = 0;
export const BATCH_LENGTH_OFFSET = 8;
export const PARTITION_LEADER_EPOCH_OFFSET = 12;
export const MAGIC_OFFSET = 16;
export const CRC_OFFSET = 17;
export const ATTRIBUTES_OFFSET = 21;
export const LAST_OFFSET_DELTA_OFFSET = 23;
export const BASE_TIMESTAMP_OFFSET = 27;
export const MAX_TIMESTAMP_OFFSET = 35;
export const PRODUCER_ID_OFFSET = 43;
export const PRODUCER_EPOCH_OFFSET = 51;
export const BASE_SEQUENCE_OFFSET = 53;
export const RECORD_COUNT_OFFSET = 57;
export const RECORD_BATCH_OVERHEAD = 61;
/** baseOffset + batchLength: the part of the header not counted in batchLength (LOG_OVERHEAD). */
export const LOG_OVERHEAD = 12;
export const MAGIC_V2 = 2;
export const NO_PARTITION_LEADER_EPOCH = -1;
export const NO_TIMESTAMP = -1;

/** attributes bits 0-2: the compression codec (CompressionType ids). */
export type CompressionCodec = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
export const COMPRESSION_CODECS: readonly CompressionCodec[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];
const TIMESTAMP_TYPE_BIT = 0x08;
export const TRANSACTIONAL_BIT = 0x10;
const CONTROL_BIT = 0x20;

export interface BatchHeader {
  baseOffset: number;
  /** Bytes after the batchLength field; the whole batch is batchLength + 12 bytes. */
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  compression: CompressionCodec | 'unknown';
  timestampType: 'CreateTime' | 'LogAppendTime';
  isTransactional: boolean;
  isControl: boolean;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

/** Reads the header at `position` (caller ensures 61 bytes are there). */
export function readBatchHeader(buffer: Buffer, position = 0): BatchHeader {
  const attributes = buffer.readInt16BE(position + ATTRIBUTES_OFFSET);
  return {
    baseOffset: readInt64(buffer, position + BASE_OFFSET_OFFSET),
    batchLength: buffer.readInt32BE(position + BATCH_LENGTH_OFFSET),
    partitionLeaderEpoch: buffer.readInt32BE(position + PARTITION_LEADER_EPOCH_OFFSET),
    magic: buffer.readInt8(position + MAGIC_OFFSET),
    crc: buffer.readUInt32BE(position + CRC_OFFSET),
    attributes,
    compression: COMPRESSION_CODECS[attributes & 0x07] ?? 'unknown',
    timestampType: attributes & TIMESTAMP_TYPE_BIT ? 'LogAppendTime' : 'CreateTime',
    isTransactional: (attributes & TRANSACTIONAL_BIT) !== 0,
    isControl: (attributes & CONTROL_BIT) !== 0,
    lastOffsetDelta: buffer.readInt32BE(position + LAST_OFFSET_DELTA_OFFSET),
    baseTimestamp: readInt64(buffer, position + BASE_TIMESTAMP_OFFSET),
    maxTimestamp: readInt64(buffer, position + MAX_TIMESTAMP_OFFSET),
    producerId: readInt64(buffer, position + PRODUCER_ID_OFFSET),
    producerEpoch: buffer.readInt16BE(position + PRODUCER_EPOCH_OFFSET),
    baseSequence: buffer.readInt32BE(position + BASE_SEQUENCE_OFFSET),
    recordCount: buffer.readInt32BE(position + RECORD_COUNT_OFFSET),
  };
}

export function compressionCodecId(codec: CompressionCodec): number {
  return COMPRESSION_CODECS.indexOf(codec);
}

export function makeAttributes(options: {
  compression: CompressionCodec;
  timestampType?: 'CreateTime' | 'LogAppendTime';
  isTransactional?: boolean;
  isControl?: boolean;
}): number {
  let attributes = compressionCodecId(options.compression);
  if (options.timestampType === 'LogAppendTime') attributes |= TIMESTAMP_TYPE_BIT;
  if (options.isTransactional) attributes |= TRANSACTIONAL_BIT;
  if (options.isControl) attributes |= CONTROL_BIT;
  return attributes;
}

/** CRC-32C over attributes..end of the batch at `position` with total size `size`. */
export function computeBatchCrc(buffer: Buffer, position: number, size: number): number {
  return crc32c(buffer.subarray(position + ATTRIBUTES_OFFSET, position + size)) >>> 0;
}

/** True when the stored CRC matches the bytes (the batch must be complete in `buffer`). */
export function isBatchCrcValid(buffer: Buffer, position: number, size: number): boolean {
  return buffer.readUInt32BE(position + CRC_OFFSET) === computeBatchCrc(buffer, position, size);
}

/** Rewrites baseOffset in place (the CRC does not cover it). */
export function setBaseOffset(buffer: Buffer, position: number, baseOffset: number): void {
  writeInt64(buffer, position + BASE_OFFSET_OFFSET, baseOffset);
}

/** Rewrites partitionLeaderEpoch in place (the CRC does not cover it). */
export function setPartitionLeaderEpoch(buffer: Buffer, position: number, epoch: number): void {
  buffer.writeInt32BE(epoch, position + PARTITION_LEADER_EPOCH_OFFSET);
}

export function lastOffsetOf(header: Pick<BatchHeader, 'baseOffset' | 'lastOffsetDelta'>): number {
  return header.baseOffset + header.lastOffsetDelta;
}
