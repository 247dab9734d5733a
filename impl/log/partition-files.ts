// The per-partition files besides segments. Kafka keeps the recovery point and log start offset in
// per-log-directory checkpoints naming every partition; kspec keeps one of each per partition
// directory (same text format, one entry: the offset), so a partition directory is self-contained.
import { readCheckpoint, writeCheckpoint } from './epoch/checkpoint-file.ts';
import { type FileSystem, joinPath, writeFileAtomically } from './fs/file-system.ts';

export const RECOVERY_POINT_CHECKPOINT = 'recovery-point-offset-checkpoint';
export const LOG_START_OFFSET_CHECKPOINT = 'log-start-offset-checkpoint';
export const CLEAN_SHUTDOWN_MARKER = '.kafka_cleanshutdown';

/** Reads a one-offset checkpoint; undefined when missing, a string describing it when malformed. */
export function readOffsetCheckpoint(
  fs: FileSystem,
  directory: string,
  name: string,
): number | undefined | string {
  const read = readCheckpoint(fs, joinPath(directory, name));
  if (read.kind === 'missing') return undefined;
  if (read.kind === 'malformed') return `malformed ${name}: ${read.detail}`;
  const line = read.lines[0];
  if (read.lines.length !== 1 || line === undefined || !/^\d+$/.test(line.trim()))
    return `malformed ${name}: bad entry`;
  const offset = Number(line.trim());
  // Digits beyond 2^53 are not an offset this log can hold (a damaged file, found by the file fuzzer).
  if (!Number.isSafeInteger(offset)) return `malformed ${name}: offset ${line.trim()} out of range`;
  return offset;
}

export function writeOffsetCheckpoint(fs: FileSystem, directory: string, name: string, offset: number): void {
  writeCheckpoint(fs, joinPath(directory, name), [String(offset)]);
}

export function writeCleanShutdownMarker(fs: FileSystem, directory: string): void {
  writeFileAtomically(fs, joinPath(directory, CLEAN_SHUTDOWN_MARKER), Buffer.alloc(0));
}
