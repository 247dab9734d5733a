// The rebalance engine shared by the handlers and the timers: entering PreparingRebalance,
// completing the join phase (the only place the generation increments), propagating assignments
// to parked SyncGroups, and removing members. Follows GroupMetadataManager's classic-group paths.
import type { ErrorName } from '../../spec/errors.ts';
import { mutant } from '../mutants/index.ts';
import {
  groupRebalanceTimeoutMs,
  hasAllMembersJoined,
  maybeElectNewJoinedLeader,
  memberMetadata,
  notYetRejoinedMembers,
  removeMember,
  selectProtocol,
} from './group-membership.ts';
import { type ClassicGroup, type GroupMember, transitionTo } from './group-state.ts';
import type { JoinGroupResponse, JoinGroupResponseMember } from './messages.ts';
import { type GroupMetadataValue, groupMetadataRecord } from './records.ts';
import { computeSubscribedTopics } from './subscribed-topics.ts';
import type { Transaction } from './transaction.ts';

export const EMPTY_ASSIGNMENT = new Uint8Array(0);

export function joinError(memberId: string, error: ErrorName): JoinGroupResponse {
  return {
    api: 'JoinGroup',
    error,
    generationId: -1,
    protocolType: null,
    protocolName: null,
    leader: '',
    memberId,
    members: [],
  };
}

/** The member list a leader receives: every member's metadata for the selected protocol. */
export function leaderMemberList(group: ClassicGroup): JoinGroupResponseMember[] {
  return [...group.members.values()].map((member) => ({
    memberId: member.memberId,
    groupInstanceId: member.groupInstanceId,
    metadata: memberMetadata(member, group.protocolName),
  }));
}

export function currentJoinResponse(group: ClassicGroup, memberId: string): JoinGroupResponse {
  return {
    api: 'JoinGroup',
    error: 'NONE',
    generationId: group.generation,
    protocolType: group.protocolType,
    protocolName: group.protocolName,
    leader: group.leaderId ?? '',
    memberId,
    members: group.leaderId === memberId ? leaderMemberList(group) : [],
  };
}

export function rescheduleHeartbeat(
  tx: Transaction,
  group: ClassicGroup,
  member: GroupMember,
  timeoutMs?: number,
): void {
  tx.schedule(
    { kind: 'heartbeat', groupId: group.groupId, memberId: member.memberId },
    timeoutMs ?? member.sessionTimeoutMs,
  );
}

/** Answers the member's parked JoinGroup, if any. */
export function completeJoinRequest(tx: Transaction, member: GroupMember, response: JoinGroupResponse): void {
  if (!member.awaitingJoin) return;
  tx.respond(member.awaitingJoin.requestId, response);
  member.awaitingJoin = null;
}

/** The GroupMetadata record of the group as it stands, with the given assignment per member. */
export function groupMetadataFor(
  tx: Transaction,
  group: ClassicGroup,
  assignment: ReadonlyMap<string, Uint8Array>,
): GroupMetadataValue {
  return {
    protocolType: group.protocolType ?? '',
    generation: group.generation,
    protocol: group.protocolName,
    leader: group.leaderId,
    currentStateTimestampMs: group.stateTimestampMs ?? tx.nowMs,
    members: [...group.members.values()].map((member) => ({
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId,
      clientId: member.clientId,
      clientHost: member.clientHost,
      rebalanceTimeoutMs: member.rebalanceTimeoutMs,
      sessionTimeoutMs: member.sessionTimeoutMs,
      subscription:
        group.protocolName === null ? EMPTY_ASSIGNMENT : memberMetadata(member, group.protocolName),
      assignment: assignment.get(member.memberId) ?? EMPTY_ASSIGNMENT,
    })),
  };
}

function propagateAssignment(tx: Transaction, group: ClassicGroup, error: ErrorName): void {
  for (const member of group.members.values()) {
    if (!member.awaitingSync) continue;
    tx.respond(member.awaitingSync.requestId, {
      api: 'SyncGroup',
      error,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      assignment: member.assignment,
    });
    member.awaitingSync = null;
    // A session that expired while the member waited was ignored; expect heartbeats from now on.
    rescheduleHeartbeat(tx, group, member);
  }
}

export function resetAndPropagateAssignmentWithError(
  tx: Transaction,
  group: ClassicGroup,
  error: ErrorName,
): void {
  if (group.state !== 'CompletingRebalance')
    throw new Error(`group ${group.groupId}: resetting assignments in ${group.state}`);
  for (const member of group.members.values()) {
    member.assignment = EMPTY_ASSIGNMENT;
    member.assignmentGeneration = -1;
  }
  propagateAssignment(tx, group, error);
}

export function setAndPropagateAssignment(
  tx: Transaction,
  group: ClassicGroup,
  assignment: ReadonlyMap<string, Uint8Array>,
): void {
  if (group.state !== 'CompletingRebalance')
    throw new Error(`group ${group.groupId}: setting assignments in ${group.state}`);
  for (const member of group.members.values()) {
    member.assignment = assignment.get(member.memberId) ?? EMPTY_ASSIGNMENT;
    member.assignmentGeneration = group.generation;
  }
  propagateAssignment(tx, group, 'NONE');
}

