// The idempotent producer's state of one partition log (Kafka 4.4's ProducerStateManager,
// ProducerStateEntry and ProducerAppendInfo, without transactions): per producer id its epoch and
// the sequence range and offsets of its last five batches. Leader appends are checked against it
// (a retried batch is found and answered with its first offsets, a gap or an older epoch refused);
// every append, leader or follower, adds to it, so a follower that becomes leader already has it.
// Loading the log and truncating it reload the state from a producer snapshot file
// (producer-snapshot.ts), which keeps each producer's last batch only, plus the batches after it
// (IP-6 in spec/SPEC.md).
import type { BatchHeader } from './batch/index.ts';
import { memorySnapshotStore, type SnapshotEntry, type SnapshotStore } from './producer-snapshot.ts';

interface BatchMetadata {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly firstOffset: number;
  readonly lastOffset: number;
  /** The batch's largest timestamp (kept in snapshots, as Kafka's producer expiration reads it). */
  readonly timestamp: number;
}

interface ProducerStateEntry {
  readonly epoch: number;
  readonly batches: readonly BatchMetadata[];
}

/** A batch as the producer state sees it: its header fields and where the log put it. */
export interface ProducerBatchInfo {
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly baseOffset: number;
  readonly lastOffsetDelta: number;
  readonly maxTimestamp: number;
}

/** The log's batches from the one holding `offset` on (header reads only). */
export type BatchesFrom = (offset: number) => readonly ProducerBatchInfo[];

export type LeaderAppendCheck =
  | { readonly kind: 'append' }
  | { readonly kind: 'duplicate'; readonly firstOffset: number; readonly lastOffset: number }
  | {
      readonly kind: 'refuse';
      readonly error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'INVALID_PRODUCER_EPOCH' | 'INVALID_RECORD';
      readonly message: string;
    };

/** ProducerStateEntry.NUM_BATCHES_TO_RETAIN. */
const NUM_BATCHES_TO_RETAIN = 5;
const INT_MAX = 2147483647;
/** RecordBatch.NO_PRODUCER_ID. */
const NO_PRODUCER_ID = -1;

/** DefaultRecordBatch.incrementSequence: sequences wrap from Integer.MAX_VALUE to 0. */
function lastSequenceOf(batch: ProducerBatchInfo): number {
  const last = batch.baseSequence + batch.lastOffsetDelta;
  return last > INT_MAX ? last - INT_MAX - 1 : last;
}

function metadataOf(batch: ProducerBatchInfo): BatchMetadata {
  return {
    firstSeq: batch.baseSequence,
    lastSeq: lastSequenceOf(batch),
    firstOffset: batch.baseOffset,
    lastOffset: batch.baseOffset + batch.lastOffsetDelta,
    timestamp: batch.maxTimestamp,
  };
}

export function hasProducerId(header: Pick<BatchHeader, 'producerId'>): boolean {
  return header.producerId !== NO_PRODUCER_ID;
}

export class ProducerState {
  private producers = new Map<number, ProducerStateEntry>();

  constructor(private readonly snapshots: SnapshotStore = memorySnapshotStore()) {}

  /** ProducerStateEntry.addBatch: another epoch clears the retained batches; five are kept. */
  private add(batch: ProducerBatchInfo, into: Map<number, ProducerStateEntry>): void {
    const current = into.get(batch.producerId);
    const kept = current && current.epoch === batch.producerEpoch ? current.batches : [];
    into.set(batch.producerId, {
      epoch: batch.producerEpoch,
      batches: [...kept, metadataOf(batch)].slice(-NUM_BATCHES_TO_RETAIN),
    });
  }

  /**
   * IP-2..IP-5 for one leader append (UnifiedLog.analyzeAndValidateProducerState, batch by batch):
   * a batch equal to a retained one (epoch, first and last sequence) makes the whole append a
   * duplicate (ProducerStateEntry.findDuplicateBatch); an older epoch is INVALID_PRODUCER_EPOCH
   * (ProducerAppendInfo.checkProducerEpoch); a newer epoch must start at 0 and the same epoch must
   * continue the last sequence (checkSequence); an unknown producer may start anywhere.
   */
  checkLeaderAppend(batches: readonly ProducerBatchInfo[]): LeaderAppendCheck {
    // IP-1: LogValidator.validateBatch runs first: a producer id with a negative sequence is no client batch.
    const unsequenced = batches.find((batch) => hasProducerId(batch) && batch.baseSequence < 0);
    if (unsequenced)
      return {
        kind: 'refuse',
        error: 'INVALID_RECORD',
        message: `invalid sequence number ${unsequenced.baseSequence} in a batch of producer ${unsequenced.producerId}`,
      };
    const pending = new Map<number, ProducerStateEntry>();
    let offset = 0;
    for (const batch of batches) {
      if (!hasProducerId(batch)) continue;
      const stored = this.producers.get(batch.producerId);
      const entry = pending.get(batch.producerId) ?? stored;
      const lastSeq = lastSequenceOf(batch);
      const duplicate =
        stored?.epoch === batch.producerEpoch
          ? stored.batches.find((b) => b.firstSeq === batch.baseSequence && b.lastSeq === lastSeq)
          : undefined;
      if (duplicate)
        return { kind: 'duplicate', firstOffset: duplicate.firstOffset, lastOffset: duplicate.lastOffset };
      const refused = entry ? sequenceProblem(entry, batch) : undefined;
      if (refused) return refused;
      this.add(
        { ...batch, baseOffset: offset },
        pending.set(batch.producerId, entry ?? { epoch: -1, batches: [] }),
      );
      offset += batch.lastOffsetDelta + 1;
    }
    return { kind: 'append' };
  }

