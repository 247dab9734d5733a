// Static membership (KIP-345, group.instance.id): a JoinGroup without a member id from an instance
// id the group knows takes the old member's place under a new member id (GroupMetadataManager
// classicGroupJoinNewStaticMember, updateStaticMemberThenRebalanceOrCompleteJoin; ClassicGroup
// replaceStaticMember). Whoever still waits under the old id is fenced.
import type { Effects } from './effects.ts';
import { isLeader, memberList, protocolWinners, updateMember } from './members.ts';
import { OutsideModelScope } from './outside-scope.ts';
import { completeJoinFuture, maybeCompleteJoinPhase, persistGroup, prepareRebalance } from './rebalance.ts';
import { cancelHeartbeat, rescheduleHeartbeat } from './timers.ts';
import type { Group, JoinRequest, Member } from './types.ts';

// Rules this file applies: GC-40.

export function staticMemberId(group: Group, instanceId: string): string | undefined {
  return group.members.find((member) => member.instanceId === instanceId)?.memberId;
}

/** GC-40: the old member's parked JoinGroup and SyncGroup are answered FENCED_INSTANCE_ID; its place (and leadership) goes to the new id. */
function replaceStaticMember(
  group: Group,
  oldId: string,
  newId: string,
  client: string,
  effects: Effects,
): Member {
  const old = group.members.find((member) => member.memberId === oldId)!;
  completeJoinFuture(group, old, effects, {
    error: 'FENCED_INSTANCE_ID',
    memberId: oldId,
    generation: -1,
    protocol: null,
    leader: null,
    members: [],
  });
  if (old.awaitingSync !== null) {
    effects.answers.push({
      type: 'sync-response',
      request: old.awaitingSync,
      client: old.client,
      group: group.id,
      error: 'FENCED_INSTANCE_ID',
      assignment: [],
    });
  }
  // The contract names a member by the client its id was issued to, which is the one asking now;
  // until that answer comes, by the client.id Kafka shows, which stays the old member's.
  const replacement: Member = {
    ...old,
    memberId: newId,
    client,
    clientId: old.clientId ?? old.client,
    awaitingJoin: null,
    awaitingSync: null,
    isNew: false,
  };
  // Kafka removes the old entry and puts the new one: it is listed last.
  group.members = [...group.members.filter((member) => member !== old), replacement];
  if (group.leader === oldId) group.leader = newId;
  if (group.leaderCandidates)
    group.leaderCandidates = group.leaderCandidates.map((id) => (id === oldId ? newId : id));
  group.pendingSync = group.pendingSync.map((id) => (id === oldId ? newId : id));
  cancelHeartbeat(group, oldId);
  return replacement;
}

/** GC-40: a known instance id joins without a member id (its consumer restarted). */
export function joinKnownStaticMember(
  group: Group,
  request: JoinRequest,
  oldId: string,
  newId: string,
  effects: Effects,
): void {
  const previousLeader = group.leader;
  const member = replaceStaticMember(group, oldId, newId, request.client, effects);
  // The session restarts with the timeout the member had; the request's takes over afterwards.
  rescheduleHeartbeat(group, member, effects.now);
  updateMember(member, request);
  switch (group.state) {
    case 'Stable': {
      const winners = protocolWinners(group);
      if (winners.length > 1 && winners.includes(group.protocol!))
        throw new OutsideModelScope(
          'a static member replaced in Stable with tied protocols in one HashMap bucket: the members order decides',
        );
      if (winners[0] !== group.protocol) {
        prepareRebalance(group, effects);
        return;
      }
      // Same protocol: the group record is written with the new member id, then the join is answered
      // in the current generation, without a rebalance.
      persistGroup(group);
      const leads = isLeader(group, newId);
      const v9 = (request.version ?? 9) >= 9;
      completeJoinFuture(group, member, effects, {
        error: 'NONE',
        memberId: newId,
        generation: group.generation,
        protocol: group.protocol,
        // Before JoinGroup v9 Kafka names the leader as it was before the replacement (KIP-814).
        leader: v9 ? group.leader : previousLeader,
        members: v9 && leads ? memberList(group) : [],
      });
      return;
    }
    case 'CompletingRebalance':
      // The leader may have planned with the old id already: plan again.
      prepareRebalance(group, effects);
      return;
    case 'PreparingRebalance':
      maybeCompleteJoinPhase(group, effects);
      return;
    case 'Empty':
    case 'Dead':
      throw new Error(`group ${group.id}: a static member cannot be known in ${group.state}`);
  }
}
