// StickyAssignor and CooperativeStickyAssignor, ported from Kafka 4.4's AbstractStickyAssignor
// (clients/.../consumer/internals/AbstractStickyAssignor.java): the claims are resolved, then the
// constrained algorithm runs when every member subscribes to the same topics and the general one
// otherwise (sticky/), both rack-aware when members and replicas have racks. Where Kafka's result depends on the iteration order of a HashMap, the model
// reproduces Java's order (java-hash-set.ts); where Kafka throws, it throws KafkaAssignorException.
import { javaHashMapKeyOrder } from './java-hash-set.ts';
import { checkUniqueMembers, emptyPlan, partitionKey, sortPlan } from './order.ts';
import { resolveClaims } from './sticky/claims.ts';
import { constrainedAssign, type StickyResult } from './sticky/constrained.ts';
import { generalAssign } from './sticky/general.ts';
import { RackInfo } from './sticky/rack-info.ts';
import type { AssignmentPlan, AssignorInput } from './types.ts';

/** AbstractStickyAssignor.assignPartitions: the leader's member order is its HashMap's. */
function stickyResult(input: AssignorInput): StickyResult {
  checkUniqueMembers(input);
  const memberOrder = javaHashMapKeyOrder(input.members.map((member) => member.memberId));
  const claims = resolveClaims(input, memberOrder);
  const racks = new RackInfo(input, claims.partitionsPerTopic);
  return claims.equalSubscriptions
    ? constrainedAssign(claims, racks)
    : generalAssign(claims, memberOrder, racks);
}

function toPlan(
  input: AssignorInput,
  assignment: ReadonlyMap<string, readonly { topic: string; partition: number }[]>,
): AssignmentPlan {
  const plan = emptyPlan(input);
  for (const [memberId, partitions] of assignment)
    plan[memberId] = partitions.map(({ topic, partition }) => ({ topic, partition }));
  return sortPlan(plan);
}

/** AS-5, AS-6: StickyAssignor.assign. */
export function stickyAssign(input: AssignorInput): AssignmentPlan {
  return toPlan(input, stickyResult(input).assignment);
}

/**
 * CooperativeStickyAssignor.computePartitionsTransferringOwnership (general case): partitions
 * assigned to a member that did not list them as owned, which some member listed as owned and
 * does not get. Reads the raw owned lists, stale claims included.
 */
function transferring(
  input: AssignorInput,
  assignment: ReadonlyMap<string, readonly { topic: string; partition: number }[]>,
): Map<string, string> {
  const added = new Map<string, string>();
  const revoked = new Set<string>();
  for (const member of input.members) {
    const owned = new Set((member.owned ?? []).map(partitionKey));
    const assigned = new Set((assignment.get(member.memberId) ?? []).map(partitionKey));
    for (const key of assigned) if (!owned.has(key)) added.set(key, member.memberId);
    for (const key of owned) if (!assigned.has(key)) revoked.add(key);
  }
  for (const key of added.keys()) if (!revoked.has(key)) added.delete(key);
  return added;
}

/**
 * AS-7: CooperativeStickyAssignor.assignPartitions: the sticky plan minus every partition
 * transferring ownership (adjustAssignment); it is revoked from its owner this round and assigned
 * in the next rebalance.
 */
export function cooperativeStickyAssign(input: AssignorInput): AssignmentPlan {
  const { assignment, transferring: constrained } = stickyResult(input);
  for (const [key, memberId] of constrained ?? transferring(input, assignment)) {
    const partitions = assignment.get(memberId)!;
    const index = partitions.findIndex((partition) => partitionKey(partition) === key);
    if (index >= 0) partitions.splice(index, 1);
  }
  return toPlan(input, assignment);
}
