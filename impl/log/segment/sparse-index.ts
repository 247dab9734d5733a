// The two sparse per-segment indexes, as Kafka lays them out on disk (OffsetIndex.java, TimeIndex.java):
// - `.index`: 8-byte entries (offset - baseOffset: int32, file position: int32);
// - `.timeindex`: 12-byte entries (timestamp: int64, offset - baseOffset: int32).
// Entries are kept in memory as well (Kafka memory-maps the files); lookups are binary searches for
// the largest entry whose key is <= the target. Keys and values both strictly increase.
// New entries are written to the file in groups (at most PENDING_LIMIT entries late, and always
// before a sync): the indexes of unflushed data are rebuilt by recovery anyway, as Kafka's are.
import { readInt64, writeInt64 } from '../batch/int64.ts';
import type { FileHandle } from '../fs/file-system.ts';

export interface IndexEntry {
  /** Offset index: absolute offset. Time index: timestamp. */
  key: number;
  /** Offset index: position in the log file. Time index: absolute offset. */
  value: number;
}

type Layout = 'offset' | 'time';

const PENDING_LIMIT = 256;

/** Why an index file was rejected on load. */
export type IndexProblem = string;

export class SparseIndex {
  private keys: number[] = [];
  private values: number[] = [];
  /** Entries appended in memory but not yet written to the file (from index `written` on). */
  private written = 0;
  readonly entrySize: number;

  constructor(
    private readonly handle: FileHandle,
    readonly layout: Layout,
    readonly baseOffset: number,
    readonly maxEntries: number,
  ) {
    this.entrySize = layout === 'offset' ? 8 : 12;
  }

  get path(): string {
    return this.handle.path;
  }
  get length(): number {
    return this.keys.length;
  }
  get sizeInBytes(): number {
    return this.keys.length * this.entrySize;
  }
  isFull(): boolean {
    return this.keys.length >= this.maxEntries;
  }
  entry(index: number): IndexEntry {
    return { key: this.keys[index]!, value: this.values[index]! };
  }
  last(): IndexEntry | undefined {
    return this.keys.length === 0 ? undefined : this.entry(this.keys.length - 1);
  }
  entries(): IndexEntry[] {
    return this.keys.map((key, i) => ({ key, value: this.values[i]! }));
  }

  /**
   * Reads the file's entries; returns a problem (and keeps no entries) if the file is not a whole
   * number of entries or its keys/values do not strictly increase. The caller then rebuilds it.
   */
  load(): IndexProblem | undefined {
    const size = this.handle.size();
    if (size % this.entrySize !== 0) return `size ${size} is not a multiple of ${this.entrySize}`;
    const bytes = Buffer.alloc(size);
    this.handle.read(bytes, 0, size, 0);
    const keys: number[] = [];
    const values: number[] = [];
    for (let position = 0; position < size; position += this.entrySize) {
      const [key, value] =
        this.layout === 'offset'
          ? [this.baseOffset + bytes.readInt32BE(position), bytes.readInt32BE(position + 4)]
          : [readInt64(bytes, position), this.baseOffset + bytes.readInt32BE(position + 8)];
      const previous = keys.length - 1;
      if (previous >= 0 && (key <= keys[previous]! || value <= values[previous]!))
        return `entry ${keys.length} does not increase (${key}, ${value})`;
      keys.push(key);
      values.push(value);
    }
    this.keys = keys;
    this.values = values;
    this.written = keys.length;
    return undefined;
  }

  /** Appends an entry; keys and values must increase (an invariant of the caller: throws). */
  append(key: number, value: number): void {
    const last = this.last();
    if (last && (key <= last.key || value <= last.value))
      throw new Error(`index ${this.path}: entry (${key}, ${value}) after (${last.key}, ${last.value})`);
    if (this.isFull()) throw new Error(`index ${this.path} is full`);
    this.keys.push(key);
    this.values.push(value);
    if (this.keys.length - this.written >= PENDING_LIMIT) this.writePending();
  }

  /** Writes the entries not yet in the file. */
  private writePending(): void {
    const count = this.keys.length - this.written;
    if (count <= 0) return;
    const bytes = Buffer.alloc(count * this.entrySize);
    for (let i = 0; i < count; i++) {
      const key = this.keys[this.written + i]!;
      const value = this.values[this.written + i]!;
      const at = i * this.entrySize;
      if (this.layout === 'offset') {
        bytes.writeInt32BE(key - this.baseOffset, at);
        bytes.writeInt32BE(value, at + 4);
      } else {
        writeInt64(bytes, at, key);
        bytes.writeInt32BE(value - this.baseOffset, at + 8);
      }
    }
    this.handle.write(bytes, this.written * this.entrySize);
    this.written = this.keys.length;
  }

  /** The entry with the largest key <= `target`, or undefined if every key is larger. */
  floor(target: number): IndexEntry | undefined {
    let low = 0;
    let high = this.keys.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (this.keys[middle]! <= target) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found < 0 ? undefined : this.entry(found);
  }

  /** The entry with the largest value <= `target` (values increase too), or undefined. */
  floorByValue(target: number): IndexEntry | undefined {
    let low = 0;
    let high = this.values.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (this.values[middle]! <= target) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found < 0 ? undefined : this.entry(found);
  }

  /** Keeps only the entries accepted by `keep` (a prefix), truncating the file to match. */
  truncateWhile(keep: (entry: IndexEntry) => boolean): void {
    let count = 0;
    while (count < this.keys.length && keep(this.entry(count))) count++;
    if (count === this.keys.length) return;
    this.keys.length = count;
    this.values.length = count;
    this.written = Math.min(this.written, count);
    this.handle.truncate(this.written * this.entrySize);
  }

  reset(): void {
    this.keys = [];
    this.values = [];
    this.written = 0;
    this.handle.truncate(0);
  }

  sync(): void {
    this.writePending();
    this.handle.sync();
  }
  close(): void {
    this.writePending();
    this.handle.close();
  }
}
