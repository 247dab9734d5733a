// What replication needs from one replica's partition log. The cluster implements it on the
// file-segment log (impl/log); tests use the in-memory store beside it. Offsets and leader epochs
// follow Kafka: every batch carries the epoch of the leader that wrote it, and the leader-epoch
// cache maps each epoch to its first offset.

/** A batch as replication moves it: offsets assigned, the writing leader's epoch, string values. */
export interface StoredBatch {
  readonly baseOffset: number;
  readonly leaderEpoch: number;
  readonly timestampMs: number;
  readonly values: readonly string[];
}

export interface StoredRecord {
  readonly offset: number;
  readonly leaderEpoch: number;
  readonly value: string;
}

export interface EpochEnd {
  /** Largest epoch <= the requested one known to this log, or -1. */
  readonly epoch: number;
  /** First offset after that epoch (LEO for the latest epoch), or -1. */
  readonly endOffset: number;
}

export interface PartitionStore {
  logStartOffset(): number;
  logEndOffset(): number;
  /** Epoch of the last batch (-1 when empty). */
  lastEpoch(): number;
  /** Appends values as one batch at LEO with the leader's epoch; returns its first and last offset. */
  appendAsLeader(
    values: readonly string[],
    leaderEpoch: number,
    timestampMs: number,
  ): { baseOffset: number; lastOffset: number };
  /** Appends batches copied from the leader (offsets as given; the first must start at LEO). */
  appendAsFollower(batches: readonly StoredBatch[]): void;
  /** Whole batches starting at or containing `fromOffset`, below `maxOffset`, up to about `maxRecords` records. */
  readBatches(fromOffset: number, maxOffset: number, maxRecords: number): StoredBatch[];
  /** Records in [fromOffset, maxOffset), at most `maxRecords`. */
  readRecords(fromOffset: number, maxOffset: number, maxRecords: number): StoredRecord[];
  /** Removes every record at or after `offset` (and the epochs starting there). */
  truncateTo(offset: number): void;
  /** Records that `epoch` starts at `startOffset` (a new leader marks its epoch at its LEO). */
  assignEpochStart(epoch: number, startOffset: number): void;
  /** OffsetsForLeaderEpoch on this log. */
  endOffsetForEpoch(epoch: number): EpochEnd;
  /** Makes everything durable (fsync). */
  flush(): void;
  close(): void;
}
