// Rack ids as Kafka's client assignors read them (KIP-881): a member's client.rack from its
// Subscription and the racks of each partition's replicas from the leader's cluster metadata.
// Range (AS-11) and the sticky assignors (AS-12, AS-13) use them; roundrobin ignores them.
import type { AssignorInput, AssignorMember } from './types.ts';

/** Subscription.rackId as both assignors filter it: an empty rack id counts as none. */
export function memberRack(member: AssignorMember): string | undefined {
  return member.rack === undefined || member.rack === '' ? undefined : member.rack;
}

/**
 * The distinct racks of a partition's replicas (Node.rack, brokers without a rack left out); none
 * for a partition the input lists no replicas for.
 */
export function replicaRacks(input: AssignorInput, topic: string, partition: number): Set<string> {
  const replicas = input.partitionRacks?.[topic]?.[partition] ?? [];
  const racks = new Set<string>();
  for (const rack of replicas) if (rack !== null) racks.add(rack);
  return racks;
}

const sameSet = (left: ReadonlySet<string>, right: ReadonlySet<string>): boolean =>
  left.size === right.size && [...left].every((rack) => right.has(rack));

/**
 * AS-11, AS-12: AbstractPartitionAssignor.useRackAwareAssignment with preferRackAwareLogic off (its
 * default): racks matter when some consumer rack is also a replica rack and not every partition
 * has its replicas on exactly the same set of racks (then any member is as close as any other).
 */
export function useRackAwareAssignment(
  consumerRacks: ReadonlySet<string>,
  partitionRacks: ReadonlySet<string>,
  racksPerPartition: Iterable<ReadonlySet<string>>,
): boolean {
  if (consumerRacks.size === 0 || ![...consumerRacks].some((rack) => partitionRacks.has(rack))) return false;
  for (const racks of racksPerPartition) if (!sameSet(racks, partitionRacks)) return true;
  return false;
}
