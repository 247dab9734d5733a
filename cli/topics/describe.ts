// What `kafka-topics.sh --describe` shows, over the Kafka protocol (any broker): a topic line with
// its partition count and replication factor, then one line per partition with its leader, replicas
// and ISR, tab-separated as Kafka prints them. The replica spread of __consumer_offsets (which
// brokers lead and follow each partition) reads straight off it. kspec serves Metadata below topic
// ids and no DescribeConfigs, so the TopicId and Configs columns are left out.
import { Brokers, ClusterUnreachableError, clusterMetadata, GroupToolError } from '../groups/report.ts';

export interface PartitionDescription {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface TopicDescription {
  topic: string;
  internal: boolean;
  partitionCount: number;
  replicationFactor: number;
  partitions: PartitionDescription[];
}

/** Error code 3: the topic does not exist (exit 1, as kafka-topics.sh). */
export class UnknownTopicError extends Error {}

export { ClusterUnreachableError, GroupToolError as TopicToolError };

export async function describeTopics(
  bootstrap: string[],
  topic: string | undefined,
  timeoutMs = 10_000,
): Promise<TopicDescription[]> {
  const brokers = new Brokers(timeoutMs);
  try {
    const metadata = await clusterMetadata(brokers, bootstrap, topic === undefined ? null : [topic]);
    const described = metadata.topics
      .filter((entry) => entry.errorCode !== 3)
      .map(
        (entry): TopicDescription => ({
          topic: entry.name ?? '',
          internal: entry.isInternal,
          partitionCount: entry.partitions.length,
          replicationFactor: entry.partitions[0]?.replicaNodes.length ?? 0,
          partitions: entry.partitions
            .map((partition) => ({
              partition: partition.partitionIndex,
              leader: partition.leaderId,
              replicas: [...partition.replicaNodes],
              isr: [...partition.isrNodes],
            }))
            .sort((a, b) => a.partition - b.partition),
        }),
      )
      .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    if (topic !== undefined && described.length === 0)
      throw new UnknownTopicError(`Topic '${topic}' does not exist as expected`);
    return described;
  } finally {
    await brokers.closeAll();
  }
}

/** kafka-topics.sh --describe's layout: tab-separated `Key: value` cells. */
export function formatTopics(topics: readonly TopicDescription[]): string {
  const lines: string[] = [];
  for (const topic of topics) {
    lines.push(
      `Topic: ${topic.topic}\tPartitionCount: ${topic.partitionCount}\tReplicationFactor: ${topic.replicationFactor}`,
    );
    for (const partition of topic.partitions)
      lines.push(
        `\tTopic: ${topic.topic}\tPartition: ${partition.partition}\tLeader: ${partition.leader < 0 ? 'none' : partition.leader}\tReplicas: ${partition.replicas.join(',')}\tIsr: ${partition.isr.join(',')}`,
      );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
