import { type Config, intSetting } from '../../spec/config.ts';
// Which __consumer_offsets partition holds a group (GroupCoordinatorService.topicPartitionFor /
// Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions). OC-11.

export const PARTITION_FOR_RULES = ['OC-11'] as const;

/** Java's String.hashCode: s[0]*31^(n-1) + ... over UTF-16 code units, with 32-bit wrap-around. */
export function javaStringHashCode(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index += 1)
    hash = (Math.imul(hash, 31) + text.charCodeAt(index)) | 0;
  return hash;
}

/** Kafka's Utils.abs: Integer.MIN_VALUE maps to 0 (Java's Math.abs would return it unchanged, negative). */
export function kafkaUtilsAbs(value: number): number {
  return value === -2147483648 ? 0 : Math.abs(value);
}

/** The __consumer_offsets partition of a group; its leader is the group's coordinator. */
export function offsetsPartitionFor(groupId: string, offsetsTopicPartitions = 50): number {
  if (!Number.isInteger(offsetsTopicPartitions) || offsetsTopicPartitions < 1) {
    throw new RangeError(
      `offsets.topic.num.partitions must be a positive integer, got ${offsetsTopicPartitions}`,
    );
  }
  return kafkaUtilsAbs(javaStringHashCode(groupId)) % offsetsTopicPartitions;
}

/** OC-11: the __consumer_offsets topic's shape from the settings (defaults 50 partitions, replication factor 3). */
export function offsetsTopicShape(config: Config = {}): { partitions: number; replicationFactor: number } {
  return {
    partitions: intSetting(config, 'offsets.topic.num.partitions'),
    replicationFactor: intSetting(config, 'offsets.topic.replication.factor'),
  };
}
