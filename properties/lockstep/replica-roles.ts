// Fault targets named by role ("the leader of t-0", "an in-sync follower of t-0", "t-0's leader
// once it is the sole ISR member"), resolved against what the system reports about its replicas:
// a snapshot's partitions where the system can be inspected, otherwise the answer of its
// replicas() (over the wire: a Metadata request made at the moment of the fault). One function for
// both, so the in-process reference and a cluster over the wire resolve a role the same way; the
// run records the concrete broker it named.
import type { ReplicaView } from '../../spec/sut.ts';

export type ReplicaRole = 'leader' | 'follower' | 'sole-isr-leader';

export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

export function viewOf(views: readonly ReplicaView[], where: TopicPartitionRef): ReplicaView | undefined {
  return views.find((v) => v.topic === where.topic && v.partition === where.partition);
}

/** The broker playing `role` for the partition, or undefined when none does (no leader, no in-sync follower). */
export function replicaByRole(
  views: readonly ReplicaView[],
  where: TopicPartitionRef,
  role: ReplicaRole,
): number | undefined {
  const p = viewOf(views, where);
  if (!p || p.leader === null || p.leader < 0) return undefined;
  switch (role) {
    case 'leader':
      return p.leader;
    case 'follower':
      return p.isr.find((broker) => broker !== p.leader);
    case 'sole-isr-leader':
      return p.isr.length === 1 && p.isr[0] === p.leader ? p.leader : undefined;
  }
}

/** The partitions whose only in-sync replica is `broker`. */
export function soleIsrMemberOf(views: readonly ReplicaView[], broker: number): ReplicaView[] {
  return views.filter((p) => p.isr.length === 1 && p.isr[0] === broker);
}
