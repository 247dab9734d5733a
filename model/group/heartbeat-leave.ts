// Heartbeat and LeaveGroup (GroupMetadataManager.classicGroupHeartbeatToClassicGroup,
// classicGroupLeaveToClassicGroup).
import type { ErrorName } from '../../spec/errors.ts';
import type { Effects } from './effects.ts';
import { findGroup, validateMember } from './join.ts';
import { findMember, isPending, removeMember } from './members.ts';
import {
  completeJoinFuture,
  maybeCompleteJoinPhase,
  maybePrepareRebalanceOrCompleteJoin,
} from './rebalance.ts';
import { staticMemberId } from './static-members.ts';
import { cancelHeartbeat, rescheduleHeartbeat } from './timers.ts';
import type { CoordinatorState, HeartbeatRequest, LeaveRequest } from './types.ts';

// Rules this file applies: GC-27, GC-30.

/** GC-27: the Heartbeat answer by state; a valid heartbeat in PreparingRebalance still resets the session. */
export function handleHeartbeat(state: CoordinatorState, request: HeartbeatRequest, effects: Effects): void {
  const answer = (error: ErrorName) =>
    effects.answers.push({
      type: 'heartbeat-response',
      request: request.request,
      client: request.client,
      group: request.group,
      error,
    });
  const group = findGroup(state, request.group);
  if (!group) return void answer('UNKNOWN_MEMBER_ID');
  if (group.state === 'Dead') return void answer('COORDINATOR_NOT_AVAILABLE');
  const memberError = validateMember(group, request.memberId, request.instanceId ?? null);
  if (memberError) return void answer(memberError);
  if (request.generation !== group.generation) return void answer('ILLEGAL_GENERATION');
  if (group.state === 'Empty') return void answer('UNKNOWN_MEMBER_ID');
  rescheduleHeartbeat(group, findMember(group, request.memberId)!, effects.now);
  answer(group.state === 'PreparingRebalance' ? 'REBALANCE_IN_PROGRESS' : 'NONE');
}

/** GC-30: LeaveGroup carries no generation; a departure moves the group on. */
export function handleLeave(state: CoordinatorState, request: LeaveRequest, effects: Effects): void {
  const answer = (error: ErrorName) =>
    effects.answers.push({
      type: 'leave-response',
      request: request.request,
      client: request.client,
      group: request.group,
      error,
    });
  const group = findGroup(state, request.group);
  if (!group) return void answer('UNKNOWN_MEMBER_ID');
  if (group.state === 'Dead') return void answer('COORDINATOR_NOT_AVAILABLE');
  const instanceId = request.instanceId ?? null;
  // GC-40: without a member id, an instance id names the static member to remove.
  const memberId =
    request.memberId === '' && instanceId !== null
      ? (staticMemberId(group, instanceId) ?? '')
      : request.memberId;
  if (memberId === '') return void answer('UNKNOWN_MEMBER_ID');
  if (isPending(group, memberId)) {
    removeMember(group, memberId);
    cancelHeartbeat(group, memberId);
  } else {
    const memberError = validateMember(group, memberId, instanceId);
    if (memberError) return void answer(memberError);
    const member = findMember(group, memberId)!;
    cancelHeartbeat(group, member.memberId);
    completeJoinFuture(group, member, effects, {
      error: 'UNKNOWN_MEMBER_ID',
      memberId: '',
      generation: -1,
      protocol: null,
      leader: null,
      members: [],
    });
    removeMember(group, member.memberId);
  }
  answer('NONE');
  if (group.state === 'Stable' || group.state === 'CompletingRebalance')
    maybePrepareRebalanceOrCompleteJoin(group, effects);
  else if (group.state === 'PreparingRebalance') maybeCompleteJoinPhase(group, effects);
}
