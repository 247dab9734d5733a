// An in-memory PartitionStore: the replication unit tests' log, and a reference for what the
// file-backed store must do. Epoch bookkeeping mirrors the leader-epoch cache.
import type { EpochEnd, PartitionStore, StoredBatch, StoredRecord } from './partition-store.ts';

export class MemoryPartitionStore implements PartitionStore {
  private batches: StoredBatch[] = [];
  private epochs: { epoch: number; startOffset: number }[] = [];
  private endOffset = 0;

  logStartOffset(): number {
    return 0;
  }
  logEndOffset(): number {
    return this.endOffset;
  }
  lastEpoch(): number {
    return this.batches.at(-1)?.leaderEpoch ?? -1;
  }
  appendAsLeader(values: readonly string[], leaderEpoch: number, timestampMs: number) {
    const baseOffset = this.endOffset;
    this.push({ baseOffset, leaderEpoch, timestampMs, values: [...values] });
    return { baseOffset, lastOffset: this.endOffset - 1 };
  }
  appendAsFollower(batches: readonly StoredBatch[]): void {
    for (const batch of batches) {
      if (batch.baseOffset !== this.endOffset)
        throw new Error(`follower append at ${batch.baseOffset}, LEO ${this.endOffset}`);
      this.push(batch);
    }
  }
  private push(batch: StoredBatch): void {
    if (batch.values.length === 0) throw new Error('empty batch');
    this.batches.push(batch);
    this.assignEpochStart(batch.leaderEpoch, batch.baseOffset);
    this.endOffset = batch.baseOffset + batch.values.length;
  }
  readBatches(fromOffset: number, maxOffset: number, maxRecords: number): StoredBatch[] {
    const out: StoredBatch[] = [];
    let records = 0;
    for (const batch of this.batches) {
      const last = batch.baseOffset + batch.values.length - 1;
      if (last < fromOffset || last >= maxOffset) continue;
      if (records >= maxRecords) break;
      out.push(batch);
      records += batch.values.length;
    }
    return out;
  }
  readRecords(fromOffset: number, maxOffset: number, maxRecords: number): StoredRecord[] {
    const out: StoredRecord[] = [];
    for (const batch of this.batches) {
      batch.values.forEach((value, i) => {
        const offset = batch.baseOffset + i;
        if (offset >= fromOffset && offset < maxOffset && out.length < maxRecords)
          out.push({ offset, leaderEpoch: batch.leaderEpoch, value });
      });
    }
    return out;
  }
  truncateTo(offset: number): void {
    if (offset >= this.endOffset) return;
    // Kafka truncates whole batches: a batch straddling the point goes entirely.
    this.batches = this.batches.filter((batch) => batch.baseOffset + batch.values.length <= offset);
    this.endOffset = this.batches.length
      ? this.batches.at(-1)!.baseOffset + this.batches.at(-1)!.values.length
      : 0;
    this.epochs = this.epochs.filter((entry) => entry.startOffset < this.endOffset);
  }
  assignEpochStart(epoch: number, startOffset: number): void {
    const latest = this.epochs.at(-1);
    if (latest && latest.epoch === epoch && latest.startOffset <= startOffset) return;
    this.epochs = this.epochs.filter((entry) => entry.epoch < epoch && entry.startOffset < startOffset);
    this.epochs.push({ epoch, startOffset });
  }
  endOffsetForEpoch(epoch: number): EpochEnd {
    const latest = this.epochs.at(-1);
    if (epoch < 0) return { epoch: -1, endOffset: -1 };
    if (latest && latest.epoch === epoch) return { epoch, endOffset: this.endOffset };
    const higher = this.epochs.find((entry) => entry.epoch > epoch);
    if (!higher) return { epoch: -1, endOffset: -1 };
    const floor = [...this.epochs].reverse().find((entry) => entry.epoch <= epoch);
    return { epoch: floor ? floor.epoch : epoch, endOffset: higher.startOffset };
  }
  flush(): void {}
  close(): void {}
}
