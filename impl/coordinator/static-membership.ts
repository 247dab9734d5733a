// Static membership (KIP-345, group.instance.id): a member identified by its instance id keeps
// its place across restarts. A JoinGroup with a known instance id and no member id replaces the
// old member id (fencing the old one with FENCED_INSTANCE_ID); in Stable, when the selected
// protocol would not change, it does so without a rebalance, persisting the group first.
// Static members that miss a rebalance are not dropped at join completion (only by their session).
import type { ErrorName } from '../../spec/errors.ts';
import { appendErrorToResponseError } from './append-errors.ts';
import { selectProtocol } from './group-membership.ts';
import type { ClassicGroup, GroupMember } from './group-state.ts';
import type { JoinGroupRequest } from './messages.ts';
import {
  currentJoinResponse,
  EMPTY_ASSIGNMENT,
  groupMetadataFor,
  joinError,
  maybeCompleteJoinPhase,
  prepareRebalance,
  rescheduleHeartbeat,
} from './rebalance.ts';
import { groupMetadataRecord } from './records.ts';
import type { StaticReplacement, Transaction } from './transaction.ts';

export function staticMemberId(group: ClassicGroup, groupInstanceId: string): string | null {
  for (const member of group.members.values())
    if (member.groupInstanceId === groupInstanceId) return member.memberId;
  return null;
}

/** Kafka's validateMember: a static member is checked by instance id first, then the member must exist. */
export function validateMember(
  group: ClassicGroup,
  memberId: string,
  groupInstanceId: string | null,
): ErrorName {
  if (groupInstanceId !== null) {
    const existing = staticMemberId(group, groupInstanceId);
    if (existing === null) return 'UNKNOWN_MEMBER_ID';
    return existing === memberId ? 'NONE' : 'FENCED_INSTANCE_ID';
  }
  return group.members.has(memberId) ? 'NONE' : 'UNKNOWN_MEMBER_ID';
}

/** Moves the static member to a new member id; whoever waited under the old id is fenced. */
export function replaceStaticMember(
  tx: Transaction,
  group: ClassicGroup,
  oldMemberId: string,
  newMemberId: string,
): GroupMember {
  const old = group.members.get(oldMemberId);
  if (!old) throw new Error(`group ${group.groupId}: no static member ${oldMemberId} to replace`);
  if (old.awaitingJoin) tx.respond(old.awaitingJoin.requestId, joinError(oldMemberId, 'FENCED_INSTANCE_ID'));
  if (old.awaitingSync)
    tx.respond(old.awaitingSync.requestId, {
      api: 'SyncGroup',
      error: 'FENCED_INSTANCE_ID',
      protocolType: null,
      protocolName: null,
      assignment: EMPTY_ASSIGNMENT,
    });
  const replacement: GroupMember = {
    ...old,
    memberId: newMemberId,
    awaitingJoin: null,
    awaitingSync: null,
    isNew: false,
  };
  group.members.delete(oldMemberId);
  group.members.set(newMemberId, replacement);
  if (group.leaderId === oldMemberId) group.leaderId = newMemberId;
  if (group.pendingSyncMembers.delete(oldMemberId)) group.pendingSyncMembers.add(newMemberId);
  tx.cancel({ kind: 'heartbeat', groupId: group.groupId, memberId: oldMemberId });
  return replacement;
}

/** A known instance id joins without a member id: take over the old member's place. */
export function joinKnownStaticMember(
  tx: Transaction,
  group: ClassicGroup,
  request: JoinGroupRequest,
  oldMemberId: string,
  newMemberId: string,
): void {
  const previousLeader = group.leaderId;
  const member = replaceStaticMember(tx, group, oldMemberId, newMemberId);
  rescheduleHeartbeat(tx, group, member);
  const replacement: StaticReplacement = {
    requestId: request.requestId,
    version: request.version,
    groupId: group.groupId,
    oldMemberId,
    newMemberId,
    previousLeader,
    oldProtocols: member.protocols,
    oldRebalanceTimeoutMs: member.rebalanceTimeoutMs,
    oldSessionTimeoutMs: member.sessionTimeoutMs,
  };
  member.protocols = request.protocols;
  member.rebalanceTimeoutMs = request.rebalanceTimeoutMs;
  member.sessionTimeoutMs = request.sessionTimeoutMs;
  member.awaitingJoin = { requestId: request.requestId, version: request.version };
  switch (group.state) {
    case 'Stable': {
      if (selectProtocol(group) !== group.protocolName) {
        prepareRebalance(tx, group);
        return;
      }
      // Same protocol: persist the new member id and answer once it is written; no rebalance.
      const assignment = new Map([...group.members.values()].map((m) => [m.memberId, m.assignment] as const));
      tx.append([groupMetadataRecord(group.groupId, groupMetadataFor(tx, group, assignment))], {
        kind: 'static-replace',
        replacement,
      });
      return;
    }
    case 'CompletingRebalance':
      // The leader may already have planned with the old id: plan again.
      prepareRebalance(tx, group);
      return;
    case 'PreparingRebalance':
      maybeCompleteJoinPhase(tx, group);
      return;
    case 'Empty':
    case 'Dead':
      throw new Error(`group ${group.groupId}: a known static member cannot join in ${group.state}`);
  }
}

/** The static replacement's group record was written (answer the join) or not (undo the replacement). */
export function completeStaticReplacement(
  tx: Transaction,
  replacement: StaticReplacement,
  outcome: { ok: true } | { ok: false; error: ErrorName },
): void {
  const group = tx.group(replacement.groupId);
  const member = group?.members.get(replacement.newMemberId);
  if (!group || !member || member.awaitingJoin?.requestId !== replacement.requestId) return;
  member.awaitingJoin = null;
  if (outcome.ok && replacement.version >= 9) {
    // KIP-814 (JoinGroup v9): the leader learns the members but keeps the current assignment.
    const isLeader = group.leaderId === replacement.newMemberId;
    tx.respond(replacement.requestId, {
      ...currentJoinResponse(group, replacement.newMemberId),
      skipAssignment: isLeader,
    });
    return;
  }
  if (outcome.ok) {
    tx.respond(replacement.requestId, {
      api: 'JoinGroup',
      error: 'NONE',
      generationId: group.generation,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      // Kafka (before JoinGroup v9) names the leader as it was before the replacement.
      leader: replacement.previousLeader ?? '',
      memberId: replacement.newMemberId,
      members: [],
    });
    return;
  }
  member.protocols = replacement.oldProtocols;
  member.rebalanceTimeoutMs = replacement.oldRebalanceTimeoutMs;
  member.sessionTimeoutMs = replacement.oldSessionTimeoutMs;
  const restored = replaceStaticMember(tx, group, replacement.newMemberId, replacement.oldMemberId);
  rescheduleHeartbeat(tx, group, restored);
  tx.respond(replacement.requestId, {
    ...joinError('', appendErrorToResponseError(outcome.error)),
    generationId: group.generation,
    protocolType: group.protocolType,
    protocolName: group.protocolName,
    leader: replacement.previousLeader ?? '',
  });
}
