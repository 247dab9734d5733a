// LeaveGroup (API key 13): no generation check. Each listed member (v3+ batches them) leaves;
// then a Stable/CompletingRebalance group rebalances, or a pending join may complete.
import type { ErrorName } from '../../spec/errors.ts';
import { mutant } from '../mutants/index.ts';
import { removeMember } from './group-membership.ts';
import type { LeaveGroupRequest, LeaveGroupResponse } from './messages.ts';
import {
  maybeCompleteJoinPhase,
  maybePrepareRebalanceOrCompleteJoin,
  removeMemberAndLeave,
} from './rebalance.ts';
import { staticMemberId, validateMember } from './static-membership.ts';
import type { Transaction } from './transaction.ts';

function leaveResponse(
  request: LeaveGroupRequest,
  error: ErrorName,
  members: LeaveGroupResponse['members'],
): LeaveGroupResponse {
  // Before v3 the one member's error is the answer's error.
  const topError = error !== 'NONE' || request.version >= 3 ? error : (members[0]?.error ?? 'NONE');
  return { api: 'LeaveGroup', error: topError, members: request.version >= 3 ? members : [] };
}

export function handleLeaveGroup(tx: Transaction, request: LeaveGroupRequest): void {
  const group = tx.group(request.groupId);
  if (!group) {
    tx.respond(request.requestId, leaveResponse(request, 'UNKNOWN_MEMBER_ID', []));
    return;
  }
  if (group.state === 'Dead') {
    tx.respond(request.requestId, leaveResponse(request, 'COORDINATOR_NOT_AVAILABLE', []));
    return;
  }
  const results: { memberId: string; groupInstanceId: string | null; error: ErrorName }[] = [];
  for (const identity of request.members) {
    let error: ErrorName = 'NONE';
    if (identity.memberId === '') {
      // An admin may remove a static member by its instance id alone.
      const staticId =
        identity.groupInstanceId === null ? null : staticMemberId(group, identity.groupInstanceId);
      if (staticId === null) error = 'UNKNOWN_MEMBER_ID';
      else removeMemberAndLeave(tx, group, group.members.get(staticId)!);
    } else if (group.pendingMembers.has(identity.memberId)) {
      removeMember(group, identity.memberId);
      tx.cancel({ kind: 'heartbeat', groupId: group.groupId, memberId: identity.memberId });
    } else {
      error = validateMember(group, identity.memberId, identity.groupInstanceId);
      if (error === 'NONE') removeMemberAndLeave(tx, group, group.members.get(identity.memberId)!);
    }
    results.push({ memberId: identity.memberId, groupInstanceId: identity.groupInstanceId, error });
  }
  if (results.some((result) => result.error === 'NONE') && !mutant('leave-without-rebalance')) {
    if (group.state === 'Stable' || group.state === 'CompletingRebalance')
      maybePrepareRebalanceOrCompleteJoin(tx, group);
    else if (group.state === 'PreparingRebalance') maybeCompleteJoinPhase(tx, group);
  }
  tx.respond(request.requestId, leaveResponse(request, 'NONE', results));
}
