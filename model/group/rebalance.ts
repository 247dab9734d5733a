// The rebalance engine: entering PreparingRebalance, completing the join phase, removing members and
// propagating assignments (GroupMetadataManager's prepareRebalance, completeClassicGroupJoin,
// removeMemberAndUpdateClassicGroup, propagateAssignment). Each function names the rules it implements.

import type { ErrorName } from '../../spec/errors.ts';
import type { Effects } from './effects.ts';
import {
  electJoinedLeader,
  hasAllMembersJoined,
  isLeader,
  memberList,
  rebalanceTimeoutMs,
  removeMember,
  selectProtocol,
} from './members.ts';
import { canRebalance, transitionTo } from './state-table.ts';
import { setSubscribedTopics } from './subscriptions.ts';
import { cancelHeartbeat, cancelJoin, cancelSync, rescheduleHeartbeat, schedule } from './timers.ts';
import type { Group, JoinAnswer, Member } from './types.ts';

// Rules this file applies: GC-16, GC-17, GC-18, GC-19, GC-22, GC-23, GC-25, GC-26, GC-28.

export function joinAnswer(
  group: Group,
  request: number,
  client: string,
  fields: Partial<Omit<JoinAnswer, 'type' | 'request' | 'client' | 'group'>> & { error: ErrorName },
): JoinAnswer {
  return {
    type: 'join-response',
    request,
    client,
    group: group.id,
    memberId: '',
    generation: -1,
    protocol: null,
    leader: null,
    members: [],
    ...fields,
  };
}

/** Answers a member's parked JoinGroup, if it has one. */
export function completeJoinFuture(
  group: Group,
  member: Member,
  effects: Effects,
  answer: Omit<JoinAnswer, 'type' | 'request' | 'client' | 'group'>,
): void {
  if (member.awaitingJoin === null) return;
  effects.answers.push(joinAnswer(group, member.awaitingJoin, member.client, answer));
  member.awaitingJoin = null;
}

/** What the coordinator writes to __consumer_offsets for the group (replayed by GC-33). */
export function persistGroup(group: Group): void {
  delete group.unwritten; // OC-1: a record written for it: reads see it
  group.persisted = {
    generation: group.generation,
    stateSince: group.stateSince,
    protocolType: group.protocolType,
    protocol: group.protocol,
    leader: group.leaderCandidates === null ? group.leader : null,
    members: group.members.map((member) => ({
      memberId: member.memberId,
      client: member.client,
      ...(member.clientId === undefined ? {} : { clientId: member.clientId }),
      instanceId: member.instanceId,
      protocols: member.protocols,
      sessionTimeoutMs: member.sessionTimeoutMs,
      rebalanceTimeoutMs: member.rebalanceTimeoutMs,
      assignment: member.assignment,
    })),
  };
}

/** GC-25: answer parked SyncGroups with each member's assignment (or an error), resetting their session timers. */
export function propagateAssignment(group: Group, error: ErrorName, effects: Effects): void {
  for (const member of group.members) {
    if (member.awaitingSync === null) continue;
    effects.answers.push({
      type: 'sync-response',
      request: member.awaitingSync,
      client: member.client,
      group: group.id,
      error,
      assignment: member.assignment,
    });
    member.awaitingSync = null;
    rescheduleHeartbeat(group, member, effects.now);
  }
}

/** GC-16: leaving CompletingRebalance clears every assignment and answers parked syncs REBALANCE_IN_PROGRESS. */
function resetAndPropagateAssignmentWithError(group: Group, error: ErrorName, effects: Effects): void {
  for (const member of group.members) member.assignment = [];
  propagateAssignment(group, error, effects);
}

/** GC-16, GC-23: enter PreparingRebalance; from Empty the first join phase waits the initial delay. */
export function prepareRebalance(group: Group, effects: Effects): void {
  if (group.state === 'CompletingRebalance')
    resetAndPropagateAssignmentWithError(group, 'REBALANCE_IN_PROGRESS', effects);
  cancelSync(group);
  const isInitialRebalance = group.state === 'Empty';
  if (isInitialRebalance) {
    const delayMs = effects.config.initialRebalanceDelayMs;
    const remainingMs = Math.max(rebalanceTimeoutMs(group) - delayMs, 0);
    schedule(group, { kind: 'initial-join', deadline: effects.now + delayMs, delayMs, remainingMs });
  }
  transitionTo(group, 'PreparingRebalance', effects.now, effects.transitions);
  if (!isInitialRebalance) maybeCompleteJoinElseSchedule(group, effects);
}

function maybeCompleteJoinElseSchedule(group: Group, effects: Effects): void {
  if (hasAllMembersJoined(group)) completeJoin(group, effects);
  else schedule(group, { kind: 'join', deadline: effects.now + rebalanceTimeoutMs(group) });
}

/** GC-23: the initial delay is extended while new members keep arriving, up to the rebalance timeout. */
export function initialJoinTimerFired(
  group: Group,
  delayMs: number,
  remainingMs: number,
  effects: Effects,
): void {
  if (group.newMemberAdded && remainingMs !== 0) {
    group.newMemberAdded = false;
    const newDelayMs = Math.min(effects.config.initialRebalanceDelayMs, remainingMs);
    const newRemainingMs = Math.max(remainingMs - delayMs, 0);
    schedule(group, {
      kind: 'initial-join',
      deadline: effects.now + newDelayMs,
      delayMs: newDelayMs,
      remainingMs: newRemainingMs,
    });
  } else {
    completeJoin(group, effects);
  }
}

