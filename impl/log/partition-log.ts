// A partition's log (UnifiedLog/LocalLog): segments, log start offset, log end offset, leader-epoch
// cache, flush policy and recovery point. Appends assign offsets (leader) or keep them (follower);
// reads return file slices; truncation and retention delete whole batches and segments.

import {
  assignLeaderOffsets,
  isLogError,
  summarizeBatches,
  type ValidatedBatches,
  validateBatches,
} from './append-validation.ts';
import type { BatchHeader } from './batch/index.ts';
import { type CompactionResult, compactSegments, replaceSegment } from './compaction.ts';
import { isFlushDisabled, type LogConfig, parseLogConfig } from './config.ts';
import { LEADER_EPOCH_CHECKPOINT, LeaderEpochCache } from './epoch/leader-epoch-cache.ts';
import { type FileSystem, joinPath } from './fs/file-system.ts';
import { loadLog } from './log-loader.ts';
import { findOffsetByTimestamp, sliceFrom } from './log-reads.ts';
import {
  CLEAN_SHUTDOWN_MARKER,
  LOG_START_OFFSET_CHECKPOINT,
  RECOVERY_POINT_CHECKPOINT,
  writeCleanShutdownMarker,
  writeOffsetCheckpoint,
} from './partition-files.ts';
import { producerAppendAnswer } from './producer-append.ts';
import { fileSnapshotStore } from './producer-snapshot.ts';
import { ProducerState } from './producer-state.ts';
import { deletableSegments } from './retention.ts';
import { LogSegment, type SegmentSettings } from './segment/log-segment.ts';
import type {
  AppendResult,
  Clock,
  EpochEndOffset,
  EpochEntry,
  FileSlice,
  LogError,
  OffsetOutOfRange,
  OpenLogOptions,
  ReadResult,
  RecoveryReport,
  RetentionResult,
  TimestampLookup,
} from './types.ts';

/** Thrown when a follower append does not continue the log (a replication bug, not bad input). */
export class UnexpectedAppendOffsetError extends Error {
  override name = 'UnexpectedAppendOffsetError';
}

export interface SegmentInfo {
  name: string;
  baseOffset: number;
  nextOffset: number;
  sizeInBytes: number;
  maxTimestamp: number;
  path: string;
}

export class PartitionLog {
  private unflushedMessages = 0;
  /** Segments removed from the log whose handles stay open for file.delete.delay.ms (in-flight reads). */
  private pendingDeletions: { segment: LogSegment; dueMs: number; renamed: boolean }[] = [];
  private lastFlushMs: number;
  private closed = false;
  /** The idempotent producers' sequences and last batches (IP-1..IP-6), snapshots beside the segments. */
  readonly producerState: ProducerState;

  private constructor(
    private readonly fs: FileSystem,
    readonly directory: string,
    private readonly clock: Clock,
    readonly config: Readonly<LogConfig>,
    private segments: LogSegment[],
    private startOffset: number,
    private recoveryPoint: number,
    readonly leaderEpochCache: LeaderEpochCache,
  ) {
    this.lastFlushMs = clock.now();
    this.producerState = new ProducerState(fileSnapshotStore(fs, directory));
  }

  /** Opens (creating if needed) the log in `options.directory`, recovering it; see RecoveryReport. */
  static open(options: OpenLogOptions): { log: PartitionLog; recovery: RecoveryReport } {
    const config = parseLogConfig(options.config as Record<string, number> | undefined);
    const { fs, directory, clock } = options;
    const loaded = loadLog(fs, directory, clock.now(), segmentSettings(config));
    const epochs = new LeaderEpochCache(fs, joinPath(directory, LEADER_EPOCH_CHECKPOINT));
    const epochProblem = epochs.load();
    if (epochProblem)
      loaded.report.corruptions.push({
        segment: '',
        position: 0,
        problem: 'checkpoint',
        detail: epochProblem,
      });
    const logEndOffset = loaded.report.logEndOffset;
    epochs.truncateFromEnd(logEndOffset);
    epochs.truncateFromStart(loaded.logStartOffset);
    const knownFlushed = Math.min(loaded.report.recoveryPoint, logEndOffset);
    const log = new PartitionLog(
      fs,
      directory,
      clock,
      config,
      loaded.segments,
      loaded.logStartOffset,
      knownFlushed,
      epochs,
    );
    log.flush(); // what recovery kept is now the durable, checkpointed state
    // IP-6: the producer state from the latest snapshot file and the batches after it.
    log.producerState.load((from) => log.batchHeaders(from), log.logStartOffset, log.logEndOffset);
    writeOffsetCheckpoint(fs, directory, LOG_START_OFFSET_CHECKPOINT, log.logStartOffset);
    fs.remove(joinPath(directory, CLEAN_SHUTDOWN_MARKER));
    return { log, recovery: loaded.report };
  }

