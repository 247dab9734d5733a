// One segment: a `.log` file of record batches exactly as received (offsets assigned), with its
// sparse `.index` and `.timeindex` (LogSegment.java). Appends, positional lookups, truncation and
// recovery of one file; the partition log decides which segment does what.
import type { BatchProblem } from '../batch/decode.ts';
import { type BatchHeader, lastOffsetOf, NO_TIMESTAMP } from '../batch/header.ts';
import type { FileSystem } from '../fs/file-system.ts';
import { BatchHeaderReader, readBatchAt } from './file-reads.ts';
import { DELETED_SUFFIX, type SegmentPaths, segmentName, segmentPaths } from './segment-names.ts';
import { SparseIndex } from './sparse-index.ts';

/** A batch about to be appended: where it is in the caller's buffer and what it holds. */
export interface BatchToAppend {
  position: number;
  size: number;
  lastOffset: number;
  maxTimestamp: number;
}

export interface SegmentSettings {
  indexIntervalBytes: number;
  maxIndexBytes: number;
  /**
   * True unless the log is compacted: every batch then starts where the previous one ended, so
   * recovery treats a jump (a flipped bit in the base offset, which the CRC does not cover) as damage.
   */
  contiguousOffsets?: boolean;
}

/** Result of validating a segment's batches from the start. */
export interface SegmentRecovery {
  validBytes: number;
  truncatedBytes: number;
  stop?: { position: number; problem: BatchProblem; detail: string; validDataAfter: boolean };
}

/** A batch found in the file. */
export interface BatchLocation {
  position: number;
  size: number;
  header: BatchHeader;
}

export class LogSegment {
  readonly name: string;
  readonly paths: SegmentPaths;
  /** Bytes of valid batches in the log file. */
  size = 0;
  /** Offset after the last batch (the base offset while empty). */
  nextOffset: number;
  maxTimestamp = NO_TIMESTAMP;
  offsetOfMaxTimestamp = -1;
  /** First batch's max timestamp: what segment.ms measures the segment's age from (Kafka's rollingBasedTimestamp). */
  rollingBasedTimestamp: number | undefined;
  private bytesSinceLastIndexEntry = 0;

  private constructor(
    private readonly fs: FileSystem,
    readonly baseOffset: number,
    paths: SegmentPaths,
    readonly createdMs: number,
    private readonly settings: SegmentSettings,
    private readonly logHandle = fs.open(paths.log, { create: true }),
    readonly offsetIndex = new SparseIndex(
      fs.open(paths.index, { create: true }),
      'offset',
      baseOffset,
      Math.floor(settings.maxIndexBytes / 8),
    ),
    readonly timeIndex = new SparseIndex(
      fs.open(paths.timeIndex, { create: true }),
      'time',
      baseOffset,
      Math.floor(settings.maxIndexBytes / 12),
    ),
  ) {
    this.name = segmentName(baseOffset);
    this.paths = paths;
    this.nextOffset = baseOffset;
  }

  /** Opens (creating if missing) the segment files for `baseOffset` in `directory`. */
  static open(
    fs: FileSystem,
    directory: string,
    baseOffset: number,
    nowMs: number,
    settings: SegmentSettings,
  ): LogSegment {
    return new LogSegment(fs, baseOffset, segmentPaths(directory, baseOffset), nowMs, settings);
  }

  get fd(): number | undefined {
    return this.logHandle.fd;
  }
  fileSize(): number {
    return this.logHandle.size();
  }
  isEmpty(): boolean {
    return this.size === 0;
  }

  /** Writes validated batches (one buffer, one write) and indexes them every index.interval.bytes. */
  append(buffer: Buffer, batches: readonly BatchToAppend[]): void {
    if (batches.length === 0) return;
    const start = this.size;
    const first = batches[0]!;
    const last = batches[batches.length - 1]!;
    const end = last.position + last.size;
    // Whole-buffer appends (the common case) are written without a subarray view.
    this.logHandle.write(
      first.position === 0 && end === buffer.length ? buffer : buffer.subarray(first.position, end),
      start,
    );
    for (const batch of batches) this.indexBatch(start + batch.position - first.position, batch);
    this.size = start + last.position + last.size - first.position;
  }

