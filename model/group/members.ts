// Membership bookkeeping (ClassicGroup's add/remove/leader/protocol helpers) on the plain-JSON group.
import { javaHashMapBucket } from '../../spec/java-hash.ts';
import { choose, type Effects } from './effects.ts';
import type { Group, Held, JoinAnswer, JoinRequest, Member, Protocol } from './types.ts';

// Rules this file applies: GC-20, GC-21.

export function findMember(group: Group, memberId: string): Member | undefined {
  return group.members.find((member) => member.memberId === memberId);
}

export function isPending(group: Group, memberId: string): boolean {
  return group.pending.some((pending) => pending.memberId === memberId);
}

export function hasMember(group: Group, memberId: string): boolean {
  return findMember(group, memberId) !== undefined;
}

/** The leader is exactly this member (not merely a candidate). */
export function isLeader(group: Group, memberId: string): boolean {
  return group.leaderCandidates === null && group.leader === memberId;
}

export function numAwaitingJoin(group: Group): number {
  return group.members.filter((member) => member.awaitingJoin !== null).length;
}

/** Every member re-joined and no MEMBER_ID_REQUIRED member is outstanding (ClassicGroup.hasAllMembersJoined). */
export function hasAllMembersJoined(group: Group): boolean {
  return group.members.length === numAwaitingJoin(group) && group.pending.length === 0;
}

/** The largest rebalance timeout of the members: the join and sync timers' length. */
export function rebalanceTimeoutMs(group: Group): number {
  return group.members.reduce((max, member) => Math.max(max, member.rebalanceTimeoutMs), 0);
}

/** GC-9: whether a member with these protocols can join (ClassicGroup.supportsProtocols). */
export function supportsProtocols(group: Group, protocols: readonly Protocol[]): boolean {
  if (group.state === 'Empty') return protocols.length > 0;
  // Kafka counts, per protocol name, the current members supporting it (a re-joining member with its
  // old metadata included) and needs one that every member supports.
  return protocols.some((protocol) =>
    group.members.every((member) => member.protocols.some((p) => p.name === protocol.name)),
  );
}

