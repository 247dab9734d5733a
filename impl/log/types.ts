// The partition log's public API: what appends, reads, recovery and retention return. Protocol
// outcomes are values carrying a Kafka error name from spec/errors.ts; broken invariants throw.
import type { ErrorName } from '../../spec/errors.ts';
import type { LogConfig } from './config.ts';
import type { FileSystem } from './fs/file-system.ts';

/** Milliseconds since the epoch, from an injected clock (never Date.now() inside the log). */
export interface Clock {
  now(): number;
}

export interface OpenLogOptions {
  fs: FileSystem;
  /** The partition directory, e.g. `/data/orders-0`; created if missing. */
  directory: string;
  clock: Clock;
  /** Topic-level settings by Kafka's names; see config.ts. */
  config?: Partial<LogConfig> | Readonly<Record<string, string | number>>;
}

/** A protocol error as a value. */
export interface LogError {
  error: ErrorName;
  message: string;
}

export interface AppendResult {
  /** Offset of the first record appended. */
  baseOffset: number;
  /** Offset of the last record appended. */
  lastOffset: number;
  /** Largest record timestamp among the batches, and the last offset of the batch holding it. */
  maxTimestamp: number;
  offsetOfMaxTimestamp: number;
  batchCount: number;
  recordCount: number;
  bytes: number;
  logStartOffset: number;
  logEndOffset: number;
  /** IP-2: the batch was a retry of one already in the log; nothing was written, the offsets are the original's. */
  duplicate?: true;
}

/** A run of bytes in a segment file: what the fetch path hands to sendfile. */
export interface FileSlice {
  /** The segment file. */
  path: string;
  /** The OS file descriptor (real file system only); valid until the segment is deleted or closed. */
  fd: number | undefined;
  position: number;
  length: number;
  /** Offset of the first batch in the slice and the last offset of its last batch. */
  firstOffset: number;
  lastOffset: number;
}

export interface ReadResult {
  /** Whole batches from one segment (Kafka answers a fetch from a single segment). Empty at LEO/HW. */
  slices: FileSlice[];
  /** Total bytes of the slices. */
  bytes: number;
  logStartOffset: number;
  logEndOffset: number;
}

export interface OffsetOutOfRange extends LogError {
  error: 'OFFSET_OUT_OF_RANGE';
  logStartOffset: number;
  logEndOffset: number;
}

/** Where the log was cut during recovery, and why. */
export interface RecoveryTruncation {
  segment: string;
  /** Byte position in the segment where valid data ends. */
  position: number;
  bytesTruncated: number;
  reason: string;
}

/**
 * Corruption that a crash cannot explain: a bad batch followed by valid data, or a bad batch below
 * the recovery point (data that had been flushed). The log still truncates there (as Kafka's
 * LogSegment.recover does) so what remains is a valid prefix, but the caller must treat the replica
 * as damaged (e.g. refetch from the leader) rather than carry on silently.
 */
export interface RecoveryCorruption {
  segment: string;
  position: number;
  problem: string;
  detail: string;
}

export interface RecoveryReport {
  /** True when the previous process closed the log cleanly (no batch validation needed). */
  cleanShutdown: boolean;
  /** The offset below which data was known flushed before this open. */
  recoveryPoint: number;
  /** Segments whose batches were validated. */
  segmentsRecovered: string[];
  truncations: RecoveryTruncation[];
  corruptions: RecoveryCorruption[];
  /** Segments deleted because they followed a truncation point (or were empty leftovers). */
  segmentsDeleted: string[];
  /** Index files rebuilt because they were missing or inconsistent. */
  indexesRebuilt: string[];
  logStartOffset: number;
  logEndOffset: number;
}

export interface TimestampLookup {
  /** First offset whose record timestamp is >= the target, and that record's timestamp. */
  offset: number;
  timestamp: number;
}

export interface EpochEndOffset {
  /** The largest epoch <= the requested one that the log knows, or -1. */
  epoch: number;
  /** The start offset of the next larger epoch (or LEO for the latest epoch), or -1. */
  endOffset: number;
}

export interface EpochEntry {
  epoch: number;
  startOffset: number;
}

export interface RetentionResult {
  segmentsDeleted: string[];
  bytesDeleted: number;
  logStartOffset: number;
  reason: ('retention.ms' | 'retention.bytes' | 'log-start-offset')[];
}

/** Re-exported for convenience. */
export type { FileSystem };
