// Which __consumer_offsets partition holds a group (GroupCoordinatorService.topicPartitionFor /
// Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions). OC-11. The hash and Utils.abs live
// once, in spec/java-hash.ts (AS-8, AS-9); this module applies them from the coordinator's side
// and adds the topic's shape.
import { type Config, intSetting } from '../../spec/config.ts';
import { javaStringHashCode, kafkaUtilsAbs, offsetsPartitionFor } from '../../spec/java-hash.ts';

export { javaStringHashCode, kafkaUtilsAbs, offsetsPartitionFor };

// Rules this file applies: OC-11.

/** OC-11: the partition of a group for this configuration's offsets.topic.num.partitions (default 50). */
export function offsetsPartitionForConfig(groupId: string, config: Config = {}): number {
  return offsetsPartitionFor(groupId, intSetting(config, 'offsets.topic.num.partitions'));
}

/** OC-11: the __consumer_offsets topic's shape from the settings (defaults 50 partitions, replication factor 3). */
export function offsetsTopicShape(config: Config = {}): { partitions: number; replicationFactor: number } {
  return {
    partitions: intSetting(config, 'offsets.topic.num.partitions'),
    replicationFactor: intSetting(config, 'offsets.topic.replication.factor'),
  };
}
