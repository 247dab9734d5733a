// replication-offset-checkpoint: each broker's high watermarks, written atomically every
// replica.high.watermark.checkpoint.interval.ms and on clean shutdown, read at startup so a
// restarted replica resumes from its last known HW (capped at its recovered log end).
// Format as Kafka's OffsetCheckpointFile: version 0, entry count, then "topic partition offset".
import { type FileSystem, joinPath, writeFileAtomically } from '../log/fs/index.ts';

export const HIGH_WATERMARK_CHECKPOINT = 'replication-offset-checkpoint';
/** replica.high.watermark.checkpoint.interval.ms default. */
export const HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS = 5_000;

export function writeHighWatermarks(
  fs: FileSystem,
  logDir: string,
  entries: readonly { topic: string; partition: number; highWatermark: number }[],
): void {
  const lines = [
    '0',
    String(entries.length),
    ...entries.map((e) => `${e.topic} ${e.partition} ${e.highWatermark}`),
  ];
  writeFileAtomically(fs, joinPath(logDir, HIGH_WATERMARK_CHECKPOINT), Buffer.from(`${lines.join('\n')}\n`));
}

/** The checkpointed HWs by `topic-partition`; empty when the file is missing or malformed (Kafka then starts from 0). */
export function readHighWatermarks(fs: FileSystem, logDir: string): Map<string, number> {
  const path = joinPath(logDir, HIGH_WATERMARK_CHECKPOINT);
  const result = new Map<string, number>();
  if (!fs.exists(path)) return result;
  const lines = fs
    .readFile(path)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.length > 0);
  if (lines[0] !== '0' || Number(lines[1]) !== lines.length - 2) return result;
  for (const line of lines.slice(2)) {
    const match = /^(\S+) (\d+) (\d+)$/.exec(line);
    // Digits past 2^53 are no offset a log holds: the file is damaged (found by the file fuzzer).
    if (!match || !Number.isSafeInteger(Number(match[3]))) return new Map();
    result.set(`${match[1]}-${match[2]}`, Number(match[3]));
  }
  return result;
}
