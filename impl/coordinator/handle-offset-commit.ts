// OffsetCommit (API key 8). Validation in Kafka's order (OffsetMetadataManager.validateOffsetCommit
// and ClassicGroup.validateOffsetCommit):
//   1. group missing: generation < 0 creates a simple group and accepts; else GROUP_ID_NOT_FOUND
//      (v9+) or ILLEGAL_GENERATION (older);
//   2. Dead -> COORDINATOR_NOT_AVAILABLE;
//   3. generation < 0 on an Empty group -> accepted, whatever the member id;
//   4. generation >= 0 or a member id: unknown member -> UNKNOWN_MEMBER_ID, other generation ->
//      ILLEGAL_GENERATION; 5. otherwise (no id, no generation) a non-Empty group -> UNKNOWN_MEMBER_ID;
//   6. CompletingRebalance -> REBALANCE_IN_PROGRESS.
// Then per partition: metadata over offset.metadata.max.bytes -> OFFSET_METADATA_TOO_LARGE. The
// answer waits for the records' replication (completeOffsetCommitAppend).
import type { ErrorName } from '../../spec/errors.ts';
import { mutant } from '../mutants/index.ts';
import { appendErrorToResponseError } from './append-errors.ts';
import { type ClassicGroup, newGroup } from './group-state.ts';
import type { OffsetCommitRequest, OffsetCommitResponse } from './messages.ts';
import { rescheduleHeartbeat } from './rebalance.ts';
import { type CoordinatorRecord, offsetCommitRecord } from './records.ts';
import type { CommittedOffset } from './shard-state.ts';
import { validateMember } from './static-membership.ts';
import type { Transaction } from './transaction.ts';

export function commitResponseWithError(
  request: OffsetCommitRequest,
  error: ErrorName,
): OffsetCommitResponse {
  return {
    api: 'OffsetCommit',
    topics: request.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((partition) => ({ partitionIndex: partition.partitionIndex, error })),
    })),
  };
}

/** The group the commit goes to, or the error that refuses it. */
function validateOffsetCommit(tx: Transaction, request: OffsetCommitRequest): ClassicGroup | ErrorName {
  const group = tx.group(request.groupId);
  if (!group) {
    if (request.generationId < 0) {
      const simple = newGroup(request.groupId, tx.nowMs);
      tx.putGroup(simple);
      return simple;
    }
    return request.version >= 9 ? 'GROUP_ID_NOT_FOUND' : 'ILLEGAL_GENERATION';
  }
  if (group.state === 'Dead') return 'COORDINATOR_NOT_AVAILABLE';
  if (request.generationId < 0 && (group.state === 'Empty' || mutant('commit-simple-into-live-group')))
    return group;
  if (request.generationId >= 0 || request.memberId !== '' || request.groupInstanceId !== null) {
    const memberError = validateMember(group, request.memberId, request.groupInstanceId);
    if (memberError !== 'NONE' && !mutant('commit-unknown-member')) return memberError;
    const generationOk = mutant('commit-future-generation')
      ? request.generationId >= group.generation
      : request.generationId === group.generation;
    if (!generationOk && !mutant('commit-stale-generation')) return 'ILLEGAL_GENERATION';
  } else if (group.state !== 'Empty') {
    return 'UNKNOWN_MEMBER_ID';
  }
  if (group.state === 'CompletingRebalance' && !mutant('commit-during-completing-rebalance'))
    return 'REBALANCE_IN_PROGRESS';
  return group;
}

export function handleOffsetCommit(tx: Transaction, request: OffsetCommitRequest): void {
  const created = tx.group(request.groupId) === undefined;
  const validated = validateOffsetCommit(tx, request);
  if (typeof validated === 'string') {
    tx.respond(request.requestId, commitResponseWithError(request, validated));
    return;
  }
  const group = validated;
  // A commit keeps the session of a member of a Stable or rebalancing group alive.
  const member = group.members.get(request.memberId);
  if (member && (group.state === 'Stable' || group.state === 'PreparingRebalance'))
    rescheduleHeartbeat(tx, group, member);
  // Kafka adds the two as Java longs; a retention near 2^53 (the largest a request can carry here)
  // would pass the largest exact JS integer, so the sum is capped there: an expiry ~285,000 years
  // out either way, where an uncapped sum made the record unencodable and the commit throw.
  const expireTimestampMs =
    request.retentionTimeMs === -1
      ? null
      : Math.min(Number.MAX_SAFE_INTEGER, tx.nowMs + request.retentionTimeMs);
  const records: CoordinatorRecord[] = [];
  const offsets: CommittedOffset[] = [];
  const response: OffsetCommitResponse = {
    api: 'OffsetCommit',
    topics: request.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((partition) => {
        const metadata = partition.committedMetadata ?? '';
        // OC-7: Java's String.length, UTF-16 units, which a JS string's length counts too.
        if (metadata.length > tx.config.offsetMetadataMaxBytes)
          return {
            partitionIndex: partition.partitionIndex,
            error: 'OFFSET_METADATA_TOO_LARGE' as ErrorName,
          };
        const committed: CommittedOffset = {
          topic: topic.name,
          partition: partition.partitionIndex,
          offset: partition.committedOffset,
          leaderEpoch: partition.committedLeaderEpoch,
          metadata,
          commitTimestampMs: tx.nowMs,
          expireTimestampMs,
        };
        offsets.push(committed);
        records.push(offsetCommitRecord(request.groupId, topic.name, partition.partitionIndex, committed));
        return { partitionIndex: partition.partitionIndex, error: 'NONE' as ErrorName };
      }),
    })),
  };
  if (records.length === 0) {
    // OC-1 (Kafka 4.4): a simple group this commit created, with nothing written, stays in memory only.
    if (created) group.unwritten = true;
    tx.respond(request.requestId, response);
    return;
  }
  tx.append(records, {
    kind: 'offset-commit',
    requestId: request.requestId,
    groupId: request.groupId,
    response,
    offsets,
  });
}

/** The commit's records are replicated (offsets become visible) or failed (every accepted partition gets the mapped error). */
export function completeOffsetCommitAppend(
  tx: Transaction,
  continuation: {
    requestId: number;
    groupId: string;
    response: OffsetCommitResponse;
    offsets: readonly CommittedOffset[];
  },
  outcome: { ok: true } | { ok: false; error: ErrorName },
): void {
  if (outcome.ok) {
    for (const committed of continuation.offsets) tx.putOffset(continuation.groupId, committed);
    tx.respond(continuation.requestId, continuation.response);
    return;
  }
  const error = appendErrorToResponseError(outcome.error);
  tx.respond(continuation.requestId, {
    api: 'OffsetCommit',
    topics: continuation.response.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((partition) =>
        partition.error === 'NONE' ? { ...partition, error } : partition,
      ),
    })),
  });
}
