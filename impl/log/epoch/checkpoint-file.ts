// Kafka's text checkpoint format (CheckpointFile.java): a version line ("0"), a count line, then one
// entry per line. Written atomically (temp file, fsync, rename), so a crash leaves old or new.
import { type FileSystem, writeFileAtomically } from '../fs/file-system.ts';

export const CHECKPOINT_VERSION = 0;

export function writeCheckpoint(fs: FileSystem, path: string, lines: readonly string[]): void {
  const text = [String(CHECKPOINT_VERSION), String(lines.length), ...lines].join('\n') + '\n';
  writeFileAtomically(fs, path, Buffer.from(text, 'utf8'));
}

export type CheckpointRead =
  | { kind: 'missing' }
  | { kind: 'ok'; lines: string[] }
  | { kind: 'malformed'; detail: string };

export function readCheckpoint(fs: FileSystem, path: string): CheckpointRead {
  if (!fs.exists(path)) return { kind: 'missing' };
  const lines = fs.readFile(path).toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== String(CHECKPOINT_VERSION))
    return { kind: 'malformed', detail: `version line '${lines[0]}'` };
  const count = Number(lines[1]);
  if (!Number.isInteger(count) || count < 0 || lines.length !== count + 2)
    return {
      kind: 'malformed',
      detail: `count line '${lines[1]}' does not match ${lines.length - 2} entries`,
    };
  return { kind: 'ok', lines: lines.slice(2) };
}

/** Parses "a b" lines of non-negative-or--1 integers; undefined if any line is not two integers. */
export function parseIntegerPairs(lines: readonly string[]): [number, number][] | undefined {
  const pairs: [number, number][] = [];
  for (const line of lines) {
    const parts = line.trim().split(/\s+/);
    if (parts.length !== 2 || !parts.every((p) => /^-?\d+$/.test(p))) return undefined;
    pairs.push([Number(parts[0]), Number(parts[1])]);
  }
  return pairs;
}
