// The idempotent producer's state on one replica (KIP-98 without transactions), as Kafka 4.4's
// ProducerStateManager keeps it: per producer id its epoch and the metadata of its last five
// batches, built from the log (a follower builds it as it copies batches, so a new leader has it).
// A leader checks each incoming batch against it (IP-1..IP-5). A replica that loaded its log (a
// restart) or truncated it starts from a producer snapshot, which keeps only each producer's last
// batch, and replays the batches after it (IP-6). The model keeps no snapshot contents: a snapshot
// at offset s is the log's batches below s, each producer's last one.
import type { Entry, Replica } from './types.ts';

/** ProducerStateEntry's batch metadata: the sequence range and the offsets it was written at. */
export interface ProducerBatch {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly firstOffset: number;
  readonly lastOffset: number;
}

export interface ProducerEntry {
  readonly epoch: number;
  /** Oldest first, at most five (ProducerStateEntry.addBatchMetadata). */
  readonly batches: readonly ProducerBatch[];
}

/** The batch header fields an idempotent produce carries (IP-1). */
export interface ProducerHeader {
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
}

/** What a leader does with a batch: append it, answer a duplicate with its first offsets, or refuse it. */
export type SequenceCheck =
  | { readonly kind: 'append' }
  | { readonly kind: 'duplicate'; readonly firstOffset: number; readonly lastOffset: number }
  | { readonly kind: 'refuse'; readonly error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'INVALID_PRODUCER_EPOCH' };

/** ProducerStateEntry.NUM_BATCHES_TO_RETAIN. */
export const BATCHES_RETAINED = 5;
const INT_MAX = 2147483647;

/** The last sequence of a batch of `count` records (DefaultRecordBatch.lastSequence wraps at Integer.MAX_VALUE). */
export function lastSequence(baseSequence: number, count: number): number {
  const last = baseSequence + count - 1;
  return last > INT_MAX ? last - INT_MAX - 1 : last;
}

interface LogBatch extends ProducerBatch {
  readonly producerId: number;
  readonly epoch: number;
}

/** The idempotent batches of a log, in order: consecutive entries carrying the same batch mark. */
function batchesOf(log: readonly Entry[], from: number, to: number): LogBatch[] {
  const batches: LogBatch[] = [];
  for (let offset = from; offset < to; offset++) {
    const mark = log[offset]!.producer;
    if (!mark) continue;
    const last = batches.at(-1);
    const sameBatch =
      last !== undefined &&
      last.lastOffset === offset - 1 &&
      last.producerId === mark.producerId &&
      last.epoch === mark.producerEpoch &&
      last.firstSeq === mark.baseSequence &&
      offset - last.firstOffset < mark.count;
    if (sameBatch) batches[batches.length - 1] = { ...last, lastOffset: offset };
    else
      batches.push({
        producerId: mark.producerId,
        epoch: mark.producerEpoch,
        firstSeq: mark.baseSequence,
        lastSeq: lastSequence(mark.baseSequence, mark.count),
        firstOffset: offset,
        lastOffset: offset,
      });
  }
  return batches;
}

/** ProducerStateEntry.addBatch: a new epoch clears the batches; at most five are kept. */
function addBatch(entry: ProducerEntry | undefined, batch: LogBatch): ProducerEntry {
  const kept = entry && entry.epoch === batch.epoch ? entry.batches : [];
  const { producerId: _id, epoch: _epoch, ...metadata } = batch;
  return { epoch: batch.epoch, batches: [...kept, metadata].slice(-BATCHES_RETAINED) };
}

/**
 * IP-6: the producer state of a replica: the latest producer snapshot at or below its log end (each
 * producer's last batch below it, as ProducerStateManager.writeSnapshot keeps one), then every
 * batch after it replayed (UnifiedLog.rebuildProducerState, loadProducersFromRecords).
 */
export function producerStates(replica: Replica): Map<number, ProducerEntry> {
  const end = replica.log.length;
  const snapshot = Math.min(end, replica.producerSnapshots?.loadedFrom ?? 0);
  const states = new Map<number, ProducerEntry>();
  for (const batch of batchesOf(replica.log, 0, snapshot)) {
    const { producerId: _id, epoch: _epoch, ...metadata } = batch;
    states.set(batch.producerId, { epoch: batch.epoch, batches: [metadata] });
  }
  for (const batch of batchesOf(replica.log, snapshot, end))
    states.set(batch.producerId, addBatch(states.get(batch.producerId), batch));
  return states;
}

/**
 * IP-2..IP-5, in UnifiedLog.analyzeAndValidateProducerState's order: a batch equal (epoch, first
 * and last sequence) to one of the producer's retained batches is a duplicate (findDuplicateBatch);
 * an older epoch is INVALID_PRODUCER_EPOCH (checkProducerEpoch); a newer epoch must start at
 * sequence 0; in the same epoch the first sequence must follow the last one (checkSequence); an
 * unknown producer may start at any sequence.
 */
export function checkSequence(
  states: ReadonlyMap<number, ProducerEntry>,
  header: ProducerHeader,
  count: number,
): SequenceCheck {
  const entry = states.get(header.producerId);
  if (!entry) return { kind: 'append' };
  const lastSeq = lastSequence(header.baseSequence, count);
  if (entry.epoch === header.producerEpoch) {
    const duplicate = entry.batches.find((b) => b.firstSeq === header.baseSequence && b.lastSeq === lastSeq);
    if (duplicate)
      return { kind: 'duplicate', firstOffset: duplicate.firstOffset, lastOffset: duplicate.lastOffset };
  }
  if (header.producerEpoch < entry.epoch) return { kind: 'refuse', error: 'INVALID_PRODUCER_EPOCH' };
  if (header.producerEpoch > entry.epoch)
    return header.baseSequence === 0
      ? { kind: 'append' }
      : { kind: 'refuse', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
  const currentLast = entry.batches.at(-1)?.lastSeq ?? -1;
  const inSequence =
    header.baseSequence === currentLast + 1 || (header.baseSequence === 0 && currentLast === INT_MAX);
  return inSequence ? { kind: 'append' } : { kind: 'refuse', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
}

/**
 * IP-6: a truncation to `length` drops the snapshots above it (and any at the log start, offset 0),
 * reloads the state from the latest one left (or the log start) with the batches after it replayed
 * whole, and takes one at `length` (UnifiedLog.truncateTo, rebuildProducerState,
 * ProducerStateManager.truncateAndReload).
 */
export function snapshotsAfterTruncation(
  snapshots: Replica['producerSnapshots'],
  length: number,
): NonNullable<Replica['producerSnapshots']> {
  const kept = (snapshots?.offsets ?? []).filter((offset) => offset > 0 && offset <= length);
  return { loadedFrom: kept.at(-1) ?? 0, offsets: [...kept.filter((offset) => offset < length), length] };
}

/**
 * IP-6: loading a log (a restart) keeps, of the snapshots at or below its end, the latest only
 * (ProducerStateManager.removeStraySnapshots for a one-segment log), takes one at its end and
 * reloads the state from it: each producer keeps its last batch.
 */
export function snapshotsAfterLoad(
  snapshots: Replica['producerSnapshots'],
  logEndOffset: number,
): NonNullable<Replica['producerSnapshots']> {
  const latest = (snapshots?.offsets ?? []).filter((offset) => offset > 0 && offset < logEndOffset).at(-1);
  return {
    loadedFrom: logEndOffset,
    offsets: latest === undefined ? [logEndOffset] : [latest, logEndOffset],
  };
}
