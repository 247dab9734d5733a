// The committed-offset store of a group: OffsetCommit (after validation), OffsetFetch, retention.
import type { ErrorName } from '../../spec/errors.ts';
import type { Effects } from '../group/effects.ts';
import { findGroup, newGroup } from '../group/join.ts';
import { findMember } from '../group/members.ts';
import { rescheduleHeartbeat } from '../group/timers.ts';
import type { CommitRequest, CoordinatorState, Group, OffsetFetchRequest } from '../group/types.ts';
import { missingGroupCommitError, validateOffsetCommit } from './validate.ts';

// Rules this file applies: OC-1, OC-7, OC-8, OC-9, OC-10.

export function handleCommit(state: CoordinatorState, request: CommitRequest, effects: Effects) {
  const identity = {
    memberId: request.memberId,
    instanceId: request.instanceId ?? null,
    generation: request.generation,
    version: request.version ?? 9,
  };
  const answerAll = (error: ErrorName) =>
    answer(
      request,
      effects,
      request.offsets.map(() => error),
    );
  let group = findGroup(state, request.group);
  const created = !group;
  if (!group) {
    const error = missingGroupCommitError(identity);
    if (error) return answerAll(error);
    group = newGroup(request.group, effects.now); // OC-1: a "simple" group, Empty, no protocol
    state.groups.push(group);
  }
  const error = validateOffsetCommit(group, identity);
  if (error) return answerAll(error);
  const member = findMember(group, request.memberId);
  if (member && (group.state === 'Stable' || group.state === 'PreparingRebalance')) {
    rescheduleHeartbeat(group, member, effects.now); // OC-8 (GC-28)
  }
  effects.accepted.push({
    group: group.id,
    memberId: request.memberId,
    generation: request.generation,
    groupGeneration: group.generation,
    groupState: group.state,
    wasMember: member !== undefined,
  });
  const errors = request.offsets.map((entry): ErrorName => {
    const metadata = entry.metadata ?? '';
    // OC-7: Java's String.length (UTF-16 units), per partition; the others are still stored.
    if (metadata.length > effects.config.offsetMetadataMaxBytes) return 'OFFSET_METADATA_TOO_LARGE';
    storeOffset(group, {
      topic: entry.topic,
      partition: entry.partition,
      offset: entry.offset,
      metadata,
      commitTimestamp: effects.now,
    });
    return 'NONE';
  });
  // OC-1, Kafka 4.4: a commit record makes the group visible to reads; none leaves a group it
  // created in memory only.
  if (errors.includes('NONE')) delete group.unwritten;
  else if (created) group.unwritten = true;
  answer(request, effects, errors);
}

function answer(request: CommitRequest, effects: Effects, errors: ErrorName[]): void {
  effects.answers.push({
    type: 'commit-response',
    request: request.request,
    client: request.client,
    group: request.group,
    source: request.source ?? 'request',
    generation: request.generation,
    partitions: request.offsets.map((entry, index) => ({
      topic: entry.topic,
      partition: entry.partition,
      offset: entry.offset,
      error: errors[index]!,
    })),
  });
}

function storeOffset(group: Group, committed: Group['offsets'][number]): void {
  group.offsets = [
    ...group.offsets.filter(
      (existing) => existing.topic !== committed.topic || existing.partition !== committed.partition,
    ),
    committed,
  ].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/** OC-9: unknown group, Dead group or uncommitted partition: offset -1, metadata "", no error. */
export function handleOffsetFetch(
  state: CoordinatorState,
  request: OffsetFetchRequest,
  effects: Effects,
): void {
  const group = findGroup(state, request.group);
  const known = group && group.state !== 'Dead' ? group.offsets : [];
  const wanted = request.partitions ?? known.map(({ topic, partition }) => ({ topic, partition }));
  effects.answers.push({
    type: 'offset-fetch-response',
    request: request.request,
    client: request.client,
    group: request.group,
    error: 'NONE',
    offsets: wanted.map(({ topic, partition }) => {
      const hit = known.find((entry) => entry.topic === topic && entry.partition === partition);
      return {
        topic,
        partition,
        offset: hit?.offset ?? -1,
        metadata: hit?.metadata ?? '',
        error: 'NONE' as const,
      };
    }),
  });
}

/**
 * OC-10: offsets.retention.minutes, applied by the periodic cleanup (every
 * offsets.retention.check.interval.ms). An Empty group that had members counts from when it became
 * Empty; a simple group (no protocol) and unsubscribed topics of an active group count from the
 * commit. An Empty group left without offsets or pending members is deleted.
 */
export function expireOffsets(state: CoordinatorState, now: number, retentionMs: number): void {
  const expired = (since: number) => now - since >= retentionMs;
  for (const group of state.groups) {
    if (group.state === 'Empty') {
      group.offsets = group.offsets.filter(
        (entry) => !expired(group.protocolType === null ? entry.commitTimestamp : group.stateSince),
      );
    } else if (group.state !== 'Dead' && group.protocol !== null) {
      const subscribed = new Set(
        group.members.flatMap(
          (member) => member.protocols.find((p) => p.name === group.protocol)?.topics ?? [],
        ),
      );
      group.offsets = group.offsets.filter(
        (entry) => subscribed.has(entry.topic) || !expired(entry.commitTimestamp),
      );
    }
  }
  // Kafka deletes an Empty group left without offsets whatever members are pending (awaiting their
  // second join after MEMBER_ID_REQUIRED): ClassicGroup.isEmpty() is the Empty state alone
  // (GroupCoordinatorShard.cleanupGroupMetadata, GroupMetadataManager.maybeDeleteGroup). Found by
  // the deep-groups suite; Kafka 4.4's own coordinator (kafka-coordinator adapter) answers Dead too.
  state.groups = state.groups.filter((group) => !(group.state === 'Empty' && group.offsets.length === 0));
}
