// Kafka's orderings, shared by every assignor.
import type { AssignmentPlan, AssignorInput, AssignorMember, TopicPartitionRef } from './types.ts';

export const compareText = (left: string, right: string): number =>
  left < right ? -1 : left > right ? 1 : 0;

/**
 * AS-1: members sorted as AbstractPartitionAssignor.MemberInfo.compareTo does: static members
 * (with a group.instance.id) first, ordered by instance id, then dynamic members by member id.
 * Java compares strings by UTF-16 code units, as JavaScript's `<` does.
 */
export function compareMembers(left: AssignorMember, right: AssignorMember): number {
  const leftStatic = left.groupInstanceId !== undefined;
  const rightStatic = right.groupInstanceId !== undefined;
  if (leftStatic && rightStatic) {
    const byInstance = compareText(left.groupInstanceId!, right.groupInstanceId!);
    if (byInstance !== 0) return byInstance;
  } else if (leftStatic !== rightStatic) {
    return leftStatic ? -1 : 1;
  }
  return compareText(left.memberId, right.memberId);
}

export function sortedMembers(members: readonly AssignorMember[]): AssignorMember[] {
  return [...members].sort(compareMembers);
}

export function compareTopicPartitions(left: TopicPartitionRef, right: TopicPartitionRef): number {
  return compareText(left.topic, right.topic) || left.partition - right.partition;
}

export function partitionKey(partition: TopicPartitionRef): string {
  return `${partition.topic}-${partition.partition}`;
}

/** The partitions of `topic` in index order (none for an unknown topic). */
export function partitionsOf(input: AssignorInput, topic: string): TopicPartitionRef[] {
  const count = input.topics[topic] ?? 0;
  return Array.from({ length: count }, (_, partition) => ({ topic, partition }));
}

/** Every partition of a topic at least one member subscribes to, sorted by topic then index. */
export function subscribedPartitions(input: AssignorInput): TopicPartitionRef[] {
  const topics = [...new Set(input.members.flatMap((member) => member.topics))].sort(compareText);
  return topics.flatMap((topic) => partitionsOf(input, topic));
}

export function emptyPlan(input: AssignorInput): AssignmentPlan {
  const plan: AssignmentPlan = {};
  for (const member of input.members) plan[member.memberId] = [];
  return plan;
}

export function sortPlan(plan: AssignmentPlan): AssignmentPlan {
  for (const memberId of Object.keys(plan)) plan[memberId]!.sort(compareTopicPartitions);
  return plan;
}

export function checkUniqueMembers(input: AssignorInput): void {
  const seen = new Set<string>();
  for (const member of input.members) {
    if (seen.has(member.memberId)) throw new Error(`duplicate member id ${member.memberId}`);
    seen.add(member.memberId);
  }
}
