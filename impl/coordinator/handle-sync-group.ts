// SyncGroup (API key 14): followers park in CompletingRebalance until the leader's plan is
// persisted; the group becomes Stable only once the GroupMetadata record is replicated
// (completeSyncAppend below), as in Kafka where the state moves in the append's callback.
import type { ErrorName } from '../../spec/errors.ts';
import { mutant } from '../mutants/index.ts';
import { appendErrorToResponseError } from './append-errors.ts';
import type { ClassicGroup } from './group-state.ts';
import { transitionTo } from './group-state.ts';
import type { SyncGroupRequest } from './messages.ts';
import {
  EMPTY_ASSIGNMENT,
  groupMetadataFor,
  maybePrepareRebalanceOrCompleteJoin,
  removePendingSyncMember,
  resetAndPropagateAssignmentWithError,
  setAndPropagateAssignment,
} from './rebalance.ts';
import { groupMetadataRecord } from './records.ts';
import { validateMember } from './static-membership.ts';
import type { Transaction } from './transaction.ts';

function syncError(error: ErrorName) {
  return {
    api: 'SyncGroup',
    error,
    protocolType: null,
    protocolName: null,
    assignment: EMPTY_ASSIGNMENT,
  } as const;
}

function validateSyncGroup(group: ClassicGroup, request: SyncGroupRequest): ErrorName {
  if (group.state === 'Dead') return 'COORDINATOR_NOT_AVAILABLE';
  const memberError = validateMember(group, request.memberId, request.groupInstanceId);
  if (memberError !== 'NONE') return memberError;
  if (request.generationId !== group.generation) return 'ILLEGAL_GENERATION';
  // v5+ carries the type and protocol; where both the request and the group have one, they must
  // agree (GroupMetadataManager.isProtocolInconsistent).
  const inconsistent = (asked: string | null, groups: string | null) =>
    asked !== null && groups !== null && asked !== groups;
  if (inconsistent(request.protocolType, group.protocolType)) return 'INCONSISTENT_GROUP_PROTOCOL';
  if (inconsistent(request.protocolName, group.protocolName)) return 'INCONSISTENT_GROUP_PROTOCOL';
  return 'NONE';
}

function leaderSync(tx: Transaction, group: ClassicGroup, request: SyncGroupRequest): void {
  const assignment = new Map<string, Uint8Array>();
  for (const entry of request.assignments) assignment.set(entry.memberId, entry.assignment);
  // Members the leader left out get an empty assignment; ids that are not members are ignored.
  const complete = new Map<string, Uint8Array>();
  for (const memberId of group.members.keys())
    complete.set(
      memberId,
      assignment.get(mutant('sync-leader-assignment-to-all') ? request.memberId : memberId) ??
        EMPTY_ASSIGNMENT,
    );
  const record = groupMetadataRecord(group.groupId, groupMetadataFor(tx, group, complete));
  tx.append([record], {
    kind: 'sync-assignment',
    groupId: group.groupId,
    generation: group.generation,
    assignment: complete,
  });
}

export function handleSyncGroup(tx: Transaction, request: SyncGroupRequest): void {
  const group = tx.group(request.groupId);
  if (!group) {
    tx.respond(request.requestId, syncError('UNKNOWN_MEMBER_ID'));
    return;
  }
  const error = validateSyncGroup(group, request);
  if (error !== 'NONE') {
    tx.respond(request.requestId, syncError(error));
    return;
  }
  switch (group.state) {
    case 'Empty': {
      tx.respond(request.requestId, syncError('UNKNOWN_MEMBER_ID'));
      return;
    }
    case 'PreparingRebalance': {
      tx.respond(request.requestId, syncError('REBALANCE_IN_PROGRESS'));
      return;
    }
    case 'CompletingRebalance': {
      const member = group.members.get(request.memberId)!;
      member.awaitingSync = { requestId: request.requestId, version: request.version };
      removePendingSyncMember(tx, group, request.memberId);
      if (group.leaderId === request.memberId) leaderSync(tx, group, request);
      return;
    }
    case 'Stable': {
      removePendingSyncMember(tx, group, request.memberId);
      const member = group.members.get(request.memberId)!;
      tx.respond(request.requestId, {
        api: 'SyncGroup',
        error: 'NONE',
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        assignment: member.assignment,
      });
      return;
    }
    case 'Dead':
      throw new Error('unreachable: Dead was answered by validation');
  }
}

/** The leader's assignment append finished. Ignored if the group moved on meanwhile. */
export function completeSyncAppend(
  tx: Transaction,
  groupId: string,
  generation: number,
  assignment: ReadonlyMap<string, Uint8Array>,
  outcome: { ok: true } | { ok: false; error: ErrorName },
): void {
  const group = tx.group(groupId);
  if (group?.state !== 'CompletingRebalance' || group.generation !== generation) return;
  if (!outcome.ok) {
    resetAndPropagateAssignmentWithError(tx, group, appendErrorToResponseError(outcome.error));
    maybePrepareRebalanceOrCompleteJoin(tx, group);
    return;
  }
  setAndPropagateAssignment(tx, group, assignment);
  transitionTo(group, 'Stable', tx.nowMs);
}
