// Limits on what one admin request may ask of the cluster, as Kafka 4.4's KRaft controller sets
// them (ReplicationControlManager.validateTotalNumberOfPartitions, MAX_PARTITIONS_PER_BATCH): a
// CreateTopics whose topics add up to more than 10,000 partitions, or a CreatePartitions adding
// more than that, is refused whole with POLICY_VIOLATION. Without it, one request asking for 2^31
// partitions made the broker allocate until the process ran out of memory (found by the wire fuzzer).

/** Kafka's MAX_PARTITIONS_PER_BATCH (= QuorumController.MAX_RECORDS_PER_USER_OP). */
export const MAX_PARTITIONS_PER_REQUEST = 10_000;

export const TOO_MANY_PARTITIONS = 'Excessively large number of partitions per request.';
export const TOO_MANY_NEW_PARTITIONS = 'Excessively large number of additional partitions per request.';

/** CreateTopics: -1 counts the broker's num.partitions; manual assignments count one per partition. */
export function partitionsAsked(
  topics: readonly { numPartitions: number; assignments: readonly unknown[] }[],
  defaultPartitions: number,
): number {
  let total = 0;
  for (const topic of topics) {
    if (topic.assignments.length > 0) total += topic.assignments.length;
    else if (topic.numPartitions === -1) total += defaultPartitions;
    else if (topic.numPartitions > 0) total += topic.numPartitions;
  }
  return total;
}

/** CreatePartitions: the partitions each known topic would gain (Kafka skips unknown topics here). */
export function partitionsAdded(
  topics: readonly { name: string; count: number }[],
  currentCount: (topic: string) => number | undefined,
): number {
  let total = 0;
  for (const topic of topics) {
    const current = currentCount(topic.name);
    if (current !== undefined && topic.count > current) total += topic.count - current;
  }
  return total;
}
