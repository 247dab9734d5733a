// JoinGroup (API key 11) on one shard, after the runtime has checked the group id, the session
// timeout bounds and that this shard owns and has loaded the group. Order of checks as in
// GroupMetadataManager: missing group with a member id, group size, then new vs existing member.
import {
  addMember,
  numAwaitingJoin,
  protocolsMatch,
  removeMember,
  supportsProtocols,
} from './group-membership.ts';
import { type ClassicGroup, type GroupMember, newGroup } from './group-state.ts';
import type { JoinGroupRequest } from './messages.ts';
import {
  currentJoinResponse,
  EMPTY_ASSIGNMENT,
  joinError,
  maybePrepareRebalanceOrCompleteJoin,
  rescheduleHeartbeat,
} from './rebalance.ts';
import { joinKnownStaticMember, staticMemberId, validateMember } from './static-membership.ts';
import type { Transaction } from './transaction.ts';

/** Kafka's acceptJoiningMember: whether one more member fits under group.max.size. */
function acceptJoiningMember(tx: Transaction, group: ClassicGroup, memberId: string): boolean {
  const maxSize = tx.config.maxGroupSize;
  switch (group.state) {
    case 'Empty':
    case 'Dead':
      return true;
    case 'PreparingRebalance':
      // Counting awaiting members (not all members) lets the last re-joiners be the ones turned away.
      return (group.members.get(memberId)?.awaitingJoin ?? null) !== null || numAwaitingJoin(group) < maxSize;
    case 'CompletingRebalance':
    case 'Stable':
      return group.members.has(memberId) || group.members.size < maxSize;
  }
}

function addMemberThenRebalanceOrCompleteJoin(
  tx: Transaction,
  group: ClassicGroup,
  request: JoinGroupRequest,
  memberId: string,
): void {
  const member: GroupMember = {
    memberId,
    groupInstanceId: request.groupInstanceId,
    clientId: request.clientId,
    clientHost: request.clientHost,
    rebalanceTimeoutMs: request.rebalanceTimeoutMs,
    sessionTimeoutMs: request.sessionTimeoutMs,
    protocolType: request.protocolType,
    protocols: request.protocols,
    assignment: EMPTY_ASSIGNMENT,
    assignmentGeneration: -1,
    awaitingJoin: { requestId: request.requestId, version: request.version },
    awaitingSync: null,
    isNew: true,
  };
  // A member joining during the initial delay may extend it.
  if (group.state === 'PreparingRebalance' && group.previousState === 'Empty') group.newMemberAdded = true;
  addMember(group, member);
  // A new member cannot heartbeat while its JoinGroup is parked; bound its wait instead.
  rescheduleHeartbeat(tx, group, member, tx.config.newMemberJoinTimeoutMs);
  maybePrepareRebalanceOrCompleteJoin(tx, group);
}

function joinNewMember(tx: Transaction, group: ClassicGroup, request: JoinGroupRequest): void {
  if (group.state === 'Dead') {
    tx.respond(request.requestId, joinError('', 'COORDINATOR_NOT_AVAILABLE'));
    return;
  }
  if (!supportsProtocols(group, request.protocolType, request.protocols)) {
    tx.respond(request.requestId, joinError('', 'INCONSISTENT_GROUP_PROTOCOL'));
    return;
  }
  const memberId = tx.nextMemberId(request.groupInstanceId ?? request.clientId);
  if (request.groupInstanceId !== null) {
    const existing = staticMemberId(group, request.groupInstanceId);
    if (existing !== null) {
      joinKnownStaticMember(tx, group, request, existing, memberId);
      return;
    }
    addMemberThenRebalanceOrCompleteJoin(tx, group, request, memberId);
    return;
  }
  if (request.version >= 4) {
    // The member must come back with this id; until then it holds up the join phase.
    group.pendingMembers.add(memberId);
    tx.schedule({ kind: 'heartbeat', groupId: group.groupId, memberId }, request.sessionTimeoutMs);
    tx.respond(request.requestId, joinError(memberId, 'MEMBER_ID_REQUIRED'));
    return;
  }
  addMemberThenRebalanceOrCompleteJoin(tx, group, request, memberId);
}

