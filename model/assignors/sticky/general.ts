// AbstractStickyAssignor.GeneralAssignmentBuilder: the sticky assignment when subscriptions differ.
// Members keep their still-subscribed claims; each unassigned partition goes to the member holding
// fewest (then lowest id) among its subscribers; then partitions move, in the order of topics with
// fewest subscribers first, from a member holding at least two more than another subscriber, back
// to the member that held it in an older generation where that evens things out; the moves are
// undone if they did not improve the balance score (except on a first assignment). With racks
// (AS-13) a claim without a replica on the member's rack is given up, and unassigned partitions go
// to rack-matching members first.
import { KafkaAssignorException } from '../kafka-exception.ts';
import { KafkaAssignorLivelock } from '../kafka-livelock.ts';
import { compareText, partitionKey } from '../order.ts';
import type { TopicPartitionRef } from '../types.ts';
import { allTopicPartitions, generationOf, type StickyClaims } from './claims.ts';
import type { StickyResult } from './constrained.ts';
import { PartitionMovements } from './partition-movements.ts';
import type { RackInfo } from './rack-info.ts';
import { SortedConsumers } from './sorted-consumers.ts';
import { mergeUnassigned } from './unassigned-merge.ts';

interface PreviousOwner {
  readonly consumer: string;
  readonly generation: number;
}

class GeneralBuilder {
  private readonly topicConsumers = new Map<string, string[]>();
  private readonly consumerTopics = new Map<string, string[]>();
  /** currentAssignment: starts as the kept claims and becomes the answer. */
  private readonly current: Map<string, TopicPartitionRef[]>;
  private readonly partitionConsumer = new Map<string, string>();
  private sortedAllPartitions: TopicPartitionRef[];
  private readonly sorted: SortedConsumers;
  private readonly movements = new PartitionMovements();
  private readonly totalPartitions: number;
  private revocationRequired = false;

  constructor(
    private readonly claims: StickyClaims,
    private readonly memberOrder: readonly string[],
    private readonly racks: RackInfo,
  ) {
    for (const topic of claims.partitionsPerTopic.keys()) this.topicConsumers.set(topic, []);
    for (const consumer of memberOrder) {
      const topics = claims.members
        .get(consumer)!
        .topics.filter((topic) => claims.partitionsPerTopic.has(topic));
      this.consumerTopics.set(consumer, topics);
      for (const topic of topics) this.topicConsumers.get(topic)!.push(consumer);
    }
    this.current = claims.owned;
    for (const [consumer, partitions] of this.current)
      for (const partition of partitions) this.partitionConsumer.set(partitionKey(partition), consumer);
    this.sortedAllPartitions = allTopicPartitions(
      claims.partitionsPerTopic,
      [...this.topicConsumers.keys()].sort(this.byConsumerCount),
    );
    this.sorted = new SortedConsumers(this.current);
    this.totalPartitions = [...claims.partitionsPerTopic.values()].reduce((sum, count) => sum + count, 0);
  }

  /** TopicComparator: topics with fewer potential consumers first, then by name. */
  private readonly byConsumerCount = (left: string, right: string): number =>
    this.topicConsumers.get(left)!.length - this.topicConsumers.get(right)!.length ||
    compareText(left, right);

  build(): StickyResult {
    const previous = this.previousOwners();
    const unassigned = this.unassignedPartitions(this.assignOwnedPartitions());
    for (const consumer of this.current.keys()) this.sorted.add(consumer);
    this.balance(previous, unassigned);
    return { assignment: this.current };
  }

  /** prepopulateCurrentAssignments: claims from generations older than the newest, the newest such claim per partition. */
  private previousOwners(): Map<string, PreviousOwner> {
    const previous = new Map<string, PreviousOwner>();
    for (const consumer of this.memberOrder) {
      const member = this.claims.members.get(consumer)!;
      const generation = generationOf(member);
      if (generation >= this.claims.maxGeneration) continue;
      for (const partition of member.owned ?? []) {
        const key = partitionKey(partition);
        const known = previous.get(key);
        if (known === undefined || generation > known.generation) previous.set(key, { consumer, generation });
      }
    }
    return previous;
  }

