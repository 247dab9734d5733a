// The leader-epoch cache (LeaderEpochFileCache.scala): for each leader epoch the first offset that
// leader wrote. It answers OffsetsForLeaderEpoch and drives follower truncation (KIP-101/279), and
// is persisted to `leader-epoch-checkpoint` on every change.
import type { FileSystem } from '../fs/file-system.ts';
import type { EpochEndOffset, EpochEntry } from '../types.ts';
import { parseIntegerPairs, readCheckpoint, writeCheckpoint } from './checkpoint-file.ts';

export const LEADER_EPOCH_CHECKPOINT = 'leader-epoch-checkpoint';
export const UNDEFINED_EPOCH = -1;
export const UNDEFINED_EPOCH_OFFSET = -1;

export class LeaderEpochCache {
  private entries: EpochEntry[] = [];

  /** `path` undefined keeps the cache in memory only (tests). */
  constructor(
    private readonly fs: FileSystem | undefined,
    private readonly path: string | undefined,
  ) {}

  /** Loads the checkpoint; returns a problem description if it was malformed (then starts empty). */
  load(): string | undefined {
    if (!this.fs || !this.path) return undefined;
    const read = readCheckpoint(this.fs, this.path);
    if (read.kind === 'missing') return undefined;
    const pairs = read.kind === 'ok' ? parseIntegerPairs(read.lines) : undefined;
    if (!pairs)
      return `malformed ${LEADER_EPOCH_CHECKPOINT}: ${read.kind === 'malformed' ? read.detail : 'bad entry'}`;
    // Loaded through assign()'s rule, as Kafka's cache is: a file whose entries do not increase (a
    // damaged but well-formed checkpoint) keeps an ordered cache, and the damage is reported.
    const loaded: EpochEntry[] = [];
    let dropped = 0;
    for (const [epoch, startOffset] of pairs) {
      const last = loaded[loaded.length - 1];
      if (
        epoch < 0 ||
        startOffset < 0 ||
        (last && (epoch <= last.epoch || startOffset <= last.startOffset))
      ) {
        dropped++;
        continue;
      }
      loaded.push({ epoch, startOffset });
    }
    this.entries = loaded;
    if (dropped > 0) {
      this.persist();
      return `${LEADER_EPOCH_CHECKPOINT}: ${dropped} entr${dropped === 1 ? 'y' : 'ies'} out of order, dropped`;
    }
    return undefined;
  }

  all(): EpochEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  latest(): EpochEntry | undefined {
    return this.entries[this.entries.length - 1];
  }

  /** The epoch of the entry covering `offset` (the last starting at or below it), -1 below every entry. */
  epochForOffset(offset: number): number {
    let epoch = -1;
    for (const entry of this.entries) {
      if (entry.startOffset > offset) break;
      epoch = entry.epoch;
    }
    return epoch;
  }

  /**
   * Records that `epoch` starts at `startOffset`. No-op if it is already the latest epoch with an
   * equal or lower start. Otherwise entries with an epoch >= `epoch` or a start >= `startOffset`
   * are dropped first, so epochs and start offsets stay strictly increasing.
   */
  assign(epoch: number, startOffset: number): void {
    if (epoch < 0 || startOffset < 0) return;
    const latest = this.latest();
    if (latest && latest.epoch === epoch && latest.startOffset <= startOffset) return;
    this.entries = this.entries.filter((entry) => entry.epoch < epoch && entry.startOffset < startOffset);
    this.entries.push({ epoch, startOffset });
    this.persist();
  }

  /**
   * OffsetsForLeaderEpoch: for the requested epoch, the largest known epoch <= it and the start of
   * the next larger epoch (the log end offset if it is the latest one); (-1, -1) when unknown.
   */
  // LG-11
  endOffsetFor(requestedEpoch: number, logEndOffset: number): EpochEndOffset {
    const undefinedAnswer = { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    if (requestedEpoch === UNDEFINED_EPOCH) return undefinedAnswer;
    const latest = this.latest();
    if (latest && latest.epoch === requestedEpoch) return { epoch: requestedEpoch, endOffset: logEndOffset };
    const higher = this.entries.find((entry) => entry.epoch > requestedEpoch);
    if (!higher) return undefinedAnswer;
    const floor = [...this.entries].reverse().find((entry) => entry.epoch <= requestedEpoch);
    return { epoch: floor ? floor.epoch : requestedEpoch, endOffset: higher.startOffset };
  }

  /** After the log is truncated to `endOffset`: forget epochs starting at or after it. */
  truncateFromEnd(endOffset: number): void {
    const kept = this.entries.filter((entry) => entry.startOffset < endOffset);
    if (kept.length === this.entries.length) return;
    this.entries = kept;
    this.persist();
  }

  /** After the log start offset rises to `startOffset`: drop older epochs, keeping the one covering it. */
  truncateFromStart(startOffset: number): void {
    const older = this.entries.filter((entry) => entry.startOffset <= startOffset);
    if (older.length === 0) return;
    const covering = older[older.length - 1]!;
    const rest = this.entries.filter((entry) => entry.startOffset > startOffset);
    const next = [{ epoch: covering.epoch, startOffset }, ...rest];
    if (JSON.stringify(next) === JSON.stringify(this.entries)) return;
    this.entries = next;
    this.persist();
  }

  /** Empties the cache (the log was truncated fully). */
  clear(): void {
    if (this.entries.length === 0) return;
    this.entries = [];
    this.persist();
  }

  private persist(): void {
    if (!this.fs || !this.path) return;
    writeCheckpoint(
      this.fs,
      this.path,
      this.entries.map((entry) => `${entry.epoch} ${entry.startOffset}`),
    );
  }
}
