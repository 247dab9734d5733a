// What replication needs from one replica's partition log, in Kafka's terms: leader appends stamp
// offsets and the leader epoch, follower appends copy the leader's batches byte for byte, and the
// leader-epoch cache answers OffsetsForLeaderEpoch. Implemented on impl/log's PartitionLog
// (log-store.ts); replication never sees files.
import type { ErrorName } from '../../spec/errors.ts';

export interface EpochEnd {
  /** Largest epoch <= the requested one known to this log, or -1. */
  readonly epoch: number;
  /** First offset after that epoch (LEO for the latest epoch), or -1. */
  readonly endOffset: number;
}

/** A record read back: absolute offset, the epoch of its batch, key and value bytes. */
export interface StoredRecord {
  readonly offset: number;
  readonly leaderEpoch: number;
  readonly timestampMs: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

export type StoreAppend =
  | { readonly baseOffset: number; readonly lastOffset: number }
  | { readonly error: ErrorName };

export interface PartitionStore {
  logStartOffset(): number;
  logEndOffset(): number;
  /** Offset below which everything is fsynced. */
  flushedOffset(): number;
  /** Latest epoch in the leader-epoch cache (-1 when none). */
  latestEpoch(): number;
  /** Epoch of the last batch in the log (-1 when empty); a new leader's epoch counts once it wrote. */
  lastBatchEpoch(): number;
  /** Appends record batches at LEO, stamping offsets and `leaderEpoch` (validation errors are values). */
  appendAsLeader(batches: Buffer, leaderEpoch: number): StoreAppend;
  /** Appends the leader's batches as they are (offsets and epochs kept); first batch at LEO. */
  appendAsFollower(batches: Buffer): StoreAppend;
  /** Whole batches from `fromOffset`, ending below `upperBound`, about `maxBytes` (at least one batch). */
  readBatches(fromOffset: number, upperBound: number, maxBytes: number): Buffer;
  /** Records in [fromOffset, upperBound), at most `maxRecords`, crossing batches and segments. */
  readRecords(fromOffset: number, upperBound: number, maxRecords: number): StoredRecord[];
  /** Removes every batch holding an offset >= `offset` (and the epochs starting there). */
  truncateTo(offset: number): void;
  /** `epoch` starts at `startOffset` (a new leader marks its epoch at its LEO). */
  assignEpochStart(epoch: number, startOffset: number): void;
  /** OffsetsForLeaderEpoch on this log. */
  endOffsetForEpoch(epoch: number): EpochEnd;
  flush(): void;
  /** fsync if flush.ms has passed since the last flush (the log flusher's check, RP-17). */
  maybeFlush(): void;
  /** A broker's periodic tick: closes the files of deleted segments once their delay has passed. */
  closeDeletedSegments(): void;
  /** Retention: deletes whole segments past retention.ms / retention.bytes. */
  deleteOldSegments(): void;
  /** Clean close (flush, clean-shutdown marker). */
  close(): void;
}
