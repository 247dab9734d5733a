// StickyAssignor / CooperativeStickyAssignor (clients/.../consumer/internals/AbstractStickyAssignor.java),
// re-derived from their documented goals rather than their code: first balance, then keep as much
// of the previous assignment as balance allows. With equal subscriptions the quotas are exact
// (constrained case); otherwise partitions move from the most to a less loaded eligible member
// until no move can narrow the gap.
import {
  checkUniqueMembers,
  compareTopicPartitions,
  emptyPlan,
  partitionKey,
  sortedMembers,
  sortPlan,
  subscribedPartitions,
} from './order.ts';
import type { AssignmentPlan, AssignorInput, AssignorMember, TopicPartitionRef } from './types.ts';

/** The previously owned partitions that may be kept: existing, subscribed, claimed once (first member in AS-1 order wins). */
export function validOwned(
  input: AssignorInput,
  members: readonly AssignorMember[],
): Map<string, TopicPartitionRef[]> {
  const claimed = new Set<string>();
  const kept = new Map<string, TopicPartitionRef[]>();
  for (const member of members) {
    const mine: TopicPartitionRef[] = [];
    for (const partition of [...(member.owned ?? [])].sort(compareTopicPartitions)) {
      const exists = partition.partition >= 0 && partition.partition < (input.topics[partition.topic] ?? 0);
      const key = partitionKey(partition);
      if (!exists || !member.topics.includes(partition.topic) || claimed.has(key)) continue;
      claimed.add(key);
      mine.push({ topic: partition.topic, partition: partition.partition });
    }
    kept.set(member.memberId, mine);
  }
  return kept;
}

function equalSubscriptions(members: readonly AssignorMember[]): boolean {
  const first = [...new Set(members[0]?.topics ?? [])].sort().join('\u0000');
  return members.every((member) => [...new Set(member.topics)].sort().join('\u0000') === first);
}

/** AS-5, AS-6: equal subscriptions: each member keeps up to its quota of what it owned, the rest is dealt to fill quotas. */
function constrainedAssign(
  members: readonly AssignorMember[],
  all: readonly TopicPartitionRef[],
  owned: Map<string, TopicPartitionRef[]>,
): AssignmentPlan {
  const minQuota = Math.floor(all.length / members.length);
  const maxQuota = Math.ceil(all.length / members.length);
  const expectedWithMax = all.length % members.length;
  let membersWithMax = 0;
  const plan: AssignmentPlan = {};
  const taken = new Set<string>();
  for (const member of members) {
    const mine = owned.get(member.memberId) ?? [];
    const quota =
      mine.length >= maxQuota && maxQuota > minQuota && membersWithMax < expectedWithMax
        ? maxQuota
        : minQuota;
    if (quota === maxQuota && maxQuota > minQuota) membersWithMax++;
    const keep = mine.slice(0, quota);
    for (const partition of keep) taken.add(partitionKey(partition));
    plan[member.memberId] = keep;
  }
  const unassigned = all.filter((partition) => !taken.has(partitionKey(partition)));
  let next = 0;
  for (const member of members) {
    const mine = plan[member.memberId]!;
    while (mine.length < minQuota && next < unassigned.length) mine.push(unassigned[next++]!);
  }
  for (const member of members) {
    if (next >= unassigned.length || membersWithMax >= expectedWithMax) break;
    const mine = plan[member.memberId]!;
    if (mine.length === minQuota && maxQuota > minQuota) {
      mine.push(unassigned[next++]!);
      membersWithMax++;
    }
  }
  if (next !== unassigned.length)
    throw new Error('sticky assignor: constrained quotas left partitions unassigned');
  return plan;
}

/** AS-5, AS-6: unequal subscriptions: keep what is owned, give the rest to the least loaded eligible member, then even out. */
function generalAssign(
  members: readonly AssignorMember[],
  all: readonly TopicPartitionRef[],
  owned: Map<string, TopicPartitionRef[]>,
): AssignmentPlan {
  const plan: AssignmentPlan = {};
  const taken = new Set<string>();
  for (const member of members) {
    const mine = [...(owned.get(member.memberId) ?? [])];
    for (const partition of mine) taken.add(partitionKey(partition));
    plan[member.memberId] = mine;
  }
  const eligible = (partition: TopicPartitionRef) =>
    members.filter((member) => member.topics.includes(partition.topic));
  for (const partition of all) {
    if (taken.has(partitionKey(partition))) continue;
    const target = leastLoaded(eligible(partition), plan);
    plan[target.memberId]!.push(partition);
  }
  // Each move narrows some gap of >= 2 to a smaller one, so the sum of squared loads strictly falls:
  // the loop ends; the bound is a guard, not a limit the algorithm relies on.
  const bound = all.length * all.length + members.length;
  for (let moves = 0; moves < bound; moves++) if (!moveOne(members, plan)) return plan;
  throw new Error('sticky assignor: balancing did not converge');
}

function leastLoaded(candidates: readonly AssignorMember[], plan: AssignmentPlan): AssignorMember {
  let best = candidates[0]!;
  for (const candidate of candidates)
    if (plan[candidate.memberId]!.length < plan[best.memberId]!.length) best = candidate;
  return best;
}

// Moves one partition from a member to an eligible member holding at least two fewer; the most
// loaded giver first, and a partition it did not own before first (stickiness).
function moveOne(members: readonly AssignorMember[], plan: AssignmentPlan): boolean {
  const byLoad = [...members].sort(
    (left, right) => plan[right.memberId]!.length - plan[left.memberId]!.length,
  );
  for (const giver of byLoad) {
    const given = plan[giver.memberId]!;
    for (let index = given.length - 1; index >= 0; index--) {
      const partition = given[index]!;
      const takers = members.filter(
        (member) =>
          member.topics.includes(partition.topic) && plan[member.memberId]!.length <= given.length - 2,
      );
      if (takers.length === 0) continue;
      given.splice(index, 1);
      plan[leastLoaded(takers, plan).memberId]!.push(partition);
      return true;
    }
  }
  return false;
}

/** AS-5, AS-6: the sticky plan: balanced first, then as much of each member's previous assignment as balance allows. */
export function stickyAssign(input: AssignorInput): AssignmentPlan {
  checkUniqueMembers(input);
  const members = sortedMembers(input.members);
  if (members.length === 0) return {};
  const all = subscribedPartitions(input);
  const owned = validOwned(input, members);
  const plan = equalSubscriptions(members)
    ? constrainedAssign(members, all, owned)
    : generalAssign(members, all, owned);
  return sortPlan({ ...emptyPlan(input), ...plan });
}

/**
 * AS-7: cooperative-sticky: the sticky plan, minus every partition another member still owns. Those
 * are only revoked in this round (their owner drops them) and assigned in the next rebalance.
 */
export function cooperativeStickyAssign(input: AssignorInput): AssignmentPlan {
  const plan = stickyAssign(input);
  const owner = new Map<string, string>();
  for (const [memberId, partitions] of validOwned(input, sortedMembers(input.members)))
    for (const partition of partitions) owner.set(partitionKey(partition), memberId);
  for (const [memberId, partitions] of Object.entries(plan)) {
    plan[memberId] = partitions.filter((partition) => {
      const previous = owner.get(partitionKey(partition));
      return previous === undefined || previous === memberId;
    });
  }
  return plan;
}
