// Heartbeat (API key 12): validates member and generation, then answers by state; a valid one
// resets the member's session timer (also in PreparingRebalance, where it says REBALANCE_IN_PROGRESS).
import type { ErrorName } from '../../spec/errors.ts';
import { mutant } from '../mutants/index.ts';
import type { HeartbeatRequest } from './messages.ts';
import { rescheduleHeartbeat } from './rebalance.ts';
import { validateMember } from './static-membership.ts';
import type { Transaction } from './transaction.ts';

function heartbeatError(tx: Transaction, request: HeartbeatRequest): ErrorName {
  const group = tx.group(request.groupId);
  if (!group) return 'UNKNOWN_MEMBER_ID';
  if (group.state === 'Dead') return 'COORDINATOR_NOT_AVAILABLE';
  const memberError = validateMember(group, request.memberId, request.groupInstanceId);
  if (memberError !== 'NONE') return memberError;
  const member = group.members.get(request.memberId)!;
  if (request.generationId !== group.generation)
    return mutant('heartbeat-stale-generation-none') ? 'NONE' : 'ILLEGAL_GENERATION';
  switch (group.state) {
    case 'Empty':
      return 'UNKNOWN_MEMBER_ID';
    case 'PreparingRebalance':
      rescheduleHeartbeat(tx, group, member);
      return 'REBALANCE_IN_PROGRESS';
    case 'CompletingRebalance':
    case 'Stable':
      rescheduleHeartbeat(tx, group, member);
      return 'NONE';
  }
}

export function handleHeartbeat(tx: Transaction, request: HeartbeatRequest): void {
  tx.respond(request.requestId, { api: 'Heartbeat', error: heartbeatError(tx, request) });
}