  /** Keeps the claims on subscribed topics; a claim on a topic no longer subscribed forces a revocation. */
  private assignOwnedPartitions(): TopicPartitionRef[] {
    const assigned: TopicPartitionRef[] = [];
    for (const [consumer, partitions] of this.current) {
      const subscribed = this.claims.members.get(consumer)!.topics;
      const kept = partitions.filter((partition) => {
        if (!this.topicConsumers.has(partition.topic)) {
          this.partitionConsumer.delete(partitionKey(partition));
          return false;
        }
        if (!subscribed.includes(partition.topic) || this.racks.racksMismatch(consumer, partition)) {
          this.revocationRequired = true;
          return false;
        }
        assigned.push(partition);
        return true;
      });
      partitions.splice(0, partitions.length, ...kept);
    }
    return assigned;
  }

  /**
   * getUnassignedPartitions: a merge of every partition against the kept ones, both in
   * PartitionComparator order (a kept claim on a partition index the topic lacks derails the merge
   * in Kafka too: everything after it counts as unassigned).
   */
  private unassignedPartitions(assigned: TopicPartitionRef[]): TopicPartitionRef[] {
    if (assigned.length === 0) return [...this.sortedAllPartitions];
    assigned.sort(
      (left, right) => this.byConsumerCount(left.topic, right.topic) || left.partition - right.partition,
    );
    return mergeUnassigned(this.sortedAllPartitions, assigned);
  }

  private balance(
    previous: ReadonlyMap<string, PreviousOwner>,
    unassignedPartitions: TopicPartitionRef[],
  ): void {
    const initializing = this.sorted.sizeOf(this.sorted.last()) === 0;
    let toAssign = unassignedPartitions;
    if (this.racks.consumerRacks.size > 0) {
      toAssign = [...unassignedPartitions];
      this.maybeAssign(toAssign, true);
    }
    this.maybeAssign(toAssign, false);
    const fixedTopics = new Set(
      [...this.topicConsumers].filter(([, consumers]) => consumers.length < 2).map(([topic]) => topic),
    );
    const reassignable = (partition: TopicPartitionRef) => !fixedTopics.has(partition.topic);
    this.sortedAllPartitions = this.sortedAllPartitions.filter(reassignable);
    const unassigned = unassignedPartitions.filter(reassignable);
    const fixed = new Map<string, TopicPartitionRef[]>();
    for (const consumer of this.consumerTopics.keys()) {
      if (this.canParticipate(consumer)) continue;
      this.sorted.remove(consumer);
      fixed.set(consumer, this.current.get(consumer)!);
      this.current.delete(consumer);
    }
    const before = new Map([...this.current].map(([consumer, partitions]) => [consumer, [...partitions]]));
    const ownersBefore = new Map(this.partitionConsumer);
    if (!this.revocationRequired) this.performReassignments(unassigned, previous);
    const reassigned = this.performReassignments(this.sortedAllPartitions, previous);
    if (!initializing && reassigned && balanceScore(this.current) >= balanceScore(before)) {
      this.current.clear();
      for (const [consumer, partitions] of before) this.current.set(consumer, partitions);
      this.partitionConsumer.clear();
      for (const [key, consumer] of ownersBefore) this.partitionConsumer.set(key, consumer);
    }
    for (const [consumer, partitions] of fixed) this.current.set(consumer, partitions);
  }

  /**
   * maybeAssign: each partition of a topic someone subscribes to goes to its subscriber holding
   * fewest partitions, then lowest member id; in the rack pass only to a member whose rack matches,
   * and the partitions placed there leave `partitions` for the plain pass that follows.
   */
  private maybeAssign(partitions: TopicPartitionRef[], matchRacks: boolean): void {
    for (let index = 0; index < partitions.length; index++) {
      const partition = partitions[index]!;
      if (this.topicConsumers.get(partition.topic)!.length === 0) continue;
      if (this.assignToFewest(partition, matchRacks) && matchRacks) partitions.splice(index--, 1);
    }
  }