export function sameProtocols(a: readonly Protocol[], b: readonly Protocol[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function copyHeld(held: Held): Held {
  return {
    owned: held.owned.map((tp) => ({ topic: tp.topic, partitions: [...tp.partitions] })),
    generation: held.generation,
  };
}

/** A member's own copy of a JoinGroup's protocols (what a sticky one holds included). */
export function copyProtocols(protocols: readonly Protocol[]): Protocol[] {
  return protocols.map((protocol) => ({
    name: protocol.name,
    topics: [...protocol.topics],
    ...(protocol.held ? { held: copyHeld(protocol.held) } : {}),
  }));
}

/** A member's JoinGroup metadata and its parked request (ClassicGroup.updateMember). */
export function updateMember(member: Member, request: JoinRequest): void {
  member.protocols = copyProtocols(request.protocols);
  member.rebalanceTimeoutMs = request.rebalanceTimeoutMs;
  member.sessionTimeoutMs = request.sessionTimeoutMs;
  member.awaitingJoin = request.request;
}

/** GC-20: the first member added leads; later members do not change a present (or undetermined) leader. */
export function addMember(group: Group, member: Member): void {
  if (group.members.length === 0) group.protocolType = 'consumer';
  if (group.leader === null && group.leaderCandidates === null) group.leader = member.memberId;
  group.members.push(member);
  group.pending = group.pending.filter((pending) => pending.memberId !== member.memberId);
}

/**
 * GC-20: removing the leader makes an arbitrary remaining member leader (HashMap order in Kafka); the
 * model keeps the set of members that may now lead.
 */
export function removeMember(group: Group, memberId: string): void {
  const wasPossibleLeader =
    group.leader === memberId || (group.leaderCandidates?.includes(memberId) ?? false);
  group.members = group.members.filter((member) => member.memberId !== memberId);
  group.pending = group.pending.filter((pending) => pending.memberId !== memberId);
  group.pendingSync = group.pendingSync.filter((id) => id !== memberId);
  if (!wasPossibleLeader) return;
  const remaining = group.members.map((member) => member.memberId);
  if (remaining.length === 0) {
    group.leader = null;
    group.leaderCandidates = null;
  } else if (remaining.length === 1) {
    group.leader = remaining[0]!;
    group.leaderCandidates = null;
  } else {
    group.leader = null;
    group.leaderCandidates = remaining;
  }
}

/**
 * GC-20: at join completion, a leader that re-joined stays; otherwise any re-joined member may be
 * chosen (ClassicGroup.maybeElectNewJoinedLeader). Returns false when no member re-joined.
 */
export function electJoinedLeader(group: Group, effects: Effects): boolean {
  const joined = group.members
    .filter((member) => member.awaitingJoin !== null)
    .map((member) => member.memberId);
  let allowed: string[];
  if (group.leaderCandidates === null) {
    if (group.leader === null) return false;
    allowed = joined.includes(group.leader) ? [group.leader] : joined;
  } else {
    const candidates = group.leaderCandidates;
    const joinedCandidates = candidates.filter((id) => joined.includes(id));
    const someCandidateAbsent = joinedCandidates.length < candidates.length;
    allowed = joined.filter((id) => joinedCandidates.includes(id) || someCandidateAbsent);
  }
  if (allowed.length === 0) return false;
  effects.allowed.leaders = allowed;
  group.leader = choose(allowed, effects.choice.leader, 'leader');
  group.leaderCandidates = null;
  return true;
}

/** GC-21: each member votes for its first protocol that all members support; most votes wins, ties open. */
export function selectProtocol(group: Group, effects: Effects): string {
  const allowed = protocolWinners(group);
  if (allowed.length > 1) effects.allowed.protocols = allowed;
  return choose(allowed, effects.choice.protocol, 'protocol');
}

/**
 * GC-21: the protocols Kafka may select: of those with the most votes, the ones in the lowest bucket
 * of the votes' HashMap (Stream.max keeps the first of equal counts, and the map iterates by bucket).
 * More than one only when tied names share a bucket: then the members' HashMap order decides.
 */
export function protocolWinners(group: Group): string[] {
  const tied = mostVoted(group);
  const first = Math.min(...tied.map(javaHashMapBucket));
  return tied.filter((name) => javaHashMapBucket(name) === first);
}

function mostVoted(group: Group): string[] {
  const candidates = group.members[0]!.protocols.map((protocol) => protocol.name).filter((name) =>
    group.members.every((member) => member.protocols.some((p) => p.name === name)),
  );
  const votes = new Map<string, number>();
  for (const member of group.members) {
    const vote = member.protocols.find((protocol) => candidates.includes(protocol.name))!.name;
    votes.set(vote, (votes.get(vote) ?? 0) + 1);
  }
  const most = Math.max(...votes.values());
  return [...votes.entries()]
    .filter(([, count]) => count === most)
    .map(([name]) => name)
    .sort();
}

/** The member list a leader's JoinGroup answer carries (with each static member's instance id, AS-1). */
export function memberList(group: Group): JoinAnswer['members'] {
  return group.members.map((m) => {
    const held = m.protocols.find((p) => p.name === group.protocol)?.held;
    return {
      memberId: m.memberId,
      client: m.client,
      topics: subscribedTopics(m, group.protocol),
      ...(m.instanceId === null ? {} : { instanceId: m.instanceId }),
      ...(held ? { held: copyHeld(held) } : {}),
    };
  });
}

export function subscribedTopics(member: Member, protocol: string | null): string[] {
  const chosen = member.protocols.find((p) => p.name === protocol) ?? member.protocols[0];
  return chosen ? [...chosen.topics] : [];
}
