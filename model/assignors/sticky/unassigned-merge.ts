// The merge both of Kafka's sticky builders use in getUnassignedPartitions: walk every partition and
// the kept ones, both sorted in the same order, and keep those not kept. Kafka's merge advances the
// kept list only on an exact match, so a kept claim on a partition the sorted list never reaches (an
// index the topic lacks) stops it: everything after counts as unassigned, in Kafka and here alike.
import type { TopicPartitionRef } from '../types.ts';

export function mergeUnassigned(
  all: Iterable<TopicPartitionRef>,
  keptSorted: readonly TopicPartitionRef[],
): TopicPartitionRef[] {
  const unassigned: TopicPartitionRef[] = [];
  let next = 0;
  let addDirectly = keptSorted.length === 0;
  for (const partition of all) {
    const kept = keptSorted[next];
    if (
      addDirectly ||
      kept === undefined ||
      kept.topic !== partition.topic ||
      kept.partition !== partition.partition
    )
      unassigned.push(partition);
    else if (next + 1 < keptSorted.length) next++;
    else addDirectly = true;
  }
  return unassigned;
}
