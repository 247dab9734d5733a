// Producer-state snapshot files, in Kafka 4.4's format and naming (ProducerStateManager.writeSnapshot
// and readSnapshot, message/ProducerSnapshot.json version 1), so the partition directory holds what
// a Kafka log directory holds: `<20-digit offset>.snapshot`, each producer's last batch as of that
// offset. Layout: version int16 (1), CRC-32C uint32 of everything after it, then an int32 count of
// entries, each producer id int64, epoch int16, last sequence int32, last offset int64, offset
// delta int32 (last sequence - first sequence of that batch), timestamp int64, coordinator epoch
// int32 (-1: no transactions) and current transaction first offset int64 (-1).
import { crc32c } from '@node-rs/crc32';
import { readInt64, writeInt64 } from './batch/int64.ts';
import { type FileSystem, joinPath, writeFileAtomically } from './fs/file-system.ts';

/** One producer's entry: its epoch and its last batch. */
export interface SnapshotEntry {
  readonly producerId: number;
  readonly epoch: number;
  readonly lastSequence: number;
  readonly lastOffset: number;
  readonly offsetDelta: number;
  readonly timestamp: number;
}

const VERSION = 1;
const CRC_OFFSET = 2;
const ENTRIES_OFFSET = 6;
const ENTRY_BYTES = 8 + 2 + 4 + 8 + 4 + 8 + 4 + 8;
const SUFFIX = '.snapshot';

export const snapshotFileName = (offset: number): string => `${String(offset).padStart(20, '0')}${SUFFIX}`;

export function encodeSnapshot(entries: readonly SnapshotEntry[]): Buffer {
  const buffer = Buffer.alloc(ENTRIES_OFFSET + 4 + entries.length * ENTRY_BYTES);
  buffer.writeInt16BE(VERSION, 0);
  buffer.writeInt32BE(entries.length, ENTRIES_OFFSET);
  let at = ENTRIES_OFFSET + 4;
  for (const entry of entries) {
    writeInt64(buffer, at, entry.producerId);
    buffer.writeInt16BE(entry.epoch, at + 8);
    buffer.writeInt32BE(entry.lastSequence, at + 10);
    writeInt64(buffer, at + 14, entry.lastOffset);
    buffer.writeInt32BE(entry.offsetDelta, at + 22);
    writeInt64(buffer, at + 26, entry.timestamp);
    buffer.writeInt32BE(-1, at + 34);
    writeInt64(buffer, at + 38, -1);
    at += ENTRY_BYTES;
  }
  buffer.writeUInt32BE(crc32c(buffer.subarray(ENTRIES_OFFSET)) >>> 0, CRC_OFFSET);
  return buffer;
}

/** The entries, or undefined for a file that is not a whole, valid snapshot (Kafka: CorruptSnapshotException). */
export function decodeSnapshot(buffer: Buffer): SnapshotEntry[] | undefined {
  if (buffer.length < ENTRIES_OFFSET + 4 || buffer.readInt16BE(0) !== VERSION) return undefined;
  if (buffer.readUInt32BE(CRC_OFFSET) !== crc32c(buffer.subarray(ENTRIES_OFFSET)) >>> 0) return undefined;
  const count = buffer.readInt32BE(ENTRIES_OFFSET);
  if (count < 0 || buffer.length !== ENTRIES_OFFSET + 4 + count * ENTRY_BYTES) return undefined;
  const entries: SnapshotEntry[] = [];
  for (let i = 0, at = ENTRIES_OFFSET + 4; i < count; i++, at += ENTRY_BYTES)
    entries.push({
      producerId: readInt64(buffer, at),
      epoch: buffer.readInt16BE(at + 8),
      lastSequence: buffer.readInt32BE(at + 10),
      lastOffset: readInt64(buffer, at + 14),
      offsetDelta: buffer.readInt32BE(at + 22),
      timestamp: readInt64(buffer, at + 26),
    });
  return entries;
}

/** Where a partition's snapshots live. */
export interface SnapshotStore {
  /** Offsets of the snapshots present, ascending. */
  offsets(): number[];
  write(offset: number, entries: readonly SnapshotEntry[]): void;
  /** A snapshot's entries; undefined when it is missing or damaged. */
  read(offset: number): SnapshotEntry[] | undefined;
  remove(offset: number): void;
}

/** Snapshot files in a partition directory. */
export function fileSnapshotStore(fs: FileSystem, directory: string): SnapshotStore {
  const path = (offset: number) => joinPath(directory, snapshotFileName(offset));
  return {
    offsets: () =>
      fs
        .list(directory)
        .flatMap((name) => {
          const match = /^(\d{20})\.snapshot$/.exec(name);
          return match ? [Number(match[1])] : [];
        })
        .sort((a, b) => a - b),
    write: (offset, entries) => writeFileAtomically(fs, path(offset), encodeSnapshot(entries)),
    read: (offset) => (fs.exists(path(offset)) ? decodeSnapshot(fs.readFile(path(offset))) : undefined),
    remove: (offset) => {
      if (fs.exists(path(offset))) fs.remove(path(offset));
    },
  };
}

/** Snapshots in memory (tests, and logs without a directory of their own). */
export function memorySnapshotStore(): SnapshotStore {
  const snapshots = new Map<number, SnapshotEntry[]>();
  return {
    offsets: () => [...snapshots.keys()].sort((a, b) => a - b),
    write: (offset, entries) => void snapshots.set(offset, [...entries]),
    read: (offset) => snapshots.get(offset),
    remove: (offset) => void snapshots.delete(offset),
  };
}