function updateMemberThenRebalanceOrCompleteJoin(
  tx: Transaction,
  group: ClassicGroup,
  member: GroupMember,
  request: JoinGroupRequest,
): void {
  member.protocols = request.protocols;
  member.rebalanceTimeoutMs = request.rebalanceTimeoutMs;
  member.sessionTimeoutMs = request.sessionTimeoutMs;
  // A JoinGroup already parked for this member is replaced and never answered, as in Kafka.
  member.awaitingJoin = { requestId: request.requestId, version: request.version };
  maybePrepareRebalanceOrCompleteJoin(tx, group);
}

function joinExistingMember(tx: Transaction, group: ClassicGroup, request: JoinGroupRequest): void {
  const memberId = request.memberId;
  if (group.state === 'Dead') {
    tx.respond(request.requestId, joinError(memberId, 'COORDINATOR_NOT_AVAILABLE'));
    return;
  }
  if (!supportsProtocols(group, request.protocolType, request.protocols)) {
    tx.respond(request.requestId, joinError(memberId, 'INCONSISTENT_GROUP_PROTOCOL'));
    return;
  }
  if (group.pendingMembers.has(memberId)) {
    addMemberThenRebalanceOrCompleteJoin(tx, group, request, memberId);
    return;
  }
  const memberError = validateMember(group, memberId, request.groupInstanceId);
  const member = group.members.get(memberId);
  if (memberError !== 'NONE' || !member) {
    tx.respond(
      request.requestId,
      joinError(memberId, memberError === 'NONE' ? 'UNKNOWN_MEMBER_ID' : memberError),
    );
    return;
  }
  switch (group.state) {
    case 'PreparingRebalance': {
      updateMemberThenRebalanceOrCompleteJoin(tx, group, member, request);
      return;
    }
    case 'CompletingRebalance':
      // Same metadata: it probably missed the JoinGroup answer; give it the current generation again.
      if (protocolsMatch(member, request.protocols)) {
        tx.respond(request.requestId, currentJoinResponse(group, memberId));
        return;
      }
      {
        updateMemberThenRebalanceOrCompleteJoin(tx, group, member, request);
        return;
      }
    case 'Stable':
      // The leader re-joining forces a rebalance (it may have seen metadata changes); so do new metadata.
      if (group.leaderId === memberId || !protocolsMatch(member, request.protocols)) {
        updateMemberThenRebalanceOrCompleteJoin(tx, group, member, request);
        return;
      }
      {
        tx.respond(request.requestId, { ...currentJoinResponse(group, memberId), members: [] });
        return;
      }
    case 'Empty': {
      tx.respond(request.requestId, joinError(memberId, 'UNKNOWN_MEMBER_ID'));
      return;
    }
  }
}

export function handleJoinGroup(tx: Transaction, request: JoinGroupRequest): void {
  const isUnknownMember = request.memberId === '';
  const existing = tx.group(request.groupId);
  if (!existing && !isUnknownMember) {
    tx.respond(request.requestId, joinError(request.memberId, 'UNKNOWN_MEMBER_ID'));
    return;
  }
  const group = existing ?? newGroup(request.groupId, tx.nowMs);
  if (!acceptJoiningMember(tx, group, request.memberId)) {
    // Kafka drops the member it turns away (an existing one too: the last re-joiners lose out), and
    // a pending one (ClassicGroup.remove clears pendingJoinMembers whether or not it was a member):
    // a pending member left behind would keep every later join phase waiting for it.
    if (group.members.has(request.memberId))
      tx.cancel({ kind: 'heartbeat', groupId: group.groupId, memberId: request.memberId });
    removeMember(group, request.memberId);
    tx.respond(request.requestId, joinError('', 'GROUP_MAX_SIZE_REACHED'));
    return;
  }
  if (isUnknownMember) joinNewMember(tx, group, request);
  else joinExistingMember(tx, group, request);
  // A group created by this request exists only if the request put someone in it.
  if (!existing && (group.members.size > 0 || group.pendingMembers.size > 0)) tx.putGroup(group);
}
