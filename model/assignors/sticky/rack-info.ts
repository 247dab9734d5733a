// AbstractStickyAssignor.RackInfo: the racks both sticky builders consult. Rack-aware only when
// useRackAwareAssignment says so over every member and every partition of the subscribed topics;
// otherwise no member has a rack and nothing mismatches (AS-12).
import { partitionKey } from '../order.ts';
import { memberRack, replicaRacks, useRackAwareAssignment } from '../racks.ts';
import type { AssignorInput, TopicPartitionRef } from '../types.ts';

export class RackInfo {
  /** member -> rack; empty unless the assignment is rack-aware. */
  readonly consumerRacks = new Map<string, string>();
  /** partition key -> its replicas' racks; empty unless the assignment is rack-aware. */
  readonly partitionRacks = new Map<string, ReadonlySet<string>>();
  /** partition key -> how many members share a rack with one of its replicas; empty when no member has a rack. */
  private readonly rackConsumersByPartition = new Map<string, number>();

  constructor(input: AssignorInput, partitionsPerTopic: ReadonlyMap<string, number>) {
    const consumersByRack = new Map<string, string[]>();
    for (const member of input.members) {
      const rack = memberRack(member);
      if (rack !== undefined)
        consumersByRack.set(rack, [...(consumersByRack.get(rack) ?? []), member.memberId]);
    }
    const racksByPartition = new Map<string, Set<string>>();
    const allPartitionRacks = new Set<string>();
    if (consumersByRack.size > 0)
      for (const [topic, count] of partitionsPerTopic)
        for (let partition = 0; partition < count; partition++) {
          const racks = replicaRacks(input, topic, partition);
          racksByPartition.set(partitionKey({ topic, partition }), racks);
          for (const rack of racks) allPartitionRacks.add(rack);
        }
    const consumerRacks = new Set(consumersByRack.keys());
    if (useRackAwareAssignment(consumerRacks, allPartitionRacks, racksByPartition.values())) {
      for (const [rack, members] of consumersByRack)
        for (const member of members) this.consumerRacks.set(member, rack);
      for (const [key, racks] of racksByPartition) this.partitionRacks.set(key, racks);
    }
    // Kafka counts these whenever some member has a rack, rack-aware or not; when it is not, every
    // partition gets the same count and the stable sort below keeps the order.
    for (const [key, racks] of racksByPartition) {
      let count = 0;
      for (const rack of racks) count += consumersByRack.get(rack)?.length ?? 0;
      this.rackConsumersByPartition.set(key, count);
    }
  }

  /** racksMismatch: the member has a rack and the partition has no replica there (or is unknown). */
  racksMismatch(consumer: string, partition: TopicPartitionRef): boolean {
    const rack = this.consumerRacks.get(consumer);
    return rack !== undefined && this.partitionRacks.get(partitionKey(partition))?.has(rack) !== true;
  }

  /** sortPartitionsByRackConsumers: partitions fewer members are close to first (a stable sort). */
  sortByRackConsumers(partitions: TopicPartitionRef[]): TopicPartitionRef[] {
    if (this.rackConsumersByPartition.size === 0) return partitions;
    const count = (partition: TopicPartitionRef) =>
      this.rackConsumersByPartition.get(partitionKey(partition)) ?? 0;
    return [...partitions].sort((left, right) => count(left) - count(right));
  }

  /**
   * nextRackConsumer: the index in `consumers` of the first member, from `firstIndex` round the
   * list, whose rack holds a replica of `partition`; -1 if none does.
   */
  nextRackConsumer(partition: TopicPartitionRef, consumers: readonly string[], firstIndex: number): number {
    const racks = this.partitionRacks.get(partitionKey(partition));
    if (racks === undefined || racks.size === 0) return -1;
    for (let step = 0; step < consumers.length; step++) {
      const index = (firstIndex + step) % consumers.length;
      const rack = this.consumerRacks.get(consumers[index]!);
      if (rack !== undefined && racks.has(rack)) return index;
    }
    return -1;
  }
}