  get logStartOffset(): number {
    return this.startOffset;
  }
  get logEndOffset(): number {
    return this.activeSegment.nextOffset;
  }
  /** Offset below which every batch has been fsynced. */
  get flushedOffset(): number {
    return this.recoveryPoint;
  }
  get sizeInBytes(): number {
    return this.segments.reduce((total, segment) => total + segment.size, 0);
  }
  private get activeSegment(): LogSegment {
    return this.segments[this.segments.length - 1]!;
  }

  segmentInfo(): SegmentInfo[] {
    return this.segments.map((s) => ({
      name: s.name,
      baseOffset: s.baseOffset,
      nextOffset: s.nextOffset,
      sizeInBytes: s.size,
      maxTimestamp: s.maxTimestamp,
      path: s.paths.log,
    }));
  }

  /**
   * Leader append: validates the batches, assigns offsets from the log end offset and stamps
   * `leaderEpoch`, rewriting both in place in `batches` (the CRC does not cover them), and writes
   * the bytes as received. Returns a Kafka error as a value for bad input.
   */
  // LG-2: offsets from the log end offset, epoch stamped, both rewritten in place.
  append(batches: Buffer, leaderEpoch: number): AppendResult | LogError {
    this.checkOpen();
    const validated = validateBatches(
      batches,
      this.config['segment.bytes'],
      true,
      this.config['max.message.bytes'],
    );
    if (isLogError(validated)) return validated;
    const producers = this.producerState.checkLeaderAppend(validated.batches.map((batch) => batch.header));
    if (producers.kind !== 'append') return producerAppendAnswer(producers, this);
    assignLeaderOffsets(batches, validated.batches, this.logEndOffset, leaderEpoch);
    return this.write(batches, validated);
  }

  /**
   * Follower append: the leader's batches with their offsets and epochs kept. The first batch must
   * start at or after the log end offset (UnexpectedAppendOffsetError otherwise: the fetcher should
   * have truncated first).
   */
  // LG-3: the leader's offsets and epochs are kept; the append must continue the log.
  appendAsFollower(batches: Buffer): AppendResult | LogError {
    this.checkOpen();
    const validated = validateBatches(batches, this.config['segment.bytes'], false);
    if (isLogError(validated)) return validated;
    const first = validated.batches[0]!.header.baseOffset;
    if (first < this.logEndOffset)
      throw new UnexpectedAppendOffsetError(
        `follower batch at offset ${first} below the log end offset ${this.logEndOffset}`,
      );
    return this.write(batches, validated);
  }

  private write(buffer: Buffer, validated: ValidatedBatches): AppendResult {
    const summary = summarizeBatches(validated.batches);
    this.maybeRoll(summary.bytes, summary.firstOffset, summary.lastOffset);
    this.activeSegment.append(buffer, summary.toAppend);
    for (const batch of validated.batches)
      this.leaderEpochCache.assign(batch.header.partitionLeaderEpoch, batch.header.baseOffset);
    this.producerState.recordAppend(validated.batches.map((batch) => batch.header));
    this.unflushedMessages += validated.recordCount;
    this.applyFlushPolicy();
    return {
      baseOffset: summary.firstOffset,
      lastOffset: summary.lastOffset,
      maxTimestamp: summary.maxTimestamp,
      offsetOfMaxTimestamp: summary.offsetOfMaxTimestamp,
      batchCount: validated.batches.length,
      recordCount: validated.recordCount,
      bytes: summary.bytes,
      logStartOffset: this.startOffset,
      logEndOffset: this.logEndOffset,
    };
  }

