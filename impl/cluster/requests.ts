// The cluster's request API: what the in-process adapter and the wire server (impl/server) call.
// Shapes follow the Kafka messages, reduced to what the reference cluster implements. Protocol
// outcomes are error names from spec/errors.ts; every request names the node it comes from, so the
// simulated network can refuse it.
import type { ErrorName } from '../../spec/errors.ts';
import type { FileSlice } from '../log/types.ts';
import type { StoredRecord } from '../replication/partition-store.ts';

export interface ProduceRequest {
  /** The client's network node (`client:<name>`); see impl/sim/network.ts. */
  readonly from: string;
  readonly topic: string;
  readonly partition: number;
  /** -1 (all), 0, 1; anything else is answered INVALID_REQUIRED_ACKS. */
  readonly acks: number;
  /** One or more magic-2 record batches, as a producer sends them. */
  readonly records: Buffer;
  /** How long an acks=all produce may wait for the HW (producer request.timeout.ms). */
  readonly timeoutMs?: number;
}

export interface ProduceAnswer {
  readonly error: ErrorName;
  /** First offset assigned, or -1. */
  readonly baseOffset: number;
  readonly logStartOffset: number;
}

export interface FetchRequest {
  readonly from: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly maxRecords?: number;
  /** The leader epoch the client knows; older ones are fenced (KIP-320). */
  readonly currentLeaderEpoch?: number;
}

export interface FetchAnswer {
  readonly error: ErrorName;
  readonly highWatermark: number;
  readonly logStartOffset: number;
  readonly records: readonly StoredRecord[];
}

export interface FetchBatchesRequest {
  readonly from: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** partition_max_bytes; at least one whole batch is returned (KIP-74). */
  readonly maxBytes: number;
  readonly currentLeaderEpoch?: number;
}

export interface FetchBatchesAnswer {
  readonly error: ErrorName;
  readonly highWatermark: number;
  readonly logStartOffset: number;
  /** Whole batches below the high watermark, as stored. */
  readonly records: Buffer;
  /** The same bytes as file slices (fd set on real storage) for a sendfile path. */
  readonly slices: readonly FileSlice[];
}

export interface ListOffsetsRequest {
  readonly from: string;
  readonly topic: string;
  readonly partition: number;
  /** -1 latest (the HW for consumers), -2 earliest, else a lookup by timestamp (>= 0). */
  readonly timestamp: number;
  /** The request's ListOffsets version; absent: the newest. */
  readonly version?: number;
}

export interface ListOffsetsAnswer {
  readonly error: ErrorName;
  readonly offset: number;
  /** The timestamp of the record a lookup by timestamp found; -1 otherwise. */
  readonly timestamp: number;
  /** The leader epoch of the record at `offset` (latest: the leader's current epoch), -1 when unknown. */
  readonly leaderEpoch: number;
}

/** A ListOffsets answer without an offset: an error, or (NONE) a lookup by timestamp that found none. */
export const noListedOffset = (error: ErrorName): ListOffsetsAnswer => ({
  error,
  offset: -1,
  timestamp: -1,
  leaderEpoch: -1,
});

export interface PartitionMetadataAnswer {
  readonly partition: number;
  readonly error: ErrorName;
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

export interface MetadataAnswer {
  readonly brokers: readonly number[];
  readonly controller: number;
  readonly topics: readonly {
    readonly name: string;
    readonly error: ErrorName;
    readonly partitions: readonly PartitionMetadataAnswer[];
  }[];
}

export interface AdminAnswer {
  readonly error: ErrorName;
  readonly message: string | null;
}
