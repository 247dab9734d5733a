// RoundRobinAssignor (clients/.../consumer/RoundRobinAssignor.java).
import { checkUniqueMembers, emptyPlan, sortedMembers, sortPlan, subscribedPartitions } from './order.ts';
import type { AssignmentPlan, AssignorInput } from './types.ts';

/**
 * AS-3: all subscribed partitions sorted by topic then index are dealt to the members in AS-1 order
 * through one circular iterator; a member not subscribed to the partition's topic is skipped.
 */
export function roundRobinAssign(input: AssignorInput): AssignmentPlan {
  checkUniqueMembers(input);
  const plan = emptyPlan(input);
  const members = sortedMembers(input.members);
  let cursor = 0;
  for (const partition of subscribedPartitions(input)) {
    // Some member subscribes to every topic subscribedPartitions returns, so this ends within one lap.
    for (let step = 0; step < members.length; step++) {
      const member = members[cursor]!;
      cursor = (cursor + 1) % members.length;
      if (member.topics.includes(partition.topic)) {
        plan[member.memberId]!.push(partition);
        break;
      }
    }
  }
  return sortPlan(plan);
}
