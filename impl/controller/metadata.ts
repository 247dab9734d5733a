// The controller's metadata image: brokers, topics, and per partition the assignment, leader,
// leader epoch, ISR and partition epoch (bumped on every change, as KRaft's PartitionRecord).

export interface PartitionMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly replicas: readonly number[];
  leader: number | null;
  leaderEpoch: number;
  isr: readonly number[];
  partitionEpoch: number;
}

export interface TopicSettings {
  readonly minInsyncReplicas: number;
  readonly uncleanLeaderElection: boolean;
  /** The remaining topic configs (log settings) by Kafka's names. */
  readonly config: Readonly<Record<string, string | number | boolean>>;
  /** The settings the topic's creator set itself (DescribeConfigs' TOPIC_CONFIG source); absent: none. */
  readonly overrides?: readonly string[];
}

export interface TopicMetadata {
  readonly name: string;
  readonly settings: TopicSettings;
  readonly partitions: PartitionMetadata[];
}

export const partitionKey = (topic: string, partition: number): string => `${topic}-${partition}`;
