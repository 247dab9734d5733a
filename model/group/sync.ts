// SyncGroup (GroupMetadataManager.classicGroupSyncToClassicGroup and validateSyncGroup).
import type { ErrorName } from '../../spec/errors.ts';
import type { Effects } from './effects.ts';
import { findGroup, validateMember } from './join.ts';
import { findMember, isLeader } from './members.ts';
import { persistGroup, propagateAssignment } from './rebalance.ts';
import { transitionTo } from './state-table.ts';
import { cancelSync } from './timers.ts';
import type { CoordinatorState, Group, SyncRequest } from './types.ts';

// Rules this file applies: GC-24, GC-25, GC-26.

/** GC-24: the validation order of a SyncGroup; undefined when it may proceed. */
export function syncError(group: Group | undefined, request: SyncRequest): ErrorName | undefined {
  if (!group) return 'UNKNOWN_MEMBER_ID';
  if (group.state === 'Dead') return 'COORDINATOR_NOT_AVAILABLE';
  const memberError = validateMember(group, request.memberId, request.instanceId ?? null);
  if (memberError) return memberError;
  if (request.generation !== group.generation) return 'ILLEGAL_GENERATION';
  // A protocol name other than the group's (both known) is inconsistent; the contract's protocol
  // type is always "consumer", the group's too, so only the name can differ.
  if (request.protocolName && group.protocol !== null && request.protocolName !== group.protocol)
    return 'INCONSISTENT_GROUP_PROTOCOL';
  if (group.state === 'PreparingRebalance') return 'REBALANCE_IN_PROGRESS';
  return undefined;
}

/** GC-26: a member that sent SyncGroup no longer counts against the sync timer. */
function removePendingSyncMember(group: Group, memberId: string): void {
  group.pendingSync = group.pendingSync.filter((id) => id !== memberId);
  const stillWaiting =
    (group.state === 'CompletingRebalance' || group.state === 'Stable') && group.pendingSync.length > 0;
  if (!stillWaiting) cancelSync(group);
}

export function handleSync(state: CoordinatorState, request: SyncRequest, effects: Effects): void {
  const group = findGroup(state, request.group);
  const answer = (error: ErrorName, assignment: Group['members'][number]['assignment'] = []) =>
    effects.answers.push({
      type: 'sync-response',
      request: request.request,
      client: request.client,
      group: request.group,
      error,
      assignment,
    });
  const error = syncError(group, request);
  if (error || !group) return void answer(error ?? 'UNKNOWN_MEMBER_ID');
  const member = findMember(group, request.memberId)!;
  if (group.state === 'Stable') {
    removePendingSyncMember(group, member.memberId);
    return void answer('NONE', member.assignment);
  }
  // CompletingRebalance: park until the leader's plan arrives.
  member.awaitingSync = request.request;
  removePendingSyncMember(group, member.memberId);
  if (!isLeader(group, member.memberId)) return;
  // GC-25: the leader's plan; members it left out get an empty assignment; persisted, then Stable.
  const plan = new Map((request.assignments ?? []).map((entry) => [entry.memberId, entry.partitions]));
  for (const each of group.members) {
    each.assignment = (plan.get(each.memberId) ?? []).map((tp) => ({
      topic: tp.topic,
      partitions: [...tp.partitions],
    }));
  }
  persistGroup(group);
  propagateAssignment(group, 'NONE', effects);
  transitionTo(group, 'Stable', effects.now, effects.transitions);
}
