// What each timer does when its deadline passes (GroupMetadataManager's expiration callbacks).

import { mutant } from '../mutants/index.ts';
import { removeMember } from './group-membership.ts';
import type { GroupMember } from './group-state.ts';
import { runOffsetRetention } from './offset-retention.ts';
import {
  completeJoin,
  prepareRebalance,
  removeMemberAndLeave,
  removeMemberAndUpdateGroup,
  removePendingMemberAndUpdateGroup,
} from './rebalance.ts';
import type { TimerTask } from './shard-state.ts';
import type { Transaction } from './transaction.ts';

/** A member waiting in a join or sync counts as alive, unless it is new (then its join wait is bounded). */
function hasSatisfiedHeartbeat(member: GroupMember): boolean {
  if (member.isNew) return false;
  return member.awaitingJoin !== null || member.awaitingSync !== null;
}

function expireHeartbeat(tx: Transaction, groupId: string, memberId: string): void {
  const group = tx.group(groupId);
  if (!group || group.state === 'Dead' || mutant('keep-member-after-session-expiry')) return;
  if (group.pendingMembers.has(memberId)) {
    removePendingMemberAndUpdateGroup(tx, group, memberId);
    return;
  }
  const member = group.members.get(memberId);
  if (member && !hasSatisfiedHeartbeat(member))
    (mutant('expire-without-rebalance') ? removeMemberAndLeave : removeMemberAndUpdateGroup)(
      tx,
      group,
      member,
    );
}

function initialJoinDelayExpired(
  tx: Transaction,
  groupId: string,
  delayMs: number,
  remainingMs: number,
): void {
  const group = tx.group(groupId);
  if (group?.state !== 'PreparingRebalance') return;
  if (group.newMemberAdded && remainingMs !== 0) {
    group.newMemberAdded = false;
    const nextDelayMs = Math.min(tx.config.initialRebalanceDelayMs, remainingMs);
    const nextRemainingMs = Math.max(remainingMs - delayMs, 0);
    tx.schedule(
      { kind: 'initial-join', groupId, delayMs: nextDelayMs, remainingMs: nextRemainingMs },
      nextDelayMs,
    );
    return;
  }
  completeJoin(tx, group);
}

function syncExpired(tx: Transaction, groupId: string, generation: number): void {
  const group = tx.group(groupId);
  if (!group || group.generation !== generation) return;
  if (group.state !== 'CompletingRebalance' && group.state !== 'Stable') return;
  if (group.pendingSyncMembers.size === 0) return;
  // Members that never sent SyncGroup are dropped, and the group rebalances without them.
  for (const memberId of [...group.pendingSyncMembers]) {
    removeMember(group, memberId);
    tx.cancel({ kind: 'heartbeat', groupId, memberId });
  }
  prepareRebalance(tx, group);
}

function joinExpired(tx: Transaction, groupId: string): void {
  const group = tx.group(groupId);
  if (group?.state !== 'PreparingRebalance') return;
  completeJoin(tx, group);
}

export function fireTimer(tx: Transaction, task: TimerTask): void {
  switch (task.kind) {
    case 'heartbeat': {
      expireHeartbeat(tx, task.groupId, task.memberId);
      return;
    }
    case 'initial-join': {
      initialJoinDelayExpired(tx, task.groupId, task.delayMs, task.remainingMs);
      return;
    }
    case 'join': {
      joinExpired(tx, task.groupId);
      return;
    }
    case 'sync': {
      syncExpired(tx, task.groupId, task.generation);
      return;
    }
    case 'retention': {
      runOffsetRetention(tx);
      return;
    }
  }
}
