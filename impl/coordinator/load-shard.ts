// Loading a shard by replaying its __consumer_offsets partition, and unloading it.
// Replay: the last GroupMetadata record of a group wins: with members the group is Stable (its
// members keep their assignments, each with a fresh session timer), without members Empty; a
// tombstone deletes it. Offset records set, tombstones delete. An offset record of a group without
// a group record makes a simple group: Empty, generation 0. Unload: every group goes Dead; parked JoinGroups
// and SyncGroups are answered NOT_COORDINATOR.
import type { ClassicGroup, GroupMember } from './group-state.ts';
import { newGroup, transitionTo } from './group-state.ts';
import type { AddressedResponse } from './messages.ts';
import { EMPTY_ASSIGNMENT, joinError, prepareRebalance } from './rebalance.ts';
import { type CoordinatorRecord, decodeRecord, type GroupMetadataValue } from './records.ts';
import {
  type CommittedOffset,
  offsetKey,
  type ShardState,
  type Timer,
  type TimerTask,
  timerKey,
} from './shard-state.ts';
import { computeSubscribedTopics } from './subscribed-topics.ts';
import { type HandlerContext, Transaction } from './transaction.ts';

function groupFromRecord(groupId: string, value: GroupMetadataValue): ClassicGroup {
  const group = newGroup(groupId, Math.max(value.currentStateTimestampMs, 0));
  group.stateTimestampMs = value.currentStateTimestampMs >= 0 ? value.currentStateTimestampMs : null;
  group.generation = value.generation;
  group.protocolType = value.protocolType === '' ? null : value.protocolType;
  group.protocolName = value.protocol;
  group.leaderId = value.leader;
  for (const stored of value.members) {
    const member: GroupMember = {
      memberId: stored.memberId,
      groupInstanceId: stored.groupInstanceId,
      clientId: stored.clientId,
      clientHost: stored.clientHost,
      rebalanceTimeoutMs: stored.rebalanceTimeoutMs,
      sessionTimeoutMs: stored.sessionTimeoutMs,
      protocolType: value.protocolType,
      protocols: [{ name: value.protocol ?? '', metadata: stored.subscription }],
      assignment: stored.assignment,
      assignmentGeneration: value.generation,
      awaitingJoin: null,
      awaitingSync: null,
      isNew: false,
    };
    group.members.set(member.memberId, member);
  }
  group.state = group.members.size > 0 ? 'Stable' : 'Empty';
  group.subscribedTopics = computeSubscribedTopics(group); // GroupMetadataManager.replay does the same
  return group;
}

export interface ReplayResult {
  readonly groups: Map<string, ClassicGroup>;
  readonly offsets: Map<string, Map<string, CommittedOffset>>;
}

/** Replays records in log order into groups and offsets (no timers). */
export function replayRecords(records: readonly CoordinatorRecord[]): ReplayResult {
  const groups = new Map<string, ClassicGroup>();
  const offsets = new Map<string, Map<string, CommittedOffset>>();
  for (const record of records) {
    const decoded = decodeRecord(record);
    if (decoded.kind === 'group-metadata') {
      if (decoded.value === null) groups.delete(decoded.group);
      else groups.set(decoded.group, groupFromRecord(decoded.group, decoded.value));
    } else if (decoded.kind === 'offset-commit') {
      // An offset record of a group the replay does not have creates it as a simple group, and its
      // tombstone removes only the offset (OffsetMetadataManager.replay): a simple group whose
      // offsets OffsetDelete removed comes back Empty (OC-21); DeleteGroups' group tombstone,
      // written after the offsets' ones, removes it (GC-39).
      if (decoded.value !== null && !groups.has(decoded.group))
        groups.set(decoded.group, newGroup(decoded.group, 0));
      const byPartition = offsets.get(decoded.group) ?? new Map<string, CommittedOffset>();
      const key = offsetKey(decoded.topic, decoded.partition);
      if (decoded.value === null) byPartition.delete(key);
      else byPartition.set(key, { topic: decoded.topic, partition: decoded.partition, ...decoded.value });
      if (byPartition.size === 0) offsets.delete(decoded.group);
      else offsets.set(decoded.group, byPartition);
    }
  }
  return { groups, offsets };
}

/** A loaded shard: replayed state, a session timer per member and the retention timer. */
export function loadShard(
  partition: number,
  records: readonly CoordinatorRecord[],
  seed: number,
  ctx: HandlerContext,
): ShardState {
  const { groups, offsets } = replayRecords(records);
  const timers = new Map<string, Timer>();
  let seq = 0;
  const schedule = (task: TimerTask, delayMs: number) => {
    timers.set(timerKey(task), { deadlineMs: ctx.nowMs + delayMs, seq: seq++, task });
  };
  for (const group of groups.values())
    for (const member of group.members.values())
      schedule(
        { kind: 'heartbeat', groupId: group.groupId, memberId: member.memberId },
        member.sessionTimeoutMs,
      );
  schedule({ kind: 'retention' }, ctx.config.offsetsRetentionCheckIntervalMs);
  const loaded: ShardState = { partition, groups, offsets, timers, timerSeq: seq, random: seed >>> 0 };
  // A group over group.max.size (the limit changed) rebalances at once, as Kafka does on load.
  const oversized = [...groups.values()].filter((group) => group.members.size > ctx.config.maxGroupSize);
  if (oversized.length === 0) return loaded;
  const tx = new Transaction(loaded, ctx);
  for (const { groupId } of oversized) prepareRebalance(tx, tx.group(groupId)!);
  return tx.finish().state;
}

/** The answers owed to parked requests when the shard goes away. */
export function unloadShard(state: ShardState, nowMs: number): AddressedResponse[] {
  const responses: AddressedResponse[] = [];
  for (const original of state.groups.values()) {
    const group = { ...original, members: new Map(original.members) };
    transitionTo(group, 'Dead', nowMs);
    for (const member of group.members.values()) {
      if (member.awaitingJoin)
        responses.push({
          requestId: member.awaitingJoin.requestId,
          response: joinError(member.memberId, 'NOT_COORDINATOR'),
        });
      if (member.awaitingSync)
        responses.push({
          requestId: member.awaitingSync.requestId,
          response: {
            api: 'SyncGroup',
            error: 'NOT_COORDINATOR',
            protocolType: null,
            protocolName: null,
            assignment: EMPTY_ASSIGNMENT,
          },
        });
    }
  }
  return responses;
}
