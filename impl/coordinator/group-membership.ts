// Membership bookkeeping on a (draft) classic group: adding, updating and removing members,
// join-phase accounting, protocol support and selection, leader re-election. Mirrors the helpers
// of Kafka's ClassicGroup; callers own the state transitions.
import { javaHashMapBucket } from '../../spec/java-hash.ts';
import type { ClassicGroup, GroupMember, MemberProtocol } from './group-state.ts';

export function numAwaitingJoin(group: ClassicGroup): number {
  let count = 0;
  for (const member of group.members.values()) if (member.awaitingJoin) count++;
  return count;
}

/** Every member is parked in JoinGroup and no MEMBER_ID_REQUIRED id is still outstanding. */
export function hasAllMembersJoined(group: ClassicGroup): boolean {
  return numAwaitingJoin(group) === group.members.size && group.pendingMembers.size === 0;
}

export function notYetRejoinedMembers(group: ClassicGroup): GroupMember[] {
  return [...group.members.values()].filter((member) => !member.awaitingJoin);
}

/** The largest rebalance timeout of the members: the join and sync timers' length. */
export function groupRebalanceTimeoutMs(group: ClassicGroup): number {
  let timeout = 0;
  for (const member of group.members.values()) timeout = Math.max(timeout, member.rebalanceTimeoutMs);
  return timeout;
}

function supportCount(group: ClassicGroup, protocolName: string): number {
  let count = 0;
  for (const member of group.members.values())
    if (member.protocols.some((p) => p.name === protocolName)) count++;
  return count;
}

/**
 * Kafka's supportsProtocols: an Empty group takes any non-empty type and protocol list; otherwise
 * the type must match and one of the protocols must be supported by every current member.
 */
export function supportsProtocols(
  group: ClassicGroup,
  protocolType: string,
  protocols: readonly MemberProtocol[],
): boolean {
  if (group.state === 'Empty') return protocolType !== '' && protocols.length > 0;
  return (
    group.protocolType === protocolType &&
    protocols.some((protocol) => supportCount(group, protocol.name) === group.members.size)
  );
}

/**
 * Each member votes for its first preference among the protocols every member supports; most votes
 * wins. Kafka breaks ties by HashMap order (unspecified); here the earliest vote cast wins the tie.
 */
export function selectProtocol(group: ClassicGroup): string {
  const size = group.members.size;
  const votes = new Map<string, number>();
  for (const member of group.members.values()) {
    const vote = member.protocols.find((protocol) => supportCount(group, protocol.name) === size);
    if (!vote)
      throw new Error(`group ${group.groupId}: member ${member.memberId} supports no common protocol`);
    votes.set(vote.name, (votes.get(vote.name) ?? 0) + 1);
  }
  // Kafka takes Stream.max over a HashMap of the votes: of equal counts the first in the map's
  // order, i.e. the lowest bucket (GC-21); within one bucket, the first voted stands in for the
  // member map's order.
  let best: string | null = null;
  let bestVotes = 0;
  for (const [name, count] of votes) {
    if (count > bestVotes || (count === bestVotes && javaHashMapBucket(name) < javaHashMapBucket(best!))) {
      best = name;
      bestVotes = count;
    }
  }
  if (best === null) throw new Error(`group ${group.groupId}: no protocol to select`);
  return best;
}

export function memberMetadata(member: GroupMember, protocolName: string | null): Uint8Array {
  const protocol = member.protocols.find((p) => p.name === protocolName);
  if (!protocol) throw new Error(`member ${member.memberId} has no metadata for protocol ${protocolName}`);
  return protocol.metadata;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** The member's protocols are exactly these (names, order and metadata bytes). */
export function protocolsMatch(member: GroupMember, protocols: readonly MemberProtocol[]): boolean {
  return (
    member.protocols.length === protocols.length &&
    member.protocols.every(
      (protocol, index) =>
        protocol.name === protocols[index]!.name && sameBytes(protocol.metadata, protocols[index]!.metadata),
    )
  );
}

export function addMember(group: ClassicGroup, member: GroupMember): void {
  if (group.members.size === 0) group.protocolType = member.protocolType;
  group.members.set(member.memberId, member);
  if (group.leaderId === null) group.leaderId = member.memberId;
  group.pendingMembers.delete(member.memberId);
}

/** Removes a member (or pending member); a removed leader is replaced by the first remaining member. */
export function removeMember(group: ClassicGroup, memberId: string): void {
  group.members.delete(memberId);
  if (group.leaderId === memberId) {
    const next = group.members.keys().next();
    group.leaderId = next.done ? null : next.value;
  }
  group.pendingMembers.delete(memberId);
  group.pendingSyncMembers.delete(memberId);
}

/** If the leader has not re-joined, hand leadership to a member that has. False when none has. */
export function maybeElectNewJoinedLeader(group: ClassicGroup): boolean {
  if (group.leaderId === null) return false;
  const leader = group.members.get(group.leaderId);
  if (leader?.awaitingJoin) return true;
  for (const member of group.members.values()) {
    if (member.awaitingJoin) {
      group.leaderId = member.memberId;
      return true;
    }
  }
  return false;
}
