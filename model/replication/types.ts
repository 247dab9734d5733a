// The replication model's vocabulary: one partition, its replicas (broker i is the i-th replica),
// and the history variables the durability invariants need (acknowledged and committed records).

/** One record batch in a replica's log; `value` is the write number (1, 2, ...), unique per produce. */
export interface Entry {
  readonly value: number;
  /** The leader epoch the batch was appended in (KIP-101). */
  readonly epoch: number;
  /** An idempotent batch's header, the same on each of its `count` entries (model/replication/producer-state.ts). */
  readonly producer?: {
    readonly producerId: number;
    readonly producerEpoch: number;
    readonly baseSequence: number;
    readonly count: number;
  };
}

export interface Replica {
  readonly alive: boolean;
  /** Lost its disk and not restarted since: its log is gone (a restart begins on an empty disk). */
  readonly gone: boolean;
  /** The log; the log end offset (LEO) is its length. */
  readonly log: readonly Entry[];
  /** How many entries from the start are on disk (survive a power loss). */
  readonly flushed: number;
  readonly highWatermark: number;
  /** The leader's view of this replica's LEO: the offset of its last fetch (meaningful on the leader). */
  readonly remoteLogEndOffset: number;
  /**
   * IP-6: the producer-state snapshots taken since the broker started (offsets, ascending) and the
   * one the replica's producer state was last loaded from (its restart, or a truncation); absent:
   * none, the state is the whole log replayed.
   */
  readonly producerSnapshots?: { readonly loadedFrom: number; readonly offsets: readonly number[] };
}

export type FailureKind = 'clean-shutdown' | 'process-crash' | 'power-loss' | 'disk-loss';
export const FAILURE_KINDS: readonly FailureKind[] = [
  'clean-shutdown',
  'process-crash',
  'power-loss',
  'disk-loss',
];

export interface AcknowledgedRecord {
  readonly value: number;
  /** -1: the application counted a send as done that the broker refused (fire-and-forget, RP-21). */
  readonly offset: number;
}

export interface ReplicationState {
  readonly replicas: readonly Replica[];
  /** Broker id of the leader, -1 while the partition is offline. */
  readonly leader: number;
  readonly leaderEpoch: number;
  /** The leader's LEO when it took the current epoch (followers must reach it to rejoin the ISR). */
  readonly epochStartOffset: number;
  /** In-sync replicas, ascending broker ids. */
  readonly isr: readonly number[];
  /** The next write number; writes attempted so far = nextValue - 1. */
  readonly nextValue: number;
  /** acks=all produces appended and waiting for the high watermark (DelayedProduce). */
  readonly pending: readonly AcknowledgedRecord[];
  /** History: every produce the producer saw succeed, with its offset. */
  readonly acknowledged: readonly AcknowledgedRecord[];
  /** History: committed[offset] is the value that was once below a leader's high watermark there. */
  readonly committed: readonly number[];
  /** History: the highest high watermark the current leader had in this epoch (RP-3). */
  readonly epochHighestHighWatermark: number;
  readonly powerLossesUsed: number;
  readonly diskLossesUsed: number;
  /** The error name of the last produce outcome (output only; not part of the state's identity). */
  readonly lastOutcome: string | null;
}

export type ReplicationEvent =
  | { readonly type: 'PRODUCE' }
  | { readonly type: 'COMPLETE_PRODUCE' }
  | { readonly type: 'FETCH'; readonly broker: number }
  | { readonly type: 'LAG_OUT'; readonly broker: number }
  | { readonly type: 'FLUSH'; readonly broker: number }
  | { readonly type: 'FAIL'; readonly broker: number; readonly kind: FailureKind }
  | { readonly type: 'RESTART'; readonly broker: number }
  | { readonly type: 'ELECT'; readonly broker: number };

export type Acks = 'all' | '1' | '0';
export type Truncation = 'leader-epoch' | 'high-watermark';

/** The settings the replication model reads, resolved from Kafka's setting names (see settings.ts). */
export interface ReplicationSettings {
  readonly replicas: number;
  readonly writes: number;
  readonly acks: Acks;
  readonly minInsyncReplicas: number;
  readonly uncleanLeaderElection: boolean;
  readonly truncation: Truncation;
  /** flush.messages: fsync once this many entries are unflushed. */
  readonly flushMessages: number;
  /**
   * flush.ms as far as the model can follow it: the log flusher fsyncs a log last flushed this long
   * ago (model/data-plane/log-flusher.ts). 2147483647 (never) when the topic may roll a segment in a
   * run, since a roll moves the last flush time where the model, which has no segments, cannot see.
   */
  readonly flushMs: number;
  readonly powerLossBudget: number;
  readonly diskLossBudget: number;
  /** kspec.producer.send: whether the application looks at send results (RP-21). */
  readonly send: 'callback' | 'fire-and-forget';
}
