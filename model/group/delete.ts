// DeleteGroups and OffsetDelete, the admin requests that remove what the coordinator stored
// (GroupCoordinatorShard.deleteGroups, OffsetMetadataManager.deleteOffsets). Both run after the
// front door (coordinator.ts), which answers coordinator errors for every group or at the top.
import type { ErrorName } from '../../spec/errors.ts';
import type { Effects } from './effects.ts';
import { findGroup } from './join.ts';
import { transitionTo } from './state-table.ts';
import { isSubscribedToTopic } from './subscriptions.ts';
import type { CoordinatorState, DeleteGroupsRequest, Group, OffsetDeleteRequest } from './types.ts';

// Rules this file applies: GC-38, GC-39, OC-20, OC-21.

/** Kafka's request layer drops repeated group ids before the coordinator sees them (KafkaApis). */
export function distinctGroups(groups: readonly string[]): string[] {
  return [...new Set(groups)];
}

/**
 * GC-38: each distinct group id on its own: unknown or Dead GROUP_ID_NOT_FOUND, a group with members
 * (PreparingRebalance, CompletingRebalance, Stable) NON_EMPTY_GROUP, an Empty group is deleted with
 * every committed offset (ClassicGroup.validateDeleteGroup, OffsetMetadataManager.deleteAllOffsets).
 * GC-39: the offset tombstones and then the group tombstone are written, and their replay removes the
 * group from the coordinator at once, so no later request and no reload finds it.
 */
export function handleDeleteGroups(
  state: CoordinatorState,
  request: DeleteGroupsRequest,
  effects: Effects,
): void {
  const results = distinctGroups(request.groups).map((groupId) => {
    const group = findGroup(state, groupId);
    const error = deleteGroupError(group);
    if (group && error === 'NONE') {
      transitionTo(group, 'Dead', effects.now, effects.transitions);
      state.groups = state.groups.filter((other) => other !== group);
    }
    return { group: groupId, error };
  });
  effects.answers.push({
    type: 'delete-groups-response',
    request: request.request,
    client: request.client,
    results,
  });
}

function deleteGroupError(group: Group | undefined): ErrorName {
  if (!group || group.state === 'Dead') return 'GROUP_ID_NOT_FOUND';
  return group.state === 'Empty' ? 'NONE' : 'NON_EMPTY_GROUP';
}

/**
 * OC-20: the group is checked first, with a top-level answer that drops every partition: unknown or
 * Dead GROUP_ID_NOT_FOUND; a group with members that does not use the consumer protocol
 * NON_EMPTY_GROUP (ClassicGroup.validateOffsetDelete; the contract's members always use it).
 * OC-21: then per partition: one the broker does not know UNKNOWN_TOPIC_OR_PARTITION (KafkaApis
 * handleOffsetDeleteRequest), a topic the group is subscribed to GROUP_SUBSCRIBED_TO_TOPIC, else
 * NONE with the committed offset, if any, tombstoned; the group stays, even without offsets.
 */
export function handleOffsetDelete(
  state: CoordinatorState,
  request: OffsetDeleteRequest,
  effects: Effects,
): void {
  const group = findGroup(state, request.group);
  const answer = (error: ErrorName, partitions: { topic: string; partition: number; error: ErrorName }[]) => {
    effects.answers.push({
      type: 'offset-delete-response',
      request: request.request,
      client: request.client,
      group: request.group,
      error,
      partitions,
    });
  };
  if (!group || group.state === 'Dead') {
    answer('GROUP_ID_NOT_FOUND', []);
    return;
  }
  if (group.state !== 'Empty' && group.protocolType !== 'consumer') {
    answer('NON_EMPTY_GROUP', []);
    return;
  }
  const partitions = request.partitions.map(({ topic, partition, exists }) => {
    if (!exists) return { topic, partition, error: 'UNKNOWN_TOPIC_OR_PARTITION' as const };
    if (isSubscribedToTopic(group, topic))
      return { topic, partition, error: 'GROUP_SUBSCRIBED_TO_TOPIC' as const };
    const kept = group.offsets.filter((entry) => entry.topic !== topic || entry.partition !== partition);
    if (kept.length !== group.offsets.length) {
      group.offsets = kept;
      if (group.persisted === null) group.offsetRecordsInLog = true;
    }
    return { topic, partition, error: 'NONE' as const };
  });
  answer('NONE', partitions);
}
