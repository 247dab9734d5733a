// JoinGroup (GroupMetadataManager.classicGroupJoinToClassicGroup and the new/existing member paths).
// The front door (coordinator status, empty group id, session timeout bounds) is in coordinator.ts.
import type { ErrorName } from '../../spec/errors.ts';
import type { Effects } from './effects.ts';
import {
  addMember,
  copyProtocols,
  findMember,
  hasMember,
  isLeader,
  isPending,
  memberList,
  numAwaitingJoin,
  removeMember,
  sameProtocols,
  supportsProtocols,
  updateMember,
} from './members.ts';
import { OutsideModelScope } from './outside-scope.ts';
import { joinAnswer, maybePrepareRebalanceOrCompleteJoin } from './rebalance.ts';
import { joinKnownStaticMember, staticMemberId } from './static-members.ts';
import { cancelHeartbeat, rescheduleHeartbeat, schedule } from './timers.ts';
import type { CoordinatorState, Group, JoinRequest, Member } from './types.ts';

// Rules this file applies: GC-6, GC-7, GC-8, GC-9, GC-10, GC-11, GC-12, GC-13, GC-14, GC-15.

export function newGroup(id: string, now: number): Group {
  return {
    id,
    state: 'Empty',
    previousState: 'Empty',
    stateSince: now,
    generation: 0,
    protocolType: null,
    protocol: null,
    leader: null,
    leaderCandidates: null,
    members: [],
    pending: [],
    pendingSync: [],
    newMemberAdded: false,
    timers: [],
    offsets: [],
    persisted: null,
  };
}

export function findGroup(state: CoordinatorState, id: string): Group | undefined {
  return state.groups.find((group) => group.id === id);
}

function reject(
  group: Group,
  request: JoinRequest,
  error: ErrorName,
  memberId: string,
  effects: Effects,
): void {
  effects.answers.push(joinAnswer(group, request.request, request.client, { error, memberId }));
}

/** GC-7: whether the group has room (GroupMetadataManager.acceptJoiningMember). */
export function acceptsJoiningMember(group: Group, memberId: string, maxSize: number): boolean {
  switch (group.state) {
    case 'Empty':
    case 'Dead':
      return true;
    case 'PreparingRebalance': {
      const member = findMember(group, memberId);
      return (member !== undefined && member.awaitingJoin !== null) || numAwaitingJoin(group) < maxSize;
    }
    case 'CompletingRebalance':
    case 'Stable':
      return hasMember(group, memberId) || group.members.length < maxSize;
  }
}

export function handleJoin(state: CoordinatorState, request: JoinRequest, effects: Effects): void {
  const isUnknownMember = request.memberId === '';
  let group = findGroup(state, request.group);
  if (!group) {
    if (!isUnknownMember) {
      // GC-6: a member id for a group this coordinator does not know.
      effects.answers.push(
        joinAnswer(newGroup(request.group, 0), request.request, request.client, {
          error: 'UNKNOWN_MEMBER_ID',
          memberId: request.memberId,
        }),
      );
      return;
    }
    group = newGroup(request.group, effects.now);
    state.groups.push(group);
  }
  if (!acceptsJoiningMember(group, request.memberId, effects.config.maxSize)) {
    removeMember(group, request.memberId);
    cancelHeartbeat(group, request.memberId);
    reject(group, request, 'GROUP_MAX_SIZE_REACHED', '', effects);
  } else if (isUnknownMember) {
    joinNewMember(state, group, request, effects);
  } else {
    joinExistingMember(group, request, effects);
  }
}

/**
 * GC-10: Kafka names a new member `<group.instance.id>-<UUID>` when it is static, else
 * `<client.id>-<UUID>` (ClassicGroup.generateMemberId); the model numbers instead of the UUID. The
 * prefix matters: the sticky assignors order members by id.
 */
function nextMemberId(state: CoordinatorState, request: JoinRequest): string {
  const prefix = request.instanceId ?? request.client;
  const serial = (state.serials[prefix] ?? 0) + 1;
  state.serials[prefix] = serial;
  return `${prefix}-${serial}`;
}