  /** Records appended batches (leader or follower: ProducerStateManager.update after every append). */
  recordAppend(batches: readonly ProducerBatchInfo[]): void {
    for (const batch of batches) if (hasProducerId(batch)) this.add(batch, this.producers);
  }

  /**
   * IP-6 at a log's load (LogLoader.load, removeStraySnapshots, UnifiedLog.rebuildProducerState):
   * snapshots above the log end or at or below the log start go, of the rest only the latest stays;
   * the state is that snapshot with the batches after it replayed, and a snapshot taken at the log
   * end, which the state is then reloaded from: each producer keeps its last batch only.
   */
  load(batches: BatchesFrom, logStartOffset: number, logEndOffset: number): void {
    const usable = this.dropSnapshotsOutside(logStartOffset, logEndOffset);
    for (const offset of usable.slice(0, -1)) this.snapshots.remove(offset);
    this.reload(batches, usable.at(-1), logEndOffset);
    this.takeSnapshot(logEndOffset);
    this.producers = this.fromSnapshot(this.snapshotEntries());
  }

  /**
   * IP-6 after a truncation to `logEndOffset` (UnifiedLog.truncateTo, ProducerStateManager
   * .truncateAndReload): snapshots above it go, the state is the latest one left with the batches
   * after it replayed whole, and a snapshot is taken at the new log end.
   */
  truncate(batches: BatchesFrom, logStartOffset: number, logEndOffset: number): void {
    const usable = this.dropSnapshotsOutside(logStartOffset, logEndOffset);
    this.reload(batches, usable.at(-1), logEndOffset);
    this.takeSnapshot(logEndOffset);
  }

  /** Every producer and snapshot forgotten (ProducerStateManager.truncateFullyAndStartAt). */
  clear(): void {
    this.producers = new Map();
    for (const offset of this.snapshots.offsets()) this.snapshots.remove(offset);
  }

  /** The epoch and retained sequence ranges of a producer (tests and dumps). */
  entry(producerId: number): { epoch: number; batches: readonly BatchMetadata[] } | undefined {
    return this.producers.get(producerId);
  }

  /** Snapshot offsets present (tests). */
  snapshotOffsets(): number[] {
    return this.snapshots.offsets();
  }

  private dropSnapshotsOutside(logStartOffset: number, logEndOffset: number): number[] {
    const kept: number[] = [];
    for (const offset of this.snapshots.offsets())
      if (offset > logEndOffset || offset <= logStartOffset) this.snapshots.remove(offset);
      else kept.push(offset);
    return kept;
  }

  /** The state from snapshot `from` (a missing or damaged one counts as none) and the batches after it. */
  private reload(batchesFrom: BatchesFrom, from: number | undefined, end: number): void {
    const entries = from === undefined ? undefined : this.snapshots.read(from);
    if (from !== undefined && !entries) this.snapshots.remove(from);
    const start = entries ? from! : 0;
    this.producers = this.fromSnapshot(entries ?? []);
    for (const batch of batchesFrom(start))
      if (hasProducerId(batch) && batch.baseOffset >= start && batch.baseOffset < end)
        this.add(batch, this.producers);
  }

  private takeSnapshot(offset: number): void {
    for (const existing of this.snapshots.offsets()) if (existing >= offset) this.snapshots.remove(existing);
    this.snapshots.write(offset, this.snapshotEntries());
  }

  /** ProducerStateManager.writeSnapshot: each producer's epoch and last batch. */
  private snapshotEntries(): SnapshotEntry[] {
    return [...this.producers].flatMap(([producerId, entry]) => {
      const last = entry.batches.at(-1);
      if (!last) return [];
      return [
        {
          producerId,
          epoch: entry.epoch,
          lastSequence: last.lastSeq,
          lastOffset: last.lastOffset,
          offsetDelta: last.lastOffset - last.firstOffset,
          timestamp: last.timestamp,
        },
      ];
    });
  }

  /** ProducerStateManager.readSnapshot: one batch per producer. */
  private fromSnapshot(entries: readonly SnapshotEntry[]): Map<number, ProducerStateEntry> {
    const producers = new Map<number, ProducerStateEntry>();
    for (const e of entries)
      producers.set(e.producerId, {
        epoch: e.epoch,
        batches: [
          {
            firstSeq: e.lastSequence - e.offsetDelta,
            lastSeq: e.lastSequence,
            firstOffset: e.lastOffset - e.offsetDelta,
            lastOffset: e.lastOffset,
            timestamp: e.timestamp,
          },
        ],
      });
    return producers;
  }
}

function sequenceProblem(entry: ProducerStateEntry, batch: ProducerBatchInfo): LeaderAppendCheck | undefined {
  if (entry.epoch === -1) return undefined;
  if (batch.producerEpoch < entry.epoch)
    return {
      kind: 'refuse',
      error: 'INVALID_PRODUCER_EPOCH',
      message: `epoch ${batch.producerEpoch} of producer ${batch.producerId} is older than ${entry.epoch}`,
    };
  if (batch.producerEpoch > entry.epoch)
    return batch.baseSequence === 0
      ? undefined
      : {
          kind: 'refuse',
          error: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
          message: `new epoch ${batch.producerEpoch} of producer ${batch.producerId} starts at sequence ${batch.baseSequence}, not 0`,
        };
  const last = entry.batches.at(-1)?.lastSeq ?? -1;
  if (batch.baseSequence === last + 1 || (batch.baseSequence === 0 && last === INT_MAX)) return undefined;
  return {
    kind: 'refuse',
    error: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
    message: `producer ${batch.producerId} sent sequence ${batch.baseSequence} after ${last}`,
  };
}
