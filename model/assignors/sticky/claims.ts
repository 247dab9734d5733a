// What each member claims to own, after Kafka resolves conflicting claims
// (AbstractStickyAssignor.assignPartitions and allSubscriptionsEqual), and which of the two
// sticky algorithms runs: the constrained one when every member subscribes to the same topics.
import { compareText, partitionKey } from '../order.ts';
import type { AssignorInput, AssignorMember, TopicPartitionRef } from '../types.ts';

/** The members' claims as AbstractStickyAssignor sees them, with the maps it iterates in Java's order. */
export interface StickyClaims {
  /** Partition count of every topic some member subscribes to that has partitions (the cluster's metadata). */
  readonly partitionsPerTopic: ReadonlyMap<string, number>;
  readonly members: ReadonlyMap<string, AssignorMember>;
  /** consumerToOwnedPartitions: each member's kept claims, keys in the leader's HashMap order. */
  readonly owned: Map<string, TopicPartitionRef[]>;
  /** Partitions two members claimed in the same generation: nobody keeps them. */
  readonly multipleOwners: ReadonlySet<string>;
  readonly maxGeneration: number;
  readonly equalSubscriptions: boolean;
}

/** A member's generation as both sticky assignors read it (their user data and the Subscription agree). */
export function generationOf(member: AssignorMember): number {
  return member.generation ?? -1;
}

/** AbstractPartitionAssignor.assign(Cluster, ...): topics some member subscribes to, with at least one partition. */
function partitionsPerTopic(input: AssignorInput): Map<string, number> {
  const topics = new Map<string, number>();
  for (const member of input.members)
    for (const topic of member.topics) {
      const count = input.topics[topic] ?? 0;
      if (count > 0) topics.set(topic, count);
    }
  return topics;
}

function removeFirst(list: TopicPartitionRef[], key: string): void {
  const index = list.findIndex((partition) => partitionKey(partition) === key);
  if (index >= 0) list.splice(index, 1);
}

/**
 * AS-5: allSubscriptionsEqual. Members are visited in `memberOrder`. A claim of a topic nobody
 * subscribes to (or that has no partitions) is dropped; of two claims on one partition the higher
 * generation wins; in the same generation both lose it. The subscriptions compare with the first
 * visited member that subscribes to anything.
 */
export function resolveClaims(input: AssignorInput, memberOrder: readonly string[]): StickyClaims {
  const topics = partitionsPerTopic(input);
  const members = new Map(input.members.map((member) => [member.memberId, member]));
  const owned = new Map<string, TopicPartitionRef[]>();
  const multipleOwners = new Set<string>();
  const previousOwner = new Map<string, string>();
  const subscribed = new Set<string>();
  let equalSubscriptions = true;
  let maxGeneration = -1;
  for (const memberId of memberOrder) {
    const member = members.get(memberId)!;
    if (subscribed.size === 0) for (const topic of member.topics) subscribed.add(topic);
    else if (
      equalSubscriptions &&
      (member.topics.length !== subscribed.size || !member.topics.every((topic) => subscribed.has(topic)))
    )
      equalSubscriptions = false;
    const generation = generationOf(member);
    maxGeneration = Math.max(maxGeneration, generation);
    const mine: TopicPartitionRef[] = [];
    owned.set(memberId, mine);
    for (const partition of member.owned ?? []) {
      if (!topics.has(partition.topic)) continue;
      const key = partitionKey(partition);
      const other = previousOwner.get(key);
      if (other === undefined) {
        mine.push(partition);
        previousOwner.set(key, memberId);
        continue;
      }
      const otherGeneration = generationOf(members.get(other)!);
      if (generation === otherGeneration) {
        multipleOwners.add(key);
        removeFirst(owned.get(other)!, key);
        previousOwner.set(key, memberId);
      } else if (generation > otherGeneration) {
        mine.push(partition);
        removeFirst(owned.get(other)!, key);
        previousOwner.set(key, memberId);
      }
    }
  }
  return { partitionsPerTopic: topics, members, owned, multipleOwners, maxGeneration, equalSubscriptions };
}

/** Every partition of `topics`, in the order given, then by index (getAllTopicPartitions). */
export function allTopicPartitions(
  partitionsPerTopic: ReadonlyMap<string, number>,
  topics: readonly string[],
): TopicPartitionRef[] {
  return topics.flatMap((topic) =>
    Array.from({ length: partitionsPerTopic.get(topic) ?? 0 }, (_, partition) => ({ topic, partition })),
  );
}

export const sortedTopicNames = (topics: Iterable<string>): string[] => [...topics].sort(compareText);