  /** Rolls on segment.bytes, segment.ms, a full index or an offset beyond the segment's int32 range (LogSegment.shouldRoll). */
  // LG-4: roll conditions.
  private maybeRoll(bytes: number, firstOffset: number, lastOffset: number): void {
    const active = this.activeSegment;
    if (active.isEmpty()) {
      if (firstOffset !== active.baseOffset) this.roll(firstOffset);
      return;
    }
    const now = this.clock.now();
    const age = now - (active.rollingBasedTimestamp ?? active.createdMs);
    const full = active.size > this.config['segment.bytes'] - bytes;
    const old = age > this.config['segment.ms'];
    const indexFull = active.offsetIndex.isFull() || active.timeIndex.isFull();
    const offsetRange = lastOffset - active.baseOffset > 2147483647;
    if (full || old || indexFull || offsetRange) this.roll(firstOffset);
  }

  /**
   * Starts a new active segment at `baseOffset`. The previous segment is fsynced and the recovery
   * point moved past it, so a power loss can only cut the active segment (Kafka schedules the same
   * flush asynchronously on roll).
   */
  roll(baseOffset = this.logEndOffset): void {
    const active = this.activeSegment;
    if (active.isEmpty()) {
      active.delete();
      this.segments.pop();
    } else {
      active.flush();
      if (active.nextOffset > this.recoveryPoint) this.lastFlushMs = this.clock.now();
      this.recoveryPoint = Math.max(this.recoveryPoint, active.nextOffset);
      writeOffsetCheckpoint(this.fs, this.directory, RECOVERY_POINT_CHECKPOINT, this.recoveryPoint);
    }
    this.segments.push(
      LogSegment.open(this.fs, this.directory, baseOffset, this.clock.now(), segmentSettings(this.config)),
    );
  }

  /**
   * Batches from `offset`: whole batches from one segment, at most `maxBytes` (but at least one
   * batch), ending below `upperBound` (the high watermark; default the log end offset).
   * OFFSET_OUT_OF_RANGE below the log start offset or above the log end offset.
   */
  // LG-6: whole batches from one segment, cut at the upper bound, out of range outside [LSO, LEO].
  read(
    offset: number,
    maxBytes: number,
    upperBound?: number,
    minOneBatch = true,
  ): ReadResult | OffsetOutOfRange {
    this.checkOpen();
    if (offset < this.startOffset || offset > this.logEndOffset) return this.outOfRange(offset);
    const bound = Math.min(upperBound ?? this.logEndOffset, this.logEndOffset);
    const slice = offset < bound ? sliceFrom(this.segments, offset, maxBytes, bound, minOneBatch) : undefined;
    return {
      slices: slice ? [slice] : [],
      bytes: slice?.length ?? 0,
      logStartOffset: this.startOffset,
      logEndOffset: this.logEndOffset,
    };
  }

  private outOfRange(offset: number): OffsetOutOfRange {
    return {
      error: 'OFFSET_OUT_OF_RANGE',
      message: `offset ${offset} is outside [${this.startOffset}, ${this.logEndOffset}]`,
      logStartOffset: this.startOffset,
      logEndOffset: this.logEndOffset,
    };
  }

  /** The bytes of a slice returned by read() (the copy path; valid until the segment is deleted). */
  sliceBytes(slice: FileSlice): Buffer {
    const segment =
      this.segments.find((s) => s.paths.log === slice.path) ??
      this.pendingDeletions.find((p) => p.segment.paths.log === slice.path)?.segment;
    if (!segment) throw new Error(`slice of ${slice.path}: the segment is gone`);
    return segment.read(slice.position, slice.length);
  }

  /** All the bytes of a read result, concatenated. */
  readBytes(result: ReadResult): Buffer {
    return Buffer.concat(result.slices.map((slice) => this.sliceBytes(slice)));
  }

  /** ListOffsets by timestamp: the first offset whose record timestamp is >= `timestamp`. */
  offsetForTimestamp(timestamp: number): TimestampLookup | undefined {
    this.checkOpen();
    return findOffsetByTimestamp(this.segments, timestamp, this.startOffset);
  }

  /** Leader epoch `epoch` starts at `startOffset` (a new leader calls this with its log end offset). */
  assignEpoch(epoch: number, startOffset = this.logEndOffset): void {
    this.leaderEpochCache.assign(epoch, startOffset);
  }

  /** OffsetsForLeaderEpoch for this log. */
  endOffsetForEpoch(epoch: number): EpochEndOffset {
    return this.leaderEpochCache.endOffsetFor(epoch, this.logEndOffset);
  }

  epochEntries(): EpochEntry[] {
    return this.leaderEpochCache.all();
  }

