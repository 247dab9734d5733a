// Building magic-2 record batches from simple records: what producers send and what the cluster's
// own writers (e.g. the group coordinator) and tests append.
import { compress } from './compression.ts';
import {
  type CompressionCodec,
  CRC_OFFSET,
  computeBatchCrc,
  LOG_OVERHEAD,
  makeAttributes,
  NO_PARTITION_LEADER_EPOCH,
  RECORD_BATCH_OVERHEAD,
} from './header.ts';
import { writeInt64 } from './int64.ts';
import { encodeRecords, type SimpleRecord } from './record.ts';

export interface BuildBatchOptions {
  baseOffset?: number;
  partitionLeaderEpoch?: number;
  compression?: CompressionCodec;
  timestampType?: 'CreateTime' | 'LogAppendTime';
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  isTransactional?: boolean;
  isControl?: boolean;
  /** Default records.length - 1; a compacted batch keeps its original last offset delta. */
  lastOffsetDelta?: number;
}

/** Encodes `records` (at least one) as one batch with a valid CRC-32C. */
export function buildRecordBatch(records: readonly SimpleRecord[], options: BuildBatchOptions = {}): Buffer {
  if (records.length === 0) throw new RangeError('a record batch needs at least one record');
  const baseTimestamp = records[0]!.timestamp;
  const maxTimestamp = records.reduce((max, record) => Math.max(max, record.timestamp), baseTimestamp);
  const codec = options.compression ?? 'none';
  const section = compress(codec, encodeRecords(records, baseTimestamp));
  const batch = Buffer.alloc(RECORD_BATCH_OVERHEAD + section.length);
  writeInt64(batch, 0, options.baseOffset ?? 0);
  batch.writeInt32BE(batch.length - LOG_OVERHEAD, 8);
  batch.writeInt32BE(options.partitionLeaderEpoch ?? NO_PARTITION_LEADER_EPOCH, 12);
  batch.writeInt8(2, 16);
  batch.writeInt16BE(makeAttributes({ compression: codec, ...options }), 21);
  batch.writeInt32BE(options.lastOffsetDelta ?? records.length - 1, 23);
  writeInt64(batch, 27, baseTimestamp);
  writeInt64(batch, 35, maxTimestamp);
  writeInt64(batch, 43, options.producerId ?? -1);
  batch.writeInt16BE(options.producerEpoch ?? -1, 51);
  batch.writeInt32BE(options.baseSequence ?? -1, 53);
  batch.writeInt32BE(records.length, 57);
  section.copy(batch, RECORD_BATCH_OVERHEAD);
  batch.writeUInt32BE(computeBatchCrc(batch, 0, batch.length), CRC_OFFSET);
  return batch;
}
