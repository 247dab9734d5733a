// Which __consumer_offsets partition holds a group: Kafka computes
// `Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions` (GroupCoordinatorService /
// GroupMetadataManager.partitionFor). Both halves differ from the usual `Math.abs(hash) % 50`:
// the hash is Java's String.hashCode over UTF-16 code units with 32-bit wrap-around, and
// Utils.abs maps Integer.MIN_VALUE to 0 where Math.abs would stay negative. The placement is part
// of the contract (a client finds its coordinator by it), so it lives here once: the model (its
// assignors and offsets) and the reference broker's coordinator both import it.

const INT_MIN = -2147483648;

/** AS-9: Java's String.hashCode: s[0]*31^(n-1) + ... + s[n-1], over UTF-16 code units, wrapping at 32 bits. */
export function javaStringHashCode(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index++) {
    // Math.imul keeps the multiplication in 32 bits; `| 0` wraps the addition.
    hash = (Math.imul(31, hash) + text.charCodeAt(index)) | 0;
  }
  return hash;
}

/**
 * GC-21: the bucket a String key falls in within a default `new HashMap<>()` holding at most 12
 * keys (16 buckets, HashMap.hash spreading the high bits down). A HashMap iterates buckets in
 * order, so of keys in different buckets the lower bucket comes first.
 */
export function javaHashMapBucket(key: string): number {
  const hash = javaStringHashCode(key);
  return (hash ^ (hash >>> 16)) & 15;
}

/** AS-8: org.apache.kafka.common.utils.Utils.abs: Integer.MIN_VALUE maps to 0, not to itself. */
export function kafkaUtilsAbs(value: number): number {
  return value === INT_MIN ? 0 : Math.abs(value);
}

/** AS-8: the __consumer_offsets partition of a group (the coordinator is that partition's leader). */
export function offsetsPartitionFor(groupId: string, partitions = 50): number {
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
  return kafkaUtilsAbs(javaStringHashCode(groupId)) % partitions;
}

/**
 * What the folklore formula `Math.abs(hash) % n` gives in Java, kept for the SPEC's differs note:
 * Java's Math.abs(Integer.MIN_VALUE) is Integer.MIN_VALUE, so such a group gets a negative partition.
 */
export function folkloreOffsetsPartition(groupId: string, partitions = 50): number {
  const hash = javaStringHashCode(groupId);
  const javaMathAbs = hash === INT_MIN ? INT_MIN : Math.abs(hash);
  // Java's % keeps the dividend's sign, as JavaScript's does.
  return javaMathAbs % partitions;
}