  latestEpoch(): number {
    return this.leaderEpochCache.latest()?.epoch ?? -1;
  }

  /** The leader epoch `offset` was written in, as the epoch cache says (LeaderEpochFileCache.epochForOffset). */
  epochForOffset(offset: number): number {
    return this.leaderEpochCache.epochForOffset(offset);
  }

  /**
   * Removes every batch holding an offset >= `offset` (replication truncation); durable on return.
   * Below the log start offset the log is emptied and restarts at `offset`. Returns bytes removed.
   */
  // LG-10: whole batches go, and the epochs starting at or after the new end.
  truncateTo(offset: number): number {
    this.checkOpen();
    if (offset >= this.logEndOffset) return 0;
    if (offset < this.startOffset) return this.truncateFullyAndStartAt(offset);
    let removed = 0;
    while (this.segments.length > 1 && this.activeSegment.baseOffset >= offset) {
      const segment = this.segments.pop()!;
      removed += segment.size;
      this.deleteLater(segment);
    }
    removed += this.activeSegment.truncateTo(offset);
    // A batch straddling the log start offset went whole: restart empty at the start offset
    // rather than leave the log end below the log start.
    if (this.logEndOffset < this.startOffset) return removed + this.truncateFullyAndStartAt(this.startOffset);
    this.afterTruncation();
    // IP-6: the producer state is reloaded from the latest snapshot left and the batches after it.
    this.producerState.truncate((from) => this.batchHeaders(from), this.startOffset, this.logEndOffset);
    return removed;
  }

  /** The batch headers from the batch holding `from` on (header reads only): what a producer-state reload replays. */
  private batchHeaders(from: number): BatchHeader[] {
    return this.segments
      .filter((segment) => segment.nextOffset > from)
      .flatMap((segment) => {
        const start = segment.findBatch(from)?.position ?? segment.size;
        return segment.batchesFrom(start, () => true).map((batch) => batch.header);
      });
  }

  /** Deletes every segment and restarts the log, empty, at `offset`. */
  truncateFullyAndStartAt(offset: number): number {
    this.checkOpen();
    const removed = this.sizeInBytes;
    for (const segment of this.segments) this.deleteLater(segment);
    this.segments = [
      LogSegment.open(this.fs, this.directory, offset, this.clock.now(), segmentSettings(this.config)),
    ];
    this.startOffset = offset;
    this.leaderEpochCache.clear();
    this.producerState.clear(); // ProducerStateManager.truncateFullyAndStartAt
    writeOffsetCheckpoint(this.fs, this.directory, LOG_START_OFFSET_CHECKPOINT, offset);
    this.recoveryPoint = offset;
    writeOffsetCheckpoint(this.fs, this.directory, RECOVERY_POINT_CHECKPOINT, offset);
    return removed;
  }

  private afterTruncation(): void {
    this.leaderEpochCache.truncateFromEnd(this.logEndOffset);
    this.recoveryPoint = Math.min(this.recoveryPoint, this.logEndOffset);
    writeOffsetCheckpoint(this.fs, this.directory, RECOVERY_POINT_CHECKPOINT, this.recoveryPoint);
  }

  /** DeleteRecords: raises the log start offset (segments below it go at the next retention pass). */
  increaseLogStartOffset(offset: number): void {
    this.checkOpen();
    if (offset <= this.startOffset) return;
    if (offset > this.logEndOffset)
      throw new RangeError(`log start offset ${offset} beyond the log end ${this.logEndOffset}`);
    this.startOffset = offset;
    writeOffsetCheckpoint(this.fs, this.directory, LOG_START_OFFSET_CHECKPOINT, offset);
    this.leaderEpochCache.truncateFromStart(offset);
  }

  /** Deletes whole segments past retention.ms / retention.bytes or below the log start offset. */
  deleteOldSegments(): RetentionResult {
    this.checkOpen();
    const { count, reasons } = deletableSegments(
      this.segments,
      this.config,
      this.clock.now(),
      this.startOffset,
    );
    const doomed = this.segments.slice(0, count);
    this.segments = this.segments.slice(count);
    for (const segment of doomed) this.deleteLater(segment);
    this.removeDueDeletions(false);
    const firstBase = this.segments[0]!.baseOffset;
    if (firstBase > this.startOffset) {
      this.startOffset = firstBase;
      writeOffsetCheckpoint(this.fs, this.directory, LOG_START_OFFSET_CHECKPOINT, firstBase);
      this.leaderEpochCache.truncateFromStart(firstBase);
    }
    return {
      segmentsDeleted: doomed.map((s) => s.name),
      bytesDeleted: doomed.reduce((total, s) => total + s.size, 0),
      logStartOffset: this.startOffset,
      reason: reasons,
    };
  }

