// A replica's leader-epoch cache (LG-11): which epoch starts at which offset. The replication
// model's log already carries each entry's epoch; the cache adds what the log cannot show, an epoch
// a leader started without writing anything yet, and it is what a follower's fetch is checked
// against (KIP-320 diverging epoch), so the oracle keeps it as Kafka does.
export interface EpochEntry {
  readonly epoch: number;
  readonly startOffset: number;
}

export type EpochCache = readonly EpochEntry[];

/** LG-11: record that `epoch` starts at `startOffset`, dropping entries that would break the order. */
export function assignEpoch(cache: EpochCache, epoch: number, startOffset: number): EpochCache {
  const latest = cache.at(-1);
  if (latest && latest.epoch === epoch && latest.startOffset <= startOffset) return cache;
  return [...cache.filter((e) => e.epoch < epoch && e.startOffset < startOffset), { epoch, startOffset }];
}

/** LG-10: after a truncation to `endOffset` the epochs starting at or after it are gone. */
export function truncateEpochsFromEnd(cache: EpochCache, endOffset: number): EpochCache {
  return cache.filter((e) => e.startOffset < endOffset);
}

export function latestEpoch(cache: EpochCache): number {
  return cache.at(-1)?.epoch ?? -1;
}

/** LG-11: OffsetsForLeaderEpoch: the largest known epoch <= requested and where it ends; (-1, -1) unknown. */
export function endOffsetForEpoch(cache: EpochCache, requested: number, logEndOffset: number): EpochEnd {
  const unknown = { epoch: -1, endOffset: -1 };
  if (requested < 0) return unknown;
  const latest = cache.at(-1);
  if (latest && latest.epoch === requested) return { epoch: requested, endOffset: logEndOffset };
  const higher = cache.find((e) => e.epoch > requested);
  if (!higher) return unknown;
  const floor = [...cache].reverse().find((e) => e.epoch <= requested);
  return { epoch: floor ? floor.epoch : requested, endOffset: higher.startOffset };
}

export interface EpochEnd {
  readonly epoch: number;
  readonly endOffset: number;
}