  /** maybeAssignPartition: the subscriber holding fewest partitions, then lowest member id. */
  private assignToFewest(partition: TopicPartitionRef, matchRacks: boolean): boolean {
    const consumer = this.sorted
      .values()
      .find(
        (candidate) =>
          this.consumerTopics.get(candidate)!.includes(partition.topic) &&
          !(matchRacks && this.racks.racksMismatch(candidate, partition)),
      );
    if (consumer === undefined) return false;
    this.sorted.remove(consumer);
    this.current.get(consumer)!.push(partition);
    this.partitionConsumer.set(partitionKey(partition), consumer);
    this.sorted.add(consumer);
    return true;
  }

  /** getMaxAssignmentSize: every partition of the member's topics. */
  private maxAssignmentSize(topics: readonly string[]): number {
    if (topics.length === this.claims.partitionsPerTopic.size) return this.totalPartitions;
    return topics.reduce((sum, topic) => sum + this.claims.partitionsPerTopic.get(topic)!, 0);
  }

  private canParticipate(consumer: string): boolean {
    const partitions = this.current.get(consumer)!;
    if (partitions.length < this.maxAssignmentSize(this.consumerTopics.get(consumer)!)) return true;
    return partitions.some((partition) => this.topicConsumers.get(partition.topic)!.length >= 2);
  }

  /**
   * isBalanced: sizes within one, or no partition can go to a subscriber holding two fewer than its
   * owner. A partition the member itself holds is skipped by its own list, not by the owner map: a
   * partition held twice (a claim on an index the topic lacks derails getUnassignedPartitions, so
   * a kept claim is also handed out again) maps to whichever holder the HashMap iterates last.
   */
  private isBalanced(): boolean {
    if (this.sorted.sizeOf(this.sorted.first()) >= this.sorted.sizeOf(this.sorted.last()) - 1) return true;
    const owners = new Map<string, string>();
    for (const [consumer, partitions] of this.current)
      for (const partition of partitions) owners.set(partitionKey(partition), consumer);
    for (const consumer of this.sorted.values()) {
      const count = this.sorted.sizeOf(consumer);
      const topics = this.consumerTopics.get(consumer)!;
      if (count === this.maxAssignmentSize(topics)) continue;
      const held = new Set(this.current.get(consumer)!.map(partitionKey));
      for (const topic of topics)
        for (let partition = 0; partition < this.claims.partitionsPerTopic.get(topic)!; partition++) {
          const key = partitionKey({ topic, partition });
          if (held.has(key)) continue;
          const owner = owners.get(key);
          if (count + 1 < this.sorted.sizeOf(owner)) return false;
        }
    }
    return true;
  }

  private performReassignments(
    partitions: readonly TopicPartitionRef[],
    previous: ReadonlyMap<string, PreviousOwner>,
  ): boolean {
    let reassigned = false;
    let modified: boolean;
    const passStarts = new Set<string>();
    do {
      // AS-14: a pass starting where an earlier pass started repeats it forever, in Kafka as here.
      const state = this.signature();
      if (passStarts.has(state))
        throw new KafkaAssignorLivelock(
          `the general sticky assignment's balancing passes repeat after ${passStarts.size} passes`,
        );
      passStarts.add(state);
      modified = false;
      for (let index = 0; index < partitions.length && !this.isBalanced(); index++) {
        const partition = partitions[index]!;
        const consumer = this.partitionConsumer.get(partitionKey(partition));
        const earlier = previous.get(partitionKey(partition));
        if (earlier && this.sorted.sizeOf(consumer) > this.sorted.sizeOf(earlier.consumer) + 1) {
          this.reassign(partition, earlier.consumer);
          reassigned = modified = true;
          continue;
        }
        // Kafka looks for a lighter subscriber on the partition's racks first, then for any; either
        // way the partition goes to the subscriber holding fewest (reassignPartition).
        if (this.lighterRackPeer(partition, consumer) || this.lighterPeer(partition, consumer)) {
          this.reassign(partition, this.fewestSubscriber(partition));
          reassigned = modified = true;
        }
      }
    } while (modified);
    return reassigned;
  }