  // LG-13: flush.messages at an append; flush.ms by the log flusher (default never).
  /**
   * Compacts every segment but the active one (cleanup.policy with `compact`): the latest record
   * per key stays at its offset, superseded records and old tombstones go. Slices returned earlier
   * become invalid.
   */
  compact(): CompactionResult {
    this.checkOpen();
    const now = this.clock.now();
    return compactSegments(this.segments, this.config, now, (segment, bytes) => {
      const fresh = replaceSegment(
        this.fs,
        this.directory,
        segment,
        bytes,
        now,
        segmentSettings(this.config),
      );
      this.pendingDeletions.push({
        segment,
        dueMs: now + this.config['file.delete.delay.ms'],
        renamed: false,
      });
      return fresh;
    });
  }

  /** At an append only flush.messages counts; flush.ms is the log flusher's (maybeFlush). */
  private applyFlushPolicy(): void {
    const messages = this.config['flush.messages'];
    if (!isFlushDisabled(messages) && this.unflushedMessages >= messages) this.flush();
  }

  /**
   * The log flusher's check (LogManager.flushDirtyLogs, every log.flush.scheduler.interval.ms):
   * flushes when flush.ms has passed since the last flush that flushed something.
   */
  maybeFlush(): boolean {
    const interval = this.config['flush.ms'];
    if (isFlushDisabled(interval) || this.unflushedMessages === 0) return false;
    if (this.clock.now() - this.lastFlushMs < interval) return false;
    this.flush();
    return true;
  }

  /**
   * fsyncs every segment holding unflushed data and checkpoints the recovery point (the LEO). The
   * last flush time moves only when there was something to flush (LocalLog.markFlushed).
   */
  flush(): void {
    this.checkOpen();
    if (this.logEndOffset > this.recoveryPoint) this.lastFlushMs = this.clock.now();
    for (const segment of this.segments)
      if (segment.nextOffset > this.recoveryPoint || segment === this.activeSegment) segment.flush();
    this.recoveryPoint = this.logEndOffset;
    writeOffsetCheckpoint(this.fs, this.directory, RECOVERY_POINT_CHECKPOINT, this.recoveryPoint);
    this.unflushedMessages = 0;
  }

  /** Closes the files of deleted segments whose file.delete.delay.ms has passed (a broker's periodic tick). */
  closeDeletedSegments(): void {
    this.removeDueDeletions(false);
  }

  /** Flushes, marks a clean shutdown (the next open skips batch validation) and closes the files. */
  close(): void {
    if (this.closed) return;
    this.flush();
    writeOffsetCheckpoint(this.fs, this.directory, LOG_START_OFFSET_CHECKPOINT, this.startOffset);
    writeCleanShutdownMarker(this.fs, this.directory);
    for (const segment of this.segments) segment.close();
    this.removeDueDeletions(true);
    this.closed = true;
  }

  /** Kafka's asynchronous delete: rename now, close and remove after file.delete.delay.ms. */
  private deleteLater(segment: LogSegment): void {
    segment.markForDeletion();
    this.pendingDeletions.push({
      segment,
      dueMs: this.clock.now() + this.config['file.delete.delay.ms'],
      renamed: true,
    });
  }

  /** Closes (and removes the files of) deleted segments whose delay has passed, or all of them. */
  private removeDueDeletions(all: boolean): void {
    const now = this.clock.now();
    const due = this.pendingDeletions.filter((p) => all || p.dueMs <= now);
    if (due.length === 0) return;
    this.pendingDeletions = this.pendingDeletions.filter((p) => !due.includes(p));
    for (const pending of due) {
      if (pending.renamed) pending.segment.deleteMarked();
      else pending.segment.close();
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new Error(`log ${this.directory} is closed`);
  }
}

export function segmentSettings(config: Readonly<LogConfig>): SegmentSettings {
  return {
    indexIntervalBytes: config['index.interval.bytes'],
    maxIndexBytes: config['segment.index.bytes'],
    contiguousOffsets: !config['cleanup.policy'].includes('compact'),
  };
}
