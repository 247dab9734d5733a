// RangeAssignor (clients/.../consumer/RangeAssignor.java, assignPartitions): per topic, the members
// subscribed to it in AS-1 order get contiguous ranges (AS-2); with racks, partitions whose replicas
// share a member's rack go to that member first (AS-11).
import { checkUniqueMembers, emptyPlan, sortedMembers, sortPlan } from './order.ts';
import { TopicAssignmentState } from './range/topic-state.ts';
import type { AssignmentPlan, AssignorInput } from './types.ts';

type MayAssign = (consumer: string, partition: number) => boolean;

function assign(
  consumer: string,
  partitions: readonly number[],
  state: TopicAssignmentState,
  plan: AssignmentPlan,
): void {
  plan[consumer]!.push(...partitions.map((partition) => ({ topic: state.topic, partition })));
  state.onAssigned(consumer, partitions);
}

/** assignRanges: each member in turn takes the first unassigned partitions it may take, up to its quota. */
function assignRanges(state: TopicAssignmentState, mayAssign: MayAssign, plan: AssignmentPlan): void {
  for (const consumer of state.consumers.keys()) {
    if (state.unassigned.size === 0) break;
    const limit = state.maxAssignable(consumer);
    const assignable: number[] = [];
    for (const partition of state.unassigned) {
      if (assignable.length >= limit) break;
      if (mayAssign(consumer, partition)) assignable.push(partition);
    }
    if (assignable.length > 0) assign(consumer, assignable, state, plan);
  }
}

/**
 * assignCoPartitionedWithRackMatching: topics with the same subscribers and partition count are
 * assigned together, index by index, to the first remaining member matching the racks of that
 * index in every topic and below quota in each; a member at quota everywhere leaves the rotation.
 */
function assignCoPartitioned(
  consumers: readonly string[],
  partitionCount: number,
  states: readonly TopicAssignmentState[],
  plan: AssignmentPlan,
): void {
  const remaining = [...consumers];
  for (let partition = 0; partition < partitionCount; partition++) {
    const consumer = remaining.find((candidate) =>
      states.every((state) => state.racksMatch(candidate, partition) && state.maxAssignable(candidate) > 0),
    );
    if (consumer === undefined) continue;
    for (const state of states) assign(consumer, [partition], state, plan);
    if (states.some((state) => state.maxAssignable(consumer) > 0)) continue;
    remaining.splice(remaining.indexOf(consumer), 1);
    if (remaining.length === 0) break;
  }
}

/**
 * assignWithRackMatching: topics grouped by subscribers, then by partition count (0 for topics
 * whose subscribers have no rack). Kafka walks the groups in HashMap order; no topic is in two
 * groups and each topic keeps its own quota, so the order cannot change the plan.
 */
function assignWithRackMatching(states: readonly TopicAssignmentState[], plan: AssignmentPlan): void {
  const groups = new Map<string, TopicAssignmentState[]>();
  for (const state of states) {
    const key = `${state.partitionRacks.size} ${state.consumersKey()}`;
    groups.set(key, [...(groups.get(key) ?? []), state]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    if (group.length > 1)
      assignCoPartitioned([...first.consumers.keys()], first.partitionRacks.size, group, plan);
    else if (first.needsRackAwareAssignment)
      assignRanges(first, (consumer, partition) => first.racksMatch(consumer, partition), plan);
  }
}

/**
 * AS-2: per topic n = P / C partitions each, and the first P % C members one more, in contiguous
 * ranges. AS-11: when some topic needs rack-aware assignment, rack-matching partitions go first,
 * then the ranges fill every member's remaining quota.
 */
export function rangeAssign(input: AssignorInput): AssignmentPlan {
  checkUniqueMembers(input);
  const plan = emptyPlan(input);
  const members = sortedMembers(input.members);
  const topics = [...new Set(members.flatMap((member) => member.topics))];
  const states = topics
    .filter((topic) => (input.topics[topic] ?? 0) > 0)
    .map(
      (topic) =>
        new TopicAssignmentState(
          topic,
          input.topics[topic]!,
          members.filter((member) => member.topics.includes(topic)),
          input,
        ),
    );
  if (states.some((state) => state.needsRackAwareAssignment)) assignWithRackMatching(states, plan);
  for (const state of states) assignRanges(state, () => true, plan);
  return sortPlan(plan);
}