function joinNewMember(state: CoordinatorState, group: Group, request: JoinRequest, effects: Effects) {
  if (group.state === 'Dead') return reject(group, request, 'COORDINATOR_NOT_AVAILABLE', '', effects); // GC-8
  if (!supportsProtocols(group, request.protocols))
    return reject(group, request, 'INCONSISTENT_GROUP_PROTOCOL', '', effects); // GC-9
  const instanceId = request.instanceId ?? null;
  const memberId = nextMemberId(state, request);
  const replaced = instanceId === null ? undefined : staticMemberId(group, instanceId);
  if (replaced !== undefined) return joinKnownStaticMember(group, request, replaced, memberId, effects); // GC-40
  const requiresKnownMemberId = (request.version ?? 9) >= 4;
  if (instanceId === null && requiresKnownMemberId) {
    // GC-10: MEMBER_ID_REQUIRED with the new id; the member is pending, on its session timer.
    group.pending.push({ memberId, client: request.client });
    schedule(group, { kind: 'heartbeat', memberId, deadline: effects.now + request.sessionTimeoutMs });
    reject(group, request, 'MEMBER_ID_REQUIRED', memberId, effects);
    return;
  }
  addMemberThenRebalanceOrCompleteJoin(group, request, memberId, effects);
}

/** GC-11: a new member is added, parked, and put on the new-member join timeout. */
function addMemberThenRebalanceOrCompleteJoin(
  group: Group,
  request: JoinRequest,
  memberId: string,
  effects: Effects,
) {
  const member: Member = {
    memberId,
    client: request.client,
    instanceId: request.instanceId ?? null,
    protocols: copyProtocols(request.protocols),
    sessionTimeoutMs: request.sessionTimeoutMs,
    rebalanceTimeoutMs: request.rebalanceTimeoutMs,
    awaitingJoin: request.request,
    awaitingSync: null,
    isNew: true,
    assignment: [],
  };
  if (group.state === 'PreparingRebalance' && group.previousState === 'Empty') group.newMemberAdded = true;
  addMember(group, member);
  rescheduleHeartbeat(group, member, effects.now, effects.config.newMemberJoinTimeoutMs);
  maybePrepareRebalanceOrCompleteJoin(group, effects);
}

function joinExistingMember(group: Group, request: JoinRequest, effects: Effects) {
  if (group.state === 'Dead')
    return reject(group, request, 'COORDINATOR_NOT_AVAILABLE', request.memberId, effects); // GC-8
  if (!supportsProtocols(group, request.protocols))
    return reject(group, request, 'INCONSISTENT_GROUP_PROTOCOL', request.memberId, effects); // GC-9
  if (isPending(group, request.memberId)) {
    if (request.instanceId) throw new OutsideModelScope('a static member cannot be pending');
    return addMemberThenRebalanceOrCompleteJoin(group, request, request.memberId, effects); // GC-11
  }
  const error = validateMember(group, request.memberId, request.instanceId ?? null);
  if (error) return reject(group, request, error, request.memberId, effects); // GC-12
  const member = findMember(group, request.memberId)!;
  const unchanged = sameProtocols(member.protocols, request.protocols);
  if (group.state === 'PreparingRebalance')
    return updateMemberThenRebalanceOrCompleteJoin(group, member, request, effects); // GC-13
  if (group.state === 'CompletingRebalance') {
    if (unchanged) return answerCurrentGeneration(group, member, request, effects); // GC-14
    return updateMemberThenRebalanceOrCompleteJoin(group, member, request, effects);
  }
  if (group.state === 'Stable') {
    if (isLeader(group, member.memberId) || !unchanged)
      return updateMemberThenRebalanceOrCompleteJoin(group, member, request, effects); // GC-15
    return answerCurrentGeneration(group, member, request, effects);
  }
  // GC-12: an existing member id in an Empty group: reset the generation and join again.
  return reject(group, request, 'UNKNOWN_MEMBER_ID', request.memberId, effects);
}

/** GC-12: static members are checked by instance id first (FENCED_INSTANCE_ID), then the member must exist. */
export function validateMember(
  group: Group,
  memberId: string,
  instanceId: string | null,
): ErrorName | undefined {
  if (instanceId !== null) {
    const existing = group.members.find((member) => member.instanceId === instanceId);
    if (!existing) return 'UNKNOWN_MEMBER_ID';
    if (existing.memberId !== memberId) return 'FENCED_INSTANCE_ID';
  }
  return hasMember(group, memberId) ? undefined : 'UNKNOWN_MEMBER_ID';
}

function answerCurrentGeneration(group: Group, member: Member, request: JoinRequest, effects: Effects): void {
  effects.answers.push(
    joinAnswer(group, request.request, request.client, {
      error: 'NONE',
      memberId: member.memberId,
      generation: group.generation,
      protocol: group.protocol,
      leader: group.leader,
      members: isLeader(group, member.memberId) ? memberList(group) : [],
    }),
  );
}

/** GC-13: new metadata; the join is parked (a JoinGroup already parked for this member is replaced, never answered). */
function updateMemberThenRebalanceOrCompleteJoin(
  group: Group,
  member: Member,
  request: JoinRequest,
  effects: Effects,
): void {
  updateMember(member, request);
  maybePrepareRebalanceOrCompleteJoin(group, effects);
}