  /** A subscriber holding two fewer than `consumer`, both on racks of the partition's replicas (AS-13). */
  private lighterRackPeer(partition: TopicPartitionRef, consumer: string | undefined): boolean {
    const rack = consumer === undefined ? undefined : this.racks.consumerRacks.get(consumer);
    if (rack === undefined) return false;
    // Rack-aware: every partition of a subscribed topic has its entry.
    const racks = this.racks.partitionRacks.get(partitionKey(partition))!;
    if (racks.size === 0 || !racks.has(rack)) return false;
    return this.topicConsumers.get(partition.topic)!.some((other) => {
      const otherRack = this.racks.consumerRacks.get(other);
      return (
        otherRack !== undefined &&
        racks.has(otherRack) &&
        this.sorted.sizeOf(consumer) > this.sorted.sizeOf(other) + 1
      );
    });
  }

  private lighterPeer(partition: TopicPartitionRef, consumer: string | undefined): boolean {
    const count = this.sorted.sizeOf(consumer);
    return this.topicConsumers.get(partition.topic)!.some((other) => count > this.sorted.sizeOf(other) + 1);
  }

  /**
   * Everything a balancing pass reads and changes: the assignment (lists in order), the owner of
   * each partition, the sorted members and the recorded moves. The rest is fixed during balancing.
   */
  private signature(): string {
    const assignment = [...this.current].map(([consumer, partitions]) => [
      consumer,
      partitions.map(partitionKey),
    ]);
    const owners = [...this.partitionConsumer].sort(([left], [right]) => compareText(left, right));
    return JSON.stringify([assignment, owners, this.sorted.values(), this.movements.signature()]);
  }

  private fewestSubscriber(partition: TopicPartitionRef): string {
    const consumer = this.sorted
      .values()
      .find((candidate) => this.consumerTopics.get(candidate)!.includes(partition.topic));
    if (consumer === undefined)
      throw new KafkaAssignorException(
        'NullPointerException',
        `no subscriber for ${partitionKey(partition)}`,
      );
    return consumer;
  }

  /** reassignPartition: moves `partition`, or one that earlier moved the opposite way, to `newConsumer`. */
  private reassign(partition: TopicPartitionRef, newConsumer: string): void {
    const consumer = this.partitionConsumer.get(partitionKey(partition))!;
    const moving = this.movements.partitionToMove(partition, consumer, newConsumer);
    const oldConsumer = this.partitionConsumer.get(partitionKey(moving))!;
    this.sorted.remove(oldConsumer);
    this.sorted.remove(newConsumer);
    this.movements.movePartition(moving, oldConsumer, newConsumer);
    const from = this.current.get(oldConsumer);
    const to = this.current.get(newConsumer);
    if (!from || !to)
      throw new KafkaAssignorException(
        'NullPointerException',
        `no assignment for ${oldConsumer} or ${newConsumer}`,
      );
    const index = from.findIndex((p) => partitionKey(p) === partitionKey(moving));
    if (index >= 0) from.splice(index, 1);
    to.push(moving);
    this.partitionConsumer.set(partitionKey(moving), newConsumer);
    this.sorted.add(newConsumer);
    this.sorted.add(oldConsumer);
  }
}

/** getBalanceScore: the sum of load differences over every pair of members. */
function balanceScore(assignment: ReadonlyMap<string, readonly TopicPartitionRef[]>): number {
  const sizes = [...assignment.values()].map((partitions) => partitions.length);
  let score = 0;
  for (let left = 0; left < sizes.length; left++)
    for (let right = left + 1; right < sizes.length; right++) score += Math.abs(sizes[left]! - sizes[right]!);
  return score;
}

/** AS-5, AS-6, AS-13: the general sticky assignment (subscriptions differ). */
export function generalAssign(
  claims: StickyClaims,
  memberOrder: readonly string[],
  racks: RackInfo,
): StickyResult {
  return new GeneralBuilder(claims, memberOrder, racks).build();
}
