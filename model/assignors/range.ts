// RangeAssignor (clients/.../consumer/RangeAssignor.java), without the rack-aware refinement:
// per topic, the members subscribed to it in AS-1 order get contiguous ranges.
import { checkUniqueMembers, emptyPlan, partitionsOf, sortedMembers, sortPlan } from './order.ts';
import type { AssignmentPlan, AssignorInput } from './types.ts';

/** AS-2: per topic n = P / C partitions each, and the first P % C members one more, in contiguous ranges. */
export function rangeAssign(input: AssignorInput): AssignmentPlan {
  checkUniqueMembers(input);
  const plan = emptyPlan(input);
  const members = sortedMembers(input.members);
  const topics = [...new Set(members.flatMap((member) => member.topics))].sort();
  for (const topic of topics) {
    const subscribers = members.filter((member) => member.topics.includes(topic));
    const partitions = partitionsOf(input, topic);
    const perMember = Math.floor(partitions.length / subscribers.length);
    const withExtra = partitions.length % subscribers.length;
    subscribers.forEach((member, index) => {
      const start = perMember * index + Math.min(index, withExtra);
      const length = perMember + (index < withExtra ? 1 : 0);
      plan[member.memberId]!.push(...partitions.slice(start, start + length));
    });
  }
  return sortPlan(plan);
}
