// AbstractStickyAssignor.ConstrainedAssignmentBuilder: the sticky assignment when every member
// subscribes to the same topics. Quotas are exact (every member gets floor or ceil of P / C):
// members keep their claims, sorted by partition index then topic, up to their quota, in the
// leader's member order; the rest is dealt round robin to the members below quota, sorted by id.
// With racks (AS-12) a member keeps only claims with a replica on its rack, and the unassigned
// partitions go first, fewest close members first, to a member on a rack of theirs.
import { KafkaAssignorException } from '../kafka-exception.ts';
import { compareText, partitionKey } from '../order.ts';
import type { TopicPartitionRef } from '../types.ts';
import { allTopicPartitions, type StickyClaims, sortedTopicNames } from './claims.ts';
import { ListIterator } from './list-iterator.ts';
import type { RackInfo } from './rack-info.ts';
import { mergeUnassigned } from './unassigned-merge.ts';

export interface StickyResult {
  readonly assignment: Map<string, TopicPartitionRef[]>;
  /** partitionsTransferringOwnership: partition key -> the member it moves to (cooperative-sticky holds these back). */
  readonly transferring?: ReadonlyMap<string, string>;
}

const byIndexThenTopic = (left: TopicPartitionRef, right: TopicPartitionRef): number =>
  left.partition - right.partition || compareText(left.topic, right.topic);
const byTopicThenIndex = (left: TopicPartitionRef, right: TopicPartitionRef): number =>
  compareText(left.topic, right.topic) || left.partition - right.partition;

class ConstrainedBuilder {
  private readonly minQuota: number;
  private readonly maxQuota: number;
  private readonly expectedWithOverMinQuota: number;
  private currentWithOverMinQuota = 0;
  private readonly assignment = new Map<string, TopicPartitionRef[]>();
  private readonly assignedPartitions: TopicPartitionRef[] = [];
  private readonly maybeRevoked = new Map<string, string>();
  private readonly underMinQuota: string[] = [];
  private readonly exactlyMinQuota: string[] = [];
  readonly transferring = new Map<string, string>();

  constructor(
    private readonly claims: StickyClaims,
    private readonly racks: RackInfo,
  ) {
    const total = [...claims.partitionsPerTopic.values()].reduce((sum, count) => sum + count, 0);
    const consumers = claims.owned.size;
    // Java computes total % consumers as int: a group without members divides by zero.
    if (consumers === 0) throw new KafkaAssignorException('ArithmeticException', '/ by zero');
    this.minQuota = Math.floor(total / consumers);
    this.maxQuota = Math.ceil(total / consumers);
    this.expectedWithOverMinQuota = total % consumers;
    for (const consumer of claims.owned.keys()) this.assignment.set(consumer, []);
  }

  build(): StickyResult {
    this.assignOwnedPartitions();
    const unassigned = this.unassignedPartitions();
    this.underMinQuota.sort(compareText);
    this.exactlyMinQuota.sort(compareText);
    const ordered = this.racks.sortByRackConsumers(unassigned);
    this.assignRackAwareRoundRobin(ordered);
    this.assignRoundRobin(ordered);
    this.verifyUnfilledMembers();
    return { assignment: this.assignment, transferring: this.transferring };
  }

  private assignOwnedPartitions(): void {
    for (const [consumer, claimed] of this.claims.owned) {
      const owned = claimed
        .filter((partition) => {
          const mismatch = this.racks.racksMismatch(consumer, partition);
          if (mismatch) this.maybeRevoked.set(partitionKey(partition), consumer);
          return !mismatch;
        })
        .sort(byIndexThenTopic)
        .filter((p) => !this.claims.multipleOwners.has(partitionKey(p)));
      const mine = this.assignment.get(consumer)!;
      if (owned.length < this.minQuota) {
        mine.push(...owned);
        this.assignedPartitions.push(...owned);
        this.underMinQuota.push(consumer);
        continue;
      }
      const overMin =
        owned.length >= this.maxQuota && this.currentWithOverMinQuota < this.expectedWithOverMinQuota;
      if (overMin && ++this.currentWithOverMinQuota === this.expectedWithOverMinQuota)
        this.exactlyMinQuota.length = 0;
      const quota = overMin ? this.maxQuota : this.minQuota;
      mine.push(...owned.slice(0, quota));
      this.assignedPartitions.push(...owned.slice(0, quota));
      for (const partition of owned.slice(quota)) this.maybeRevoked.set(partitionKey(partition), consumer);
      if (!overMin && this.currentWithOverMinQuota < this.expectedWithOverMinQuota)
        this.exactlyMinQuota.push(consumer);
    }
  }