export function maybePrepareRebalanceOrCompleteJoin(group: Group, effects: Effects): void {
  if (canRebalance(group)) prepareRebalance(group, effects);
  else maybeCompleteJoinPhase(group, effects);
}

/** GC-17: the join phase completes early once everyone re-joined, except during the initial delayed rebalance. */
export function maybeCompleteJoinPhase(group: Group, effects: Effects): void {
  if (group.state !== 'PreparingRebalance') return;
  if (group.previousState === 'Empty') return;
  if (!hasAllMembersJoined(group)) return;
  completeJoin(group, effects);
}

/** GC-17, GC-18, GC-19, GC-22: complete the join phase. */
export function completeJoin(group: Group, effects: Effects): void {
  cancelJoin(group);
  for (const member of [...group.members]) {
    if (member.awaitingJoin === null && member.instanceId === null) {
      removeMember(group, member.memberId);
      cancelHeartbeat(group, member.memberId);
    }
  }
  if (group.state === 'Dead') return;
  if (!electJoinedLeader(group, effects) && group.members.length > 0) {
    // GC-18: only static members remain and none re-joined: wait another rebalance timeout.
    schedule(group, { kind: 'join', deadline: effects.now + rebalanceTimeoutMs(group) });
    return;
  }
  initNextGeneration(group, effects);
  if (group.state === 'Empty') {
    persistGroup(group);
    return;
  }
  const members = memberList(group);
  for (const member of group.members) {
    completeJoinFuture(group, member, effects, {
      error: 'NONE',
      memberId: member.memberId,
      generation: group.generation,
      protocol: group.protocol,
      leader: group.leader,
      members: isLeader(group, member.memberId) ? members : [],
    });
    rescheduleHeartbeat(group, member, effects.now);
    member.isNew = false;
    group.pendingSync.push(member.memberId);
  }
  schedule(group, {
    kind: 'sync',
    deadline: effects.now + rebalanceTimeoutMs(group),
    generation: group.generation,
  });
}

/** GC-19: the only place the generation moves: +1 at join completion, also when the group ends Empty. */
function initNextGeneration(group: Group, effects: Effects): void {
  group.generation += 1;
  group.pendingSync = [];
  if (group.members.length > 0) {
    group.protocol = selectProtocol(group, effects);
    transitionTo(group, 'CompletingRebalance', effects.now, effects.transitions);
  } else {
    group.protocol = null;
    transitionTo(group, 'Empty', effects.now, effects.transitions);
  }
  setSubscribedTopics(group); // OC-21: what OffsetDelete checks until the next generation
}

/** GC-28, GC-30: remove a member (its parked join answered UNKNOWN_MEMBER_ID) and move the group on. */
export function removeMemberAndUpdateGroup(group: Group, member: Member, effects: Effects): void {
  completeJoinFuture(group, member, effects, {
    error: 'UNKNOWN_MEMBER_ID',
    memberId: '',
    generation: -1,
    protocol: null,
    leader: null,
    members: [],
  });
  removeMember(group, member.memberId);
  cancelHeartbeat(group, member.memberId);
  if (group.state === 'Stable' || group.state === 'CompletingRebalance')
    maybePrepareRebalanceOrCompleteJoin(group, effects);
  else if (group.state === 'PreparingRebalance' && hasAllMembersJoined(group)) completeJoin(group, effects);
}

/** GC-29: a MEMBER_ID_REQUIRED member that never came back; its removal may let the join complete. */
export function removePendingMemberAndUpdateGroup(group: Group, memberId: string, effects: Effects): void {
  removeMember(group, memberId);
  cancelHeartbeat(group, memberId);
  if (group.state === 'PreparingRebalance' && hasAllMembersJoined(group)) completeJoin(group, effects);
}

/** GC-26: the sync timer: members that have not sent SyncGroup are removed and a rebalance starts. */
export function expirePendingSync(group: Group, generation: number, effects: Effects): void {
  if (generation !== group.generation) return;
  if (group.state !== 'CompletingRebalance' && group.state !== 'Stable') return;
  if (group.pendingSync.length === 0) return;
  for (const memberId of [...group.pendingSync]) {
    removeMember(group, memberId);
    cancelHeartbeat(group, memberId);
  }
  prepareRebalance(group, effects);
}

/**
 * GC-28: a member's session expired. It stays while it waits in a join or sync, unless it is new
 * (ClassicGroupMember.hasSatisfiedHeartbeat); pending members are simply dropped (GC-29).
 */
export function expireHeartbeat(group: Group, memberId: string, effects: Effects): void {
  if (group.state === 'Dead') return;
  if (group.pending.some((pending) => pending.memberId === memberId)) {
    removePendingMemberAndUpdateGroup(group, memberId, effects);
    return;
  }
  const member = group.members.find((candidate) => candidate.memberId === memberId);
  if (!member) return;
  const satisfied = !member.isNew && (member.awaitingJoin !== null || member.awaitingSync !== null);
  if (!satisfied) removeMemberAndUpdateGroup(group, member, effects);
}
