// The pure entry points of one shard (one __consumer_offsets partition's coordinator):
//   handleGroupRequest(state, request, ctx) -> { state, responses, appends }
//   tick(state, ctx)                        -> fires every timer due at ctx.nowMs, in deadline order
//   completeAppend(state, continuation, outcome, ctx) -> applies what waited on an append
// The input state is never mutated. Group id and session-timeout checks, ownership and loading
// are the runtime's (group-coordinator.ts), before a request reaches a shard.
import type { ErrorName } from '../../spec/errors.ts';
import { fireTimer } from './fire-timer.ts';
import { completeDeleteGroupsAppend, handleDeleteGroups } from './handle-delete-groups.ts';
import { handleHeartbeat } from './handle-heartbeat.ts';
import { handleJoinGroup } from './handle-join-group.ts';
import { handleLeaveGroup } from './handle-leave-group.ts';
import { completeOffsetCommitAppend, handleOffsetCommit } from './handle-offset-commit.ts';
import { completeOffsetDeleteAppend, handleOffsetDelete } from './handle-offset-delete.ts';
import { handleOffsetFetch } from './handle-offset-fetch.ts';
import { completeSyncAppend, handleSyncGroup } from './handle-sync-group.ts';
import type { DeleteGroupsRequest, GroupRequest } from './messages.ts';
import { earliestTimer, type ShardState, timerKey } from './shard-state.ts';
import { completeStaticReplacement } from './static-membership.ts';
import {
  type AppendContinuation,
  type HandlerContext,
  type HandlerResult,
  Transaction,
} from './transaction.ts';

export function handleGroupRequest(
  state: ShardState,
  request: GroupRequest | DeleteGroupsRequest,
  ctx: HandlerContext,
): HandlerResult {
  const tx = new Transaction(state, ctx);
  switch (request.api) {
    case 'JoinGroup':
      handleJoinGroup(tx, request);
      break;
    case 'SyncGroup':
      handleSyncGroup(tx, request);
      break;
    case 'Heartbeat':
      handleHeartbeat(tx, request);
      break;
    case 'LeaveGroup':
      handleLeaveGroup(tx, request);
      break;
    case 'OffsetCommit':
      handleOffsetCommit(tx, request);
      break;
    case 'OffsetFetch':
      handleOffsetFetch(tx, request);
      break;
    case 'OffsetDelete':
      handleOffsetDelete(tx, request);
      break;
    case 'DeleteGroups':
      handleDeleteGroups(tx, request);
      break;
  }
  return tx.finish();
}

/** Bound on timers fired in one tick: a timer that keeps rescheduling itself at `now` is a bug. */
const MAX_TIMERS_PER_TICK = 100_000;

/** Fires due timers one at a time, earliest (deadline, scheduling order) first, each at its own deadline. */
export function tick(state: ShardState, ctx: HandlerContext): HandlerResult {
  const responses: HandlerResult['responses'][number][] = [];
  const appends: HandlerResult['appends'][number][] = [];
  let current = state;
  for (let fired = 0; ; fired++) {
    if (fired > MAX_TIMERS_PER_TICK)
      throw new Error(`more than ${MAX_TIMERS_PER_TICK} timers due at ${ctx.nowMs}`);
    const timer = earliestTimer(current);
    if (timer === null || timer.deadlineMs > ctx.nowMs) break;
    const tx = new Transaction(current, { ...ctx, nowMs: timer.deadlineMs });
    tx.cancelKey(timerKey(timer.task));
    fireTimer(tx, timer.task);
    const result = tx.finish();
    current = result.state;
    responses.push(...result.responses);
    appends.push(...result.appends);
  }
  return { state: current, responses, appends };
}

export function completeAppend(
  state: ShardState,
  continuation: AppendContinuation | null,
  outcome: { ok: true } | { ok: false; error: ErrorName },
  ctx: HandlerContext,
): HandlerResult {
  const tx = new Transaction(state, ctx);
  // OC-1 (Kafka 4.4): a replicated record of this shard makes its in-memory-only groups visible.
  if (outcome.ok)
    for (const [groupId, group] of state.groups) if (group.unwritten) delete tx.group(groupId)!.unwritten;
  switch (continuation?.kind) {
    case 'offset-commit':
      completeOffsetCommitAppend(tx, continuation, outcome);
      break;
    case 'sync-assignment':
      completeSyncAppend(tx, continuation.groupId, continuation.generation, continuation.assignment, outcome);
      break;
    case 'static-replace':
      completeStaticReplacement(tx, continuation.replacement, outcome);
      break;
    case 'delete-groups':
      completeDeleteGroupsAppend(tx, continuation, outcome);
      break;
    case 'offset-delete':
      completeOffsetDeleteAppend(tx, continuation, outcome);
      break;
    case 'offset-expiry':
      if (outcome.ok)
        for (const { topic, partition } of continuation.expired)
          tx.deleteOffset(continuation.groupId, topic, partition);
      break;
  }
  return tx.finish();
}

export function nextDeadline(state: ShardState): number | null {
  return earliestTimer(state)?.deadlineMs ?? null;
}
