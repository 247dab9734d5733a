// kspec's file-segment partition log: Kafka's on-disk format (magic-2 batches in 20-digit-named
// segments with sparse .index/.timeindex files and a leader-epoch checkpoint), crash recovery, and
// the batch codec and file systems the rest of the project reuses. See README.md.

export type { ValidatedBatches } from './append-validation.ts';
export * from './batch/index.ts';
export type { CompactionResult } from './compaction.ts';
export {
  type CleanupPolicy,
  DEFAULT_LOG_CONFIG,
  isFlushDisabled,
  type LogConfig,
  parseLogConfig,
} from './config.ts';
export {
  LEADER_EPOCH_CHECKPOINT,
  LeaderEpochCache,
  UNDEFINED_EPOCH,
  UNDEFINED_EPOCH_OFFSET,
} from './epoch/leader-epoch-cache.ts';
export * from './fs/index.ts';
export { PartitionLog, type SegmentInfo, UnexpectedAppendOffsetError } from './partition-log.ts';
export { segmentName, segmentPaths } from './segment/segment-names.ts';
export type * from './types.ts';

import { PartitionLog } from './partition-log.ts';
import type { OpenLogOptions, RecoveryReport } from './types.ts';

/** Opens (creating if needed) and recovers the partition log in `options.directory`. */
export function openPartitionLog(options: OpenLogOptions): { log: PartitionLog; recovery: RecoveryReport } {
  return PartitionLog.open(options);
}
