// RangeAssignor.TopicAssignmentState: one topic's share of a range assignment. Its subscribers in
// AS-1 order with their racks, the partitions still unassigned in index order, and the quota: each
// member may take P / C partitions, one more while members with an extra partition remain.
import { memberRack, replicaRacks, useRackAwareAssignment } from '../racks.ts';
import type { AssignorInput, AssignorMember } from '../types.ts';

export class TopicAssignmentState {
  /** Subscribers in AS-1 order -> their rack (none: the member matches every partition). */
  readonly consumers = new Map<string, string | undefined>();
  /** Replica racks by partition index; left empty when no subscriber has a rack. */
  readonly partitionRacks = new Map<number, Set<string>>();
  /** Partition indexes not yet assigned, in index order (Kafka's LinkedHashSet). */
  readonly unassigned = new Set<number>();
  readonly needsRackAwareAssignment: boolean;
  private readonly assignedCount = new Map<string, number>();
  private readonly perConsumer: number;
  private remainingWithExtra: number;

  /** `subscribers` are the topic's members, already in AS-1 order. */
  constructor(
    readonly topic: string,
    partitionCount: number,
    subscribers: readonly AssignorMember[],
    input: AssignorInput,
  ) {
    for (const member of subscribers) {
      this.consumers.set(member.memberId, memberRack(member));
      this.assignedCount.set(member.memberId, 0);
    }
    for (let partition = 0; partition < partitionCount; partition++) this.unassigned.add(partition);
    const consumers = this.consumers.size;
    this.perConsumer = consumers === 0 ? 0 : Math.floor(partitionCount / consumers);
    this.remainingWithExtra = consumers === 0 ? 0 : partitionCount % consumers;
    const consumerRacks = new Set<string>();
    for (const rack of this.consumers.values()) if (rack !== undefined) consumerRacks.add(rack);
    const allPartitionRacks = new Set<string>();
    if (consumerRacks.size > 0)
      for (let partition = 0; partition < partitionCount; partition++) {
        const racks = replicaRacks(input, topic, partition);
        this.partitionRacks.set(partition, racks);
        for (const rack of racks) allPartitionRacks.add(rack);
      }
    this.needsRackAwareAssignment = useRackAwareAssignment(
      consumerRacks,
      allPartitionRacks,
      this.partitionRacks.values(),
    );
  }

  /** A member without a rack matches every partition; one with a rack only partitions with a replica there. */
  racksMatch(consumer: string, partition: number): boolean {
    const rack = this.consumers.get(consumer);
    return rack === undefined || this.partitionRacks.get(partition)?.has(rack) === true;
  }

  /** How many more partitions of this topic `consumer` may take. */
  maxAssignable(consumer: string): number {
    const quota = this.perConsumer + (this.remainingWithExtra > 0 ? 1 : 0);
    return Math.max(0, quota - this.assignedCount.get(consumer)!);
  }

  /** Kafka counts a member with an extra partition on every assignment that leaves it above P / C. */
  onAssigned(consumer: string, partitions: readonly number[]): void {
    const count = this.assignedCount.get(consumer)! + partitions.length;
    this.assignedCount.set(consumer, count);
    if (count > this.perConsumer) this.remainingWithExtra--;
    for (const partition of partitions) this.unassigned.delete(partition);
  }

  /**
   * Kafka groups topics by their subscriber map (Map.equals: the same members with the same
   * racks), so topics with the same subscribers share this key.
   */
  consumersKey(): string {
    return JSON.stringify([...this.consumers].sort(([left], [right]) => (left < right ? -1 : 1)));
  }
}