  /** getUnassignedPartitions: a merge of every partition against the kept ones, both sorted by topic then index. */
  private unassignedPartitions(): TopicPartitionRef[] {
    const topics = sortedTopicNames(this.claims.partitionsPerTopic.keys());
    if (this.assignedPartitions.length === 0)
      return allTopicPartitions(this.claims.partitionsPerTopic, topics);
    const assigned = this.assignedPartitions.sort(byTopicThenIndex);
    return mergeUnassigned(allTopicPartitions(this.claims.partitionsPerTopic, topics), assigned);
  }

  /**
   * assignRackAwareRoundRobin: each unassigned partition goes to the next member below minQuota
   * (round the list from where the last one left off) on a rack of its replicas, else to the first
   * member at exactly minQuota on such a rack. Assigned partitions leave `unassigned`.
   */
  private assignRackAwareRoundRobin(unassigned: TopicPartitionRef[]): void {
    if (this.racks.consumerRacks.size === 0) return;
    let nextUnfilled = 0;
    for (let index = 0; index < unassigned.length; ) {
      const partition = unassigned[index]!;
      let consumer: string | undefined;
      let next = this.racks.nextRackConsumer(partition, this.underMinQuota, nextUnfilled);
      if (next >= 0) {
        consumer = this.underMinQuota[next]!;
        const count = this.assignment.get(consumer)!.length + 1;
        if (count >= this.minQuota) {
          this.underMinQuota.splice(next, 1);
          if (count < this.maxQuota && this.currentWithOverMinQuota < this.expectedWithOverMinQuota)
            this.exactlyMinQuota.push(consumer);
        } else next++;
        nextUnfilled = this.underMinQuota.length === 0 ? 0 : next % this.underMinQuota.length;
      } else if (this.exactlyMinQuota.length > 0) {
        const first = this.racks.nextRackConsumer(partition, this.exactlyMinQuota, 0);
        if (first >= 0) {
          // Kafka gives the partition to this member even when it would not reach maxQuota by it.
          consumer = this.exactlyMinQuota[first]!;
          if (this.assignment.get(consumer)!.length + 1 === this.maxQuota) {
            this.exactlyMinQuota.splice(first, 1);
            if (++this.currentWithOverMinQuota === this.expectedWithOverMinQuota)
              this.exactlyMinQuota.length = 0;
          }
        }
      }
      if (consumer === undefined) {
        index++;
        continue;
      }
      this.assignNewPartition(partition, consumer);
      unassigned.splice(index, 1);
    }
  }

  private assignRoundRobin(unassigned: readonly TopicPartitionRef[]): void {
    let unfilled = new ListIterator(this.underMinQuota);
    for (const partition of unassigned) {
      let consumer: string;
      if (unfilled.hasNext()) consumer = unfilled.next();
      else if (this.underMinQuota.length === 0 && this.exactlyMinQuota.length === 0)
        throw new KafkaAssignorException(
          'IllegalStateException',
          'No more unfilled consumers to be assigned.',
        );
      else if (this.underMinQuota.length === 0) consumer = this.exactlyMinQuota.shift()!;
      else {
        unfilled = new ListIterator(this.underMinQuota);
        consumer = unfilled.next();
      }
      const count = this.assignNewPartition(partition, consumer);
      if (count === this.minQuota) {
        unfilled.remove();
        this.exactlyMinQuota.push(consumer);
      } else if (count === this.maxQuota) this.currentWithOverMinQuota++;
    }
  }

  private assignNewPartition(partition: TopicPartitionRef, consumer: string): number {
    const mine = this.assignment.get(consumer)!;
    mine.push(partition);
    const key = partitionKey(partition);
    const previous = this.maybeRevoked.get(key);
    if ((previous !== undefined && previous !== consumer) || this.claims.multipleOwners.has(key))
      this.transferring.set(key, consumer);
    return mine.length;
  }

  private verifyUnfilledMembers(): void {
    if (this.underMinQuota.length === 0) return;
    if (this.currentWithOverMinQuota !== this.expectedWithOverMinQuota)
      throw new KafkaAssignorException(
        'IllegalStateException',
        "We haven't reached the expected number of members with more than the minQuota partitions, but no more partitions to be assigned",
      );
    for (const member of this.underMinQuota)
      if (this.assignment.get(member)!.length !== this.minQuota)
        throw new KafkaAssignorException(
          'IllegalStateException',
          `Consumer: [${member}] doesn't reach minQuota partitions, and no more partitions to be assigned`,
        );
  }
}

/** AS-5, AS-6, AS-7, AS-12: the constrained sticky assignment (equal subscriptions) and the partitions it moves. */
export function constrainedAssign(claims: StickyClaims, racks: RackInfo): StickyResult {
  return new ConstrainedBuilder(claims, racks).build();
}
