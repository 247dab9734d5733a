// AS-10: the iteration order of java.util.HashSet / HashMap keys, which Kafka's sticky assignors depend on
// (which member's claim is seen first, which moved partition is moved back). A HashMap iterates
// its table bucket by bucket, bucket `spread(hashCode) & (capacity - 1)`, and a bucket's list in
// insertion order; a resize splits every bucket in two keeping that order. So the order is: by
// bucket under the current capacity, then by insertion. Capacity starts at the constructor's
// initial capacity rounded up to a power of two (16 by default) and doubles when the size passes
// 3/4 of it, or when a bucket that already holds 8 entries gets a ninth in a table under 64.
// Beyond that Java turns the bucket into a red-black tree whose order is not insertion order;
// that needs 9 colliding hashes in one table and is not modelled (it throws).
import { javaStringHashCode } from '../../spec/java-hash.ts';
import type { TopicPartitionRef } from './types.ts';

const LOAD_FACTOR = 0.75;
const TREEIFY_THRESHOLD = 8;
const MIN_TREEIFY_CAPACITY = 64;

/** HashMap.hash: the high half folded into the low half, because the table index uses the low bits. */
function spread(hashCode: number): number {
  return hashCode ^ (hashCode >>> 16);
}

/** HashMap.tableSizeFor: the least power of two >= capacity (at least 1). */
function tableSizeFor(capacity: number): number {
  let size = 1;
  while (size < capacity) size *= 2;
  return size;
}

/** TopicPartition.hashCode: 31 * (31 + partition) + topic.hashCode(), in 32-bit arithmetic. */
export function topicPartitionHashCode(partition: TopicPartitionRef): number {
  return (Math.imul(31, 31 + partition.partition) + javaStringHashCode(partition.topic)) | 0;
}

interface Entry<T> {
  readonly item: T;
  readonly hash: number;
  readonly sequence: number;
}

/** A HashSet of items identified by `keyOf`, iterating as Java's would. */
export class JavaHashSet<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private capacity = 0;
  private sequence = 0;

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly hashCodeOf: (item: T) => number,
    private readonly initialCapacity = 16,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  has(item: T): boolean {
    return this.entries.has(this.keyOf(item));
  }

  /** HashMap.putVal for a new key (an existing key keeps its place). */
  add(item: T): void {
    const key = this.keyOf(item);
    if (this.entries.has(key)) return;
    if (this.capacity === 0) this.capacity = tableSizeFor(this.initialCapacity);
    const hash = spread(this.hashCodeOf(item));
    const bucketSize = this.bucketSize(hash);
    this.entries.set(key, { item, hash, sequence: this.sequence++ });
    if (bucketSize >= TREEIFY_THRESHOLD) {
      if (this.capacity >= MIN_TREEIFY_CAPACITY)
        throw new Error('JavaHashSet: a tree bin (9 colliding hashes) is not modelled');
      this.capacity *= 2;
    }
    if (this.entries.size > this.capacity * LOAD_FACTOR) this.capacity *= 2;
  }

  delete(item: T): boolean {
    return this.entries.delete(this.keyOf(item));
  }

  /** The items in Java's iteration order. */
  values(): T[] {
    const mask = this.capacity - 1;
    return [...this.entries.values()]
      .sort((left, right) => (left.hash & mask) - (right.hash & mask) || left.sequence - right.sequence)
      .map((entry) => entry.item);
  }

  /** Everything that decides this set's future iteration orders: its capacity and its current order. */
  signature(): string {
    return `${this.capacity}:${this.values().map(this.keyOf).join(',')}`;
  }

  /** iterator().next(); undefined when empty. */
  first(): T | undefined {
    return this.values()[0];
  }

  private bucketSize(hash: number): number {
    const mask = this.capacity - 1;
    let count = 0;
    for (const entry of this.entries.values()) if ((entry.hash & mask) === (hash & mask)) count++;
    return count;
  }
}

/** AS-10: the order a default `new HashMap<String, V>()` filled with `keys` in order iterates them. */
export function javaHashMapKeyOrder(keys: readonly string[]): string[] {
  const set = new JavaHashSet<string>((key) => key, javaStringHashCode);
  for (const key of keys) set.add(key);
  return set.values();
}
