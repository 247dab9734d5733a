// Which __consumer_offsets partition owns a group: Utils.abs(groupId.hashCode()) % partitions,
// with Java's String.hashCode over UTF-16 code units and 32-bit wrap-around.

/** java.lang.String#hashCode: s[0]*31^(n-1) + ... + s[n-1], in int32 arithmetic. */
export function javaStringHashCode(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index++) hash = (Math.imul(hash, 31) + text.charCodeAt(index)) | 0;
  return hash;
}

/** org.apache.kafka.common.utils.Utils.abs: Integer.MIN_VALUE maps to 0 rather than staying negative. */
export function kafkaUtilsAbs(value: number): number {
  return value === -2147483648 ? 0 : Math.abs(value);
}

export function offsetsPartitionFor(groupId: string, partitionCount: number): number {
  if (!Number.isInteger(partitionCount) || partitionCount < 1)
    throw new RangeError(`offsets.topic.num.partitions must be a positive integer, got ${partitionCount}`);
  return kafkaUtilsAbs(javaStringHashCode(groupId)) % partitionCount;
}