  // LG-5: an offset-index and a time-index entry every index.interval.bytes of batches.
  private indexBatch(filePosition: number, batch: BatchToAppend): void {
    if (this.rollingBasedTimestamp === undefined) this.rollingBasedTimestamp = batch.maxTimestamp;
    if (batch.maxTimestamp > this.maxTimestamp) {
      this.maxTimestamp = batch.maxTimestamp;
      this.offsetOfMaxTimestamp = batch.lastOffset;
    }
    if (this.bytesSinceLastIndexEntry > this.settings.indexIntervalBytes) {
      this.offsetIndex.append(batch.lastOffset, filePosition);
      this.maybeAppendTimeIndex();
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += batch.size;
    this.nextOffset = batch.lastOffset + 1;
  }

  private maybeAppendTimeIndex(): void {
    const last = this.timeIndex.last();
    if (this.maxTimestamp === NO_TIMESTAMP) return;
    if (last && (this.maxTimestamp <= last.key || this.offsetOfMaxTimestamp <= last.value)) return;
    this.timeIndex.append(this.maxTimestamp, this.offsetOfMaxTimestamp);
  }

  /** The batch holding `offset` (or the first batch after it), scanning from the index's floor entry. */
  // LG-5: lookup = the index's floor entry, then a forward scan of batch headers.
  findBatch(offset: number): BatchLocation | undefined {
    let position = this.offsetIndex.floor(offset)?.value ?? 0;
    const reader = new BatchHeaderReader(this.logHandle, this.size);
    while (position < this.size) {
      const check = reader.at(position);
      if (!check.ok)
        throw new Error(`segment ${this.paths.log}: ${check.problem} at ${position} (${check.detail})`);
      if (lastOffsetOf(check.header) >= offset) return { position, size: check.size, header: check.header };
      position += check.size;
    }
    return undefined;
  }

  /** Batches from `position` on, while `accept` says yes (header reads only). */
  batchesFrom(position: number, accept: (batch: BatchLocation) => boolean): BatchLocation[] {
    const found: BatchLocation[] = [];
    const reader = new BatchHeaderReader(this.logHandle, this.size);
    while (position < this.size) {
      const check = reader.at(position);
      if (!check.ok)
        throw new Error(`segment ${this.paths.log}: ${check.problem} at ${position} (${check.detail})`);
      const batch = { position, size: check.size, header: check.header };
      if (!accept(batch)) break;
      found.push(batch);
      position += check.size;
    }
    return found;
  }

  /**
   * The end of the whole batches from `first` on that end at or before `limit`, and the last offset
   * among them (undefined when not even `first` fits). Starts the header walk at the offset-index
   * entry nearest below `limit` (never before `first`'s end, whose header the caller already read),
   * so a large read walks at most about index.interval.bytes of headers and a one-batch read walks
   * none (Kafka slices without walking; kspec keeps batches whole).
   */
  wholeBatchesEnd(first: BatchLocation, limit: number): { end: number; lastOffset: number } | undefined {
    const firstEnd = first.position + first.size;
    if (firstEnd > limit) return undefined;
    let from = Math.max(firstEnd, this.offsetIndex.floorByValue(limit)?.value ?? 0);
    for (;;) {
      let end = from;
      let lastOffset: number | undefined;
      if (from < limit)
        this.batchesFrom(from, (batch) => {
          if (batch.position + batch.size > limit) return false;
          end = batch.position + batch.size;
          lastOffset = lastOffsetOf(batch.header);
          return true;
        });
      if (lastOffset !== undefined) return { end, lastOffset };
      if (from === firstEnd) return { end: firstEnd, lastOffset: lastOffsetOf(first.header) };
      // Nothing from the indexed batch on fits: step back one index entry (or to `first`'s end).
      // An entry that does not lie before `from` (a damaged index) steps back to `first`'s end, so
      // the walk always ends.
      const previous = this.offsetIndex.floorByValue(from - 1)?.value ?? firstEnd;
      from = previous < from ? Math.max(firstEnd, previous) : firstEnd;
    }
  }

  read(position: number, length: number): Buffer {
    const buffer = Buffer.allocUnsafe(length);
    const read = this.logHandle.read(buffer, 0, length, position);
    if (read !== length) throw new Error(`segment ${this.paths.log}: short read at ${position}`);
    return buffer;
  }

  /**
   * Validates every batch from the start (framing, CRC, increasing offsets), rebuilds both indexes,
   * and truncates the file after the last valid batch (LogSegment.recover).
   */
  recover(nextSegmentBase?: number): SegmentRecovery {
    this.resetState();
    this.resetIndexes();
    const end = this.logHandle.size();
    let position = 0;
    let expectedOffset = this.baseOffset;
    while (position < end) {
      const check = readBatchAt(this.logHandle, position, end, true);
      const problem = check.ok
        ? this.offsetProblem(check.header, expectedOffset, nextSegmentBase)
        : undefined;
      if (!check.ok || problem) {
        const stop = check.ok
          ? { problem: 'invalid-offsets' as const, detail: problem!, size: check.size }
          : { problem: check.problem, detail: check.detail, size: check.size };
        const validDataAfter = stop.size !== undefined && this.hasValidBatchAt(position + stop.size, end);
        this.truncateFile(position, expectedOffset);
        return {
          validBytes: position,
          truncatedBytes: end - position,
          stop: { position, ...stop, validDataAfter },
        };
      }
      this.indexBatch(position, {
        position,
        size: check.size,
        lastOffset: lastOffsetOf(check.header),
        maxTimestamp: check.header.maxTimestamp,
      });
      expectedOffset = lastOffsetOf(check.header) + 1;
      position += check.size;
      this.size = position;
    }
    return { validBytes: position, truncatedBytes: 0 };
  }

  private offsetProblem(
    header: BatchHeader,
    expectedOffset: number,
    nextSegmentBase?: number,
  ): string | undefined {
    if (header.baseOffset < expectedOffset)
      return `base offset ${header.baseOffset} below expected ${expectedOffset}`;
    if (this.settings.contiguousOffsets && header.baseOffset !== expectedOffset)
      return `base offset ${header.baseOffset} where ${expectedOffset} follows (the log is not compacted)`;
    if (lastOffsetOf(header) - this.baseOffset > 2147483647) return 'offset beyond the segment range';
    // The base offset is outside the CRC: a flipped bit there can name offsets of a later segment.
    if (nextSegmentBase !== undefined && lastOffsetOf(header) >= nextSegmentBase)
      return `last offset ${lastOffsetOf(header)} reaches the next segment's base ${nextSegmentBase}`;
    return undefined;
  }

  /**
   * Read-only check of every batch (framing, CRC-32C, increasing offsets below the next segment):
   * the first problem, or undefined. For segments recovery would otherwise trust (below the recovery
   * point, or after a clean shutdown), so a flipped bit in flushed data is found at startup rather
   * than served; Kafka trusts those segments and leaves CRC checks to its consumers.
   */
  verify(nextSegmentBase?: number): string | undefined {
    const end = this.logHandle.size();
    let position = 0;
    let expectedOffset = this.baseOffset;
    while (position < end) {
      const check = readBatchAt(this.logHandle, position, end, true);
      if (!check.ok) return `${check.problem} at byte ${position}: ${check.detail}`;
      const problem = this.offsetProblem(check.header, expectedOffset, nextSegmentBase);
      if (problem) return `${problem} at byte ${position}`;
      expectedOffset = lastOffsetOf(check.header) + 1;
      position += check.size;
    }
    return undefined;
  }

  private hasValidBatchAt(position: number, end: number): boolean {
    return position < end && readBatchAt(this.logHandle, position, end, true).ok;
  }

  /**
   * Loads a segment known to be valid up to its file size: loads the indexes (returning a problem
   * if they are inconsistent with the file), then reads headers after the last index entry to find
   * the end offset and largest timestamp (as Kafka's LogSegment.loadLargestTimestamp does).
   */
  loadValidated(): string | undefined {
    this.resetState();
    this.size = this.logHandle.size();
    const problem =
      this.offsetIndex.load() ??
      this.timeIndex.load() ??
      this.offsetIndexProblem() ??
      this.indexEntriesProblem();
    if (problem) return problem;
    const lastTime = this.timeIndex.last();
    if (lastTime) {
      this.maxTimestamp = lastTime.key;
      this.offsetOfMaxTimestamp = lastTime.value;
    }
    const first = this.size > 0 ? this.batchesFrom(0, (batch) => batch.position === 0)[0] : undefined;
    this.rollingBasedTimestamp = first?.header.maxTimestamp;
    for (const batch of this.batchesFrom(this.offsetIndex.last()?.value ?? 0, () => true)) {
      if (batch.header.maxTimestamp > this.maxTimestamp) {
        this.maxTimestamp = batch.header.maxTimestamp;
        this.offsetOfMaxTimestamp = lastOffsetOf(batch.header);
      }
      this.bytesSinceLastIndexEntry += batch.size;
      this.nextOffset = lastOffsetOf(batch.header) + 1;
    }
    if (lastTime && lastTime.value >= this.nextOffset)
      return `time index entry for offset ${lastTime.value} beyond the log`;
    return undefined;
  }

  /**
   * Every index entry must say what the batches say: an offset entry points at the start of the
   * batch ending at its offset, a time entry names a batch whose largest timestamp it holds, in
   * order. Kafka checks only the last entry; a flipped bit in any other misdirected reads here
   * (found by the file fuzzer), so a segment whose data recovery trusts has its indexes checked whole.
   */
  private indexEntriesProblem(): string | undefined {
    const batchEndingAt = new Map<number, { position: number; maxTimestamp: number }>();
    for (const batch of this.batchesFrom(0, () => true))
      batchEndingAt.set(lastOffsetOf(batch.header), {
        position: batch.position,
        maxTimestamp: batch.header.maxTimestamp,
      });
    for (const entry of this.offsetIndex.entries())
      if (batchEndingAt.get(entry.key)?.position !== entry.value)
        return `offset index entry (${entry.key}, ${entry.value}) does not point at its batch`;
    let previous = Number.NEGATIVE_INFINITY;
    for (const entry of this.timeIndex.entries()) {
      if (entry.key < previous || batchEndingAt.get(entry.value)?.maxTimestamp !== entry.key)
        return `time index entry (${entry.key}, ${entry.value}) does not match its batch`;
      previous = entry.key;
    }
    return undefined;
  }

  /** The last offset-index entry must point at a batch start inside the file with that last offset. */
  private offsetIndexProblem(): string | undefined {
    const last = this.offsetIndex.last();
    if (!last)
      return this.timeIndex.length > 0 ? 'time index entries without offset index entries' : undefined;
    if (last.value >= this.size) return `index entry position ${last.value} beyond the log size ${this.size}`;
    const batch = readBatchAt(this.logHandle, last.value, this.size, false);
    if (!batch.ok || lastOffsetOf(batch.header) !== last.key)
      return `last index entry (${last.key}, ${last.value}) does not point at its batch`;
    return undefined;
  }

  /**
   * Removes every batch whose last offset is >= `offset` (a batch is kept or dropped whole, as in
   * LogSegment.truncateTo); returns the bytes removed. Durable at once (the files are synced).
   */
  truncateTo(offset: number): number {
    const batch = this.findBatch(offset);
    if (!batch) return 0;
    const removed = this.size - batch.position;
    this.truncateFile(batch.position, batch.header.baseOffset);
    this.flush();
    this.resetState();
    this.size = batch.position;
    for (const kept of this.batchesFrom(0, () => true)) {
      const lastOffset = lastOffsetOf(kept.header);
      if (this.rollingBasedTimestamp === undefined) this.rollingBasedTimestamp = kept.header.maxTimestamp;
      if (kept.header.maxTimestamp > this.maxTimestamp) {
        this.maxTimestamp = kept.header.maxTimestamp;
        this.offsetOfMaxTimestamp = lastOffset;
      }
      this.nextOffset = lastOffset + 1;
    }
    return removed;
  }

  /** Cuts the log file at `position` and drops index entries for offsets >= `firstRemovedOffset`. */
  private truncateFile(position: number, firstRemovedOffset: number): void {
    this.logHandle.truncate(position);
    this.size = position;
    this.offsetIndex.truncateWhile((entry) => entry.value < position);
    this.timeIndex.truncateWhile((entry) => entry.value < firstRemovedOffset);
  }

  private resetState(): void {
    this.nextOffset = this.baseOffset;
    this.maxTimestamp = NO_TIMESTAMP;
    this.offsetOfMaxTimestamp = -1;
    this.rollingBasedTimestamp = undefined;
    this.bytesSinceLastIndexEntry = 0;
    this.size = 0;
  }

  /** Empties both indexes (before a rebuild by recover()). */
  resetIndexes(): void {
    this.offsetIndex.reset();
    this.timeIndex.reset();
  }

  flush(): void {
    this.logHandle.sync();
    this.offsetIndex.sync();
    this.timeIndex.sync();
  }

  close(): void {
    this.logHandle.close();
    this.offsetIndex.close();
    this.timeIndex.close();
  }

  /**
   * Renames the files to `*.deleted` (Kafka's asynchronous delete): the handles stay open, so reads
   * already handed out (file slices, sendfile) finish; deleteMarked() removes them later.
   */
  markForDeletion(): void {
    for (const path of [this.paths.log, this.paths.index, this.paths.timeIndex])
      if (this.fs.exists(path)) this.fs.rename(path, path + DELETED_SUFFIX);
  }

  /** Closes the handles and removes the files renamed by markForDeletion(). */
  deleteMarked(): void {
    this.close();
    for (const path of [this.paths.log, this.paths.index, this.paths.timeIndex])
      this.fs.remove(path + DELETED_SUFFIX);
  }

  /** Closes and removes the segment's three files. */
  delete(): void {
    this.close();
    this.fs.remove(this.paths.log);
    this.fs.remove(this.paths.index);
    this.fs.remove(this.paths.timeIndex);
  }
}
