// PartitionStore on impl/log's file-segment PartitionLog: the only place replication meets the
// on-disk format. Reads decode magic-2 batches; writes pass bytes through unchanged.
import { decodeBatchRecords, LOG_OVERHEAD, readBatchHeader } from '../log/batch/index.ts';
import type { PartitionLog } from '../log/index.ts';
import type { EpochEnd, PartitionStore, StoreAppend, StoredRecord } from './partition-store.ts';

/** Bytes read per step when decoding records (at least one batch is always read). */
const READ_CHUNK_BYTES = 64 * 1024;

export class LogPartitionStore implements PartitionStore {
  constructor(readonly log: PartitionLog) {}

  logStartOffset(): number {
    return this.log.logStartOffset;
  }
  logEndOffset(): number {
    return this.log.logEndOffset;
  }
  flushedOffset(): number {
    return this.log.flushedOffset;
  }
  latestEpoch(): number {
    return this.log.latestEpoch();
  }
  lastBatchEpoch(): number {
    const end = this.log.logEndOffset;
    const written = this.log.epochEntries().filter((entry) => entry.startOffset < end);
    return written.at(-1)?.epoch ?? -1;
  }
  appendAsLeader(batches: Buffer, leaderEpoch: number): StoreAppend {
    const result = this.log.append(batches, leaderEpoch);
    if ('error' in result) return { error: result.error };
    return { baseOffset: result.baseOffset, lastOffset: result.lastOffset };
  }
  appendAsFollower(batches: Buffer): StoreAppend {
    if (batches.length === 0) return { baseOffset: this.logEndOffset(), lastOffset: this.logEndOffset() - 1 };
    // The log assigns each copied batch's epoch in its leader-epoch cache as it writes.
    const result = this.log.appendAsFollower(batches);
    if ('error' in result) return { error: result.error };
    return { baseOffset: result.baseOffset, lastOffset: result.lastOffset };
  }
  readBatches(fromOffset: number, upperBound: number, maxBytes: number): Buffer {
    const result = this.log.read(fromOffset, maxBytes, upperBound);
    if ('error' in result) return Buffer.alloc(0);
    return this.log.readBytes(result);
  }
  readRecords(fromOffset: number, upperBound: number, maxRecords: number): StoredRecord[] {
    const records: StoredRecord[] = [];
    let next = fromOffset;
    while (next < upperBound && records.length < maxRecords) {
      const bytes = this.readBatches(next, upperBound, READ_CHUNK_BYTES);
      if (bytes.length === 0) break;
      let position = 0;
      while (position < bytes.length && records.length < maxRecords) {
        const header = readBatchHeader(bytes, position);
        for (const record of decodeBatchRecords(bytes, position, header)) {
          if (record.offset < next || record.offset >= upperBound || records.length >= maxRecords) continue;
          records.push({
            offset: record.offset,
            leaderEpoch: header.partitionLeaderEpoch,
            timestampMs: record.timestamp,
            key: record.key,
            value: record.value,
          });
        }
        next = Math.max(next, header.baseOffset + header.lastOffsetDelta + 1);
        position += header.batchLength + LOG_OVERHEAD;
      }
    }
    return records;
  }
  truncateTo(offset: number): void {
    this.log.truncateTo(offset);
  }
  assignEpochStart(epoch: number, startOffset: number): void {
    this.log.assignEpoch(epoch, startOffset);
  }
  endOffsetForEpoch(epoch: number): EpochEnd {
    return this.log.endOffsetForEpoch(epoch);
  }
  flush(): void {
    this.log.flush();
  }
  maybeFlush(): void {
    this.log.maybeFlush();
  }
  closeDeletedSegments(): void {
    this.log.closeDeletedSegments();
  }
  deleteOldSegments(): void {
    this.log.deleteOldSegments();
  }
  close(): void {
    this.log.close();
  }
}

/** The batches of `batches` whose base offset is at or after `offset` (a follower skips what it has). */
export function batchesFrom(batches: Buffer, offset: number): Buffer {
  let position = 0;
  while (position < batches.length) {
    const header = readBatchHeader(batches, position);
    if (header.baseOffset >= offset) break;
    position += header.batchLength + LOG_OVERHEAD;
  }
  return batches.subarray(position);
}
