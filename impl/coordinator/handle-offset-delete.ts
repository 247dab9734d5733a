// OffsetDelete (API key 47) on one shard (OffsetMetadataManager.deleteOffsets): the group first,
// answered at the top level (unknown or Dead GROUP_ID_NOT_FOUND; a group with members that is not
// a "consumer" group NON_EMPTY_GROUP: ClassicGroup.validateOffsetDelete), then each partition: a
// topic the generation subscribes to GROUP_SUBSCRIBED_TO_TOPIC, else NONE and a tombstone for the
// committed offset if there is one. The group stays, even without offsets. The offsets go once the
// tombstones are replicated, and the answer waits for them. The request layer's answers for
// partitions the broker does not know are merged in by `mergeOffsetDeleteResponse`.
import type { ErrorName } from '../../spec/errors.ts';
import { appendErrorToResponseError } from './append-errors.ts';
import type { OffsetDeleteRequest, OffsetDeleteResponse } from './messages.ts';
import { type CoordinatorRecord, offsetCommitRecord } from './records.ts';
import { offsetKey } from './shard-state.ts';
import { isSubscribedToTopic } from './subscribed-topics.ts';
import type { Transaction } from './transaction.ts';

export function handleOffsetDelete(tx: Transaction, request: OffsetDeleteRequest): void {
  const group = tx.group(request.groupId);
  if (!group || group.state === 'Dead') {
    tx.respond(request.requestId, { api: 'OffsetDelete', error: 'GROUP_ID_NOT_FOUND', topics: [] });
    return;
  }
  if (group.state !== 'Empty' && group.protocolType !== 'consumer') {
    tx.respond(request.requestId, { api: 'OffsetDelete', error: 'NON_EMPTY_GROUP', topics: [] });
    return;
  }
  const committed = tx.groupOffsets(request.groupId);
  const records: CoordinatorRecord[] = [];
  const deleted: { topic: string; partition: number }[] = [];
  const response: OffsetDeleteResponse = {
    api: 'OffsetDelete',
    error: 'NONE',
    topics: request.topics.map((topic) => {
      const subscribed = isSubscribedToTopic(group, topic.name);
      return {
        name: topic.name,
        partitions: topic.partitionIndexes.map((partitionIndex) => {
          if (subscribed) return { partitionIndex, error: 'GROUP_SUBSCRIBED_TO_TOPIC' as ErrorName };
          if (committed?.has(offsetKey(topic.name, partitionIndex))) {
            records.push(offsetCommitRecord(request.groupId, topic.name, partitionIndex, null));
            deleted.push({ topic: topic.name, partition: partitionIndex });
          }
          return { partitionIndex, error: 'NONE' as ErrorName };
        }),
      };
    }),
  };
  if (records.length === 0) {
    tx.respond(request.requestId, response);
    return;
  }
  tx.append(records, {
    kind: 'offset-delete',
    requestId: request.requestId,
    groupId: request.groupId,
    response,
    deleted,
  });
}

/** Replicated: the offsets are gone; failed: the mapped error at the top level, as Kafka fails the operation. */
export function completeOffsetDeleteAppend(
  tx: Transaction,
  continuation: {
    requestId: number;
    groupId: string;
    response: OffsetDeleteResponse;
    deleted: readonly { topic: string; partition: number }[];
  },
  outcome: { ok: true } | { ok: false; error: ErrorName },
): void {
  if (!outcome.ok) {
    const error = appendErrorToResponseError(outcome.error);
    tx.respond(continuation.requestId, { api: 'OffsetDelete', error, topics: [] });
    return;
  }
  for (const { topic, partition } of continuation.deleted)
    tx.deleteOffset(continuation.groupId, topic, partition);
  tx.respond(continuation.requestId, continuation.response);
}

/**
 * KafkaApis.handleOffsetDeleteRequest answers the partitions its metadata does not have
 * UNKNOWN_TOPIC_OR_PARTITION and merges the coordinator's answer in (OffsetDeleteResponse.Builder
 * .merge): a top-level error replaces everything; otherwise the coordinator's topics are added,
 * a topic both have gets the coordinator's partitions after the unknown ones.
 */
export function mergeOffsetDeleteResponse(
  unknown: readonly { readonly name: string; readonly partitionIndexes: readonly number[] }[],
  coordinator: OffsetDeleteResponse,
): OffsetDeleteResponse {
  if (coordinator.error !== 'NONE' || unknown.length === 0) return coordinator;
  const topics = new Map<string, { partitionIndex: number; error: ErrorName }[]>();
  for (const { name, partitionIndexes } of unknown)
    topics.set(name, [
      ...(topics.get(name) ?? []),
      ...partitionIndexes.map((partitionIndex) => ({
        partitionIndex,
        error: 'UNKNOWN_TOPIC_OR_PARTITION' as ErrorName,
      })),
    ]);
  for (const { name, partitions } of coordinator.topics)
    topics.set(name, [...(topics.get(name) ?? []), ...partitions]);
  return {
    api: 'OffsetDelete',
    error: 'NONE',
    topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
  };
}
