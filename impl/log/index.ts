// kspec's file-segment partition log: Kafka's on-disk format (magic-2 batches in 20-digit-named
// segments with sparse .index/.timeindex files and a leader-epoch checkpoint), crash recovery, and
// the batch codec and file systems the rest of the project reuses. See README.md.

export * from './batch/index.ts';
export * from './fs/index.ts';
export { PartitionLog } from './partition-log.ts';
export type * from './types.ts';

import { PartitionLog } from './partition-log.ts';
import type { OpenLogOptions, RecoveryReport } from './types.ts';

/** Opens (creating if needed) and recovers the partition log in `options.directory`. */
export function openPartitionLog(options: OpenLogOptions): { log: PartitionLog; recovery: RecoveryReport } {
  return PartitionLog.open(options);
}