export function removePendingSyncMember(tx: Transaction, group: ClassicGroup, memberId: string): void {
  group.pendingSyncMembers.delete(memberId);
  if (group.pendingSyncMembers.size === 0)
    tx.cancel({ kind: 'sync', groupId: group.groupId, generation: group.generation });
}

/** generation += 1, protocol selection, and CompletingRebalance (members left) or Empty. */
function initNextGeneration(tx: Transaction, group: ClassicGroup): void {
  group.generation += 1;
  if (group.members.size > 0) {
    group.protocolName = selectProtocol(group);
    transitionTo(group, 'CompletingRebalance', tx.nowMs);
  } else {
    group.protocolName = null;
    transitionTo(group, 'Empty', tx.nowMs);
    if (mutant('generation-reset-on-empty')) group.generation = 0;
  }
  group.subscribedTopics = computeSubscribedTopics(group);
  group.pendingSyncMembers.clear();
}

export function completeJoin(tx: Transaction, group: ClassicGroup): void {
  tx.cancel({ kind: 'join', groupId: group.groupId });
  for (const member of notYetRejoinedMembers(group)) {
    if (member.groupInstanceId !== null) continue;
    removeMember(group, member.memberId);
    tx.cancel({ kind: 'heartbeat', groupId: group.groupId, memberId: member.memberId });
  }
  if (group.state === 'Dead') return;
  if (!maybeElectNewJoinedLeader(group) && group.members.size > 0) {
    // Nobody re-joined: wait another rebalance timeout for the sessions to clear them out.
    tx.schedule({ kind: 'join', groupId: group.groupId }, groupRebalanceTimeoutMs(group));
    return;
  }
  initNextGeneration(tx, group);
  if (group.state === 'Empty') {
    tx.append([groupMetadataRecord(group.groupId, groupMetadataFor(tx, group, new Map()))], null);
    return;
  }
  for (const member of group.members.values()) {
    completeJoinRequest(tx, member, currentJoinResponse(group, member.memberId));
    rescheduleHeartbeat(tx, group, member);
    member.isNew = false;
    group.pendingSyncMembers.add(member.memberId);
  }
  tx.schedule(
    { kind: 'sync', groupId: group.groupId, generation: group.generation },
    groupRebalanceTimeoutMs(group),
  );
}

export function prepareRebalance(tx: Transaction, group: ClassicGroup): void {
  if (group.state === 'CompletingRebalance')
    resetAndPropagateAssignmentWithError(tx, group, 'REBALANCE_IN_PROGRESS');
  tx.cancel({ kind: 'sync', groupId: group.groupId, generation: group.generation });
  const isInitialRebalance = group.state === 'Empty';
  if (isInitialRebalance) {
    const delayMs = tx.config.initialRebalanceDelayMs;
    const remainingMs = Math.max(groupRebalanceTimeoutMs(group) - delayMs, 0);
    tx.schedule({ kind: 'initial-join', groupId: group.groupId, delayMs, remainingMs }, delayMs);
  }
  transitionTo(group, 'PreparingRebalance', tx.nowMs);
  if (isInitialRebalance) return;
  if (hasAllMembersJoined(group)) completeJoin(tx, group);
  else tx.schedule({ kind: 'join', groupId: group.groupId }, groupRebalanceTimeoutMs(group));
}

/** In PreparingRebalance (not the initial one), complete the join once everyone is in. */
export function maybeCompleteJoinPhase(tx: Transaction, group: ClassicGroup): void {
  if (group.state === 'PreparingRebalance' && hasAllMembersJoined(group) && group.previousState !== 'Empty')
    completeJoin(tx, group);
}

export function maybePrepareRebalanceOrCompleteJoin(tx: Transaction, group: ClassicGroup): void {
  if (group.state === 'Stable' || group.state === 'CompletingRebalance' || group.state === 'Empty')
    prepareRebalance(tx, group);
  else maybeCompleteJoinPhase(tx, group);
}

/** Removes a current member (answering its parked join UNKNOWN_MEMBER_ID) and moves the group on. */
export function removeMemberAndLeave(tx: Transaction, group: ClassicGroup, member: GroupMember): void {
  tx.cancel({ kind: 'heartbeat', groupId: group.groupId, memberId: member.memberId });
  // A parked JoinGroup of a removed member is answered so that a live client simply joins again.
  completeJoinRequest(tx, member, joinError('', 'UNKNOWN_MEMBER_ID'));
  removeMember(group, member.memberId);
}

export function removeMemberAndUpdateGroup(tx: Transaction, group: ClassicGroup, member: GroupMember): void {
  removeMemberAndLeave(tx, group, member);
  if (group.state === 'Stable' || group.state === 'CompletingRebalance')
    maybePrepareRebalanceOrCompleteJoin(tx, group);
  else if (group.state === 'PreparingRebalance' && hasAllMembersJoined(group)) completeJoin(tx, group);
}

export function removePendingMemberAndUpdateGroup(
  tx: Transaction,
  group: ClassicGroup,
  memberId: string,
): void {
  removeMember(group, memberId);
  tx.cancel({ kind: 'heartbeat', groupId: group.groupId, memberId });
  if (group.state === 'PreparingRebalance' && hasAllMembersJoined(group)) completeJoin(tx, group);
}
