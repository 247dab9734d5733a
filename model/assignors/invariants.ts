// The assignment invariants Kafka's assignor tests assert, as one checker usable by tests and tools.
import { partitionKey, subscribedPartitions } from './order.ts';
import type { AssignmentPlan, AssignorInput, Strategy } from './types.ts';

export interface AssignmentViolation {
  readonly rules: readonly string[];
  readonly message: string;
}

/**
 * AS-4: every partition has at most one owner, members get only topics they subscribe to, and every
 * subscribed partition is assigned (cooperative-sticky: except partitions being revoked from
 * another member this round). AS-5: with equal subscriptions the sticky assignors balance within 1.
 */
export function checkAssignment(
  input: AssignorInput,
  plan: AssignmentPlan,
  strategy: Strategy,
): AssignmentViolation[] {
  const violations: AssignmentViolation[] = [];
  const owner = new Map<string, string>();
  const subscriptions = new Map(input.members.map((member) => [member.memberId, member.topics]));
  for (const [memberId, partitions] of Object.entries(plan)) {
    for (const partition of partitions) {
      const key = partitionKey(partition);
      const previous = owner.get(key);
      if (previous !== undefined)
        violations.push({ rules: ['AS-4'], message: `${key} assigned to ${previous} and ${memberId}` });
      owner.set(key, memberId);
      if (!subscriptions.get(memberId)?.includes(partition.topic))
        violations.push({
          rules: ['AS-4'],
          message: `${memberId} got ${key} without subscribing to ${partition.topic}`,
        });
    }
  }
  const ownedElsewhere = new Set(input.members.flatMap((member) => (member.owned ?? []).map(partitionKey)));
  for (const partition of subscribedPartitions(input)) {
    const key = partitionKey(partition);
    if (owner.has(key)) continue;
    if (strategy === 'cooperative-sticky' && ownedElsewhere.has(key)) continue;
    violations.push({ rules: ['AS-4'], message: `${key} is subscribed but unassigned` });
  }
  if ((strategy === 'sticky' || strategy === 'cooperative-sticky') && input.members.length > 0) {
    const first = [...new Set(input.members[0]!.topics)].sort().join(',');
    const equal = input.members.every((member) => [...new Set(member.topics)].sort().join(',') === first);
    const loads = Object.values(plan).map((partitions) => partitions.length);
    if (equal && strategy === 'sticky' && Math.max(...loads) - Math.min(...loads) > 1)
      violations.push({ rules: ['AS-5'], message: `unbalanced: loads ${loads.join(',')}` });
  }
  return violations;
}
