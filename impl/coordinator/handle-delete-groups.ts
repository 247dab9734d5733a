// DeleteGroups (API key 42) on one shard (GroupCoordinatorShard.deleteGroups): each distinct group
// id on its own: unknown or Dead GROUP_ID_NOT_FOUND, a group with members NON_EMPTY_GROUP
// (ClassicGroup.validateDeleteGroup), an Empty group deleted: a tombstone for each committed offset,
// then the group's tombstone (OffsetMetadataManager.deleteAllOffsets,
// createGroupTombstoneRecordsAndCancelTimers). As for the retention pass (offset-retention.ts) the
// group goes at once and its offsets once the tombstones are replicated; the answer waits for them.
// A failed append answers every group of the request with the mapped error, as Kafka fails the
// whole write operation (CoordinatorOperationExceptionHelper).
import type { ErrorName } from '../../spec/errors.ts';
import { appendErrorToResponseError } from './append-errors.ts';
import { transitionTo } from './group-state.ts';
import type { DeleteGroupsRequest, DeleteGroupsResponse } from './messages.ts';
import { type CoordinatorRecord, groupMetadataRecord, offsetCommitRecord } from './records.ts';
import type { DeletedOffsets, Transaction } from './transaction.ts';

export function handleDeleteGroups(tx: Transaction, request: DeleteGroupsRequest): void {
  const records: CoordinatorRecord[] = [];
  const deleted: DeletedOffsets[] = [];
  const results = [...new Set(request.groupIds)].map((groupId) => {
    const error = deleteGroup(tx, groupId, records, deleted);
    return { groupId, error };
  });
  const response: DeleteGroupsResponse = { api: 'DeleteGroups', results };
  if (records.length === 0) {
    tx.respond(request.requestId, response);
    return;
  }
  tx.append(records, { kind: 'delete-groups', requestId: request.requestId, response, deleted });
}

function deleteGroup(
  tx: Transaction,
  groupId: string,
  records: CoordinatorRecord[],
  deleted: DeletedOffsets[],
): ErrorName {
  const group = tx.group(groupId);
  if (!group || group.state === 'Dead') return 'GROUP_ID_NOT_FOUND';
  if (group.state !== 'Empty') return 'NON_EMPTY_GROUP';
  const offsets = [...(tx.groupOffsets(groupId)?.values() ?? [])].map(({ topic, partition }) => ({
    topic,
    partition,
  }));
  for (const { topic, partition } of offsets)
    records.push(offsetCommitRecord(groupId, topic, partition, null));
  records.push(groupMetadataRecord(groupId, null));
  // An Empty group's only timers are its pending members' sessions (MEMBER_ID_REQUIRED).
  for (const memberId of group.pendingMembers) tx.cancel({ kind: 'heartbeat', groupId, memberId });
  transitionTo(group, 'Dead', tx.nowMs);
  tx.deleteGroup(groupId);
  deleted.push({ groupId, offsets });
  return 'NONE';
}

/** The tombstones are replicated (the offsets are gone) or failed (every group gets the mapped error). */
export function completeDeleteGroupsAppend(
  tx: Transaction,
  continuation: { requestId: number; response: DeleteGroupsResponse; deleted: readonly DeletedOffsets[] },
  outcome: { ok: true } | { ok: false; error: ErrorName },
): void {
  if (outcome.ok) {
    for (const { groupId, offsets } of continuation.deleted)
      for (const { topic, partition } of offsets) tx.deleteOffset(groupId, topic, partition);
    tx.respond(continuation.requestId, continuation.response);
    return;
  }
  const error = appendErrorToResponseError(outcome.error);
  tx.respond(continuation.requestId, {
    api: 'DeleteGroups',
    results: continuation.response.results.map(({ groupId }) => ({ groupId, error })),
  });
}
