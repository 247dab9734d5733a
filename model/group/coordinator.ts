// The coordinator's pure step: `step(state, event, choice?) -> { state, answers, allowed, accepted }`.
// The front door answers what Kafka's GroupCoordinatorService answers before the group is looked at
// (coordinator not active, empty group id, session timeout bounds, partition not loaded); the rest is
// dispatched to one handler per request. Time and coordinator moves are events too.
import type { ErrorName } from '../../spec/errors.ts';
import { expireOffsets, handleCommit, handleOffsetFetch } from '../offsets/store.ts';
import { coordinatorConfig } from './config.ts';
import { distinctGroups, handleDeleteGroups, handleOffsetDelete } from './delete.ts';
import { handleDescribe } from './describe.ts';
import { type Effects, newEffects } from './effects.ts';
import { handleHeartbeat, handleLeave } from './heartbeat-leave.ts';
import { handleJoin } from './join.ts';
import { copyProtocols } from './members.ts';
import {
  completeJoin,
  completeJoinFuture,
  expireHeartbeat,
  expirePendingSync,
  initialJoinTimerFired,
} from './rebalance.ts';
import { transitionTo } from './state-table.ts';
import { setSubscribedTopics } from './subscriptions.ts';
import { handleSync } from './sync.ts';
import { nextDueTimer, removeTimer, rescheduleHeartbeat } from './timers.ts';
import type {
  Answer,
  Choice,
  ClientRequest,
  CoordinatorConfig,
  CoordinatorEvent,
  CoordinatorState,
  Group,
  StepResult,
} from './types.ts';

// Rules this file applies: GC-3, GC-4, GC-5, GC-32, GC-33, GC-34, GC-38, OC-20.

/** Timers fired by one advance-time beyond this mean a timer loop: a model bug. */
const MAX_TIMERS_PER_ADVANCE = 10_000;

export function initialCoordinatorState(config: CoordinatorConfig = coordinatorConfig()): CoordinatorState {
  return {
    now: 0,
    status: 'active',
    groups: [],
    stored: [],
    serials: {},
    config,
    loadedAtMs: null,
    lastCleanupMs: null,
  };
}

/** The answer to a request refused before reaching its handler, in the shape of its response. */
export function errorAnswer(request: ClientRequest, error: ErrorName): Answer {
  // GC-38: DeleteGroups answers a coordinator error for each group (DeleteGroupsRequest.getErrorResultCollection).
  if (request.type === 'delete-groups') {
    const results = distinctGroups(request.groups).map((group) => ({ group, error }));
    return { type: 'delete-groups-response', request: request.request, client: request.client, results };
  }
  const base = { request: request.request, group: request.group };
  switch (request.type) {
    case 'join':
      return {
        ...base,
        type: 'join-response',
        client: request.client,
        error,
        memberId: request.memberId,
        generation: -1,
        protocol: null,
        leader: null,
        members: [],
      };
    case 'sync':
      return { ...base, type: 'sync-response', client: request.client, error, assignment: [] };
    case 'heartbeat':
      return { ...base, type: 'heartbeat-response', client: request.client, error };
    case 'leave':
      return { ...base, type: 'leave-response', client: request.client, error };
    case 'commit':
      return {
        ...base,
        type: 'commit-response',
        client: request.client,
        source: request.source ?? 'request',
        generation: request.generation,
        partitions: request.offsets.map(({ topic, partition, offset }) => ({
          topic,
          partition,
          offset,
          error,
        })),
      };
    case 'offset-fetch':
      return { ...base, type: 'offset-fetch-response', client: request.client, error, offsets: [] };
    case 'describe-group':
      return { ...base, type: 'describe-response', error, state: 'Dead', protocol: '', members: [] };
    case 'offset-delete': // OC-20: a top-level error drops every partition (OffsetDeleteResponse.Builder.merge)
      return { ...base, type: 'offset-delete-response', client: request.client, error, partitions: [] };
  }
}

/** Requests whose group id may be empty (GC-3). */
const ANY_GROUP_ID: ReadonlySet<ClientRequest['type']> = new Set([
  'commit',
  'offset-fetch',
  'describe-group',
  'delete-groups', // GroupCoordinatorService.deleteGroups refuses only a null id
]);

/** GC-3, GC-4, GC-5: the checks made before the group is consulted; undefined when the request goes on. */
export function frontDoorError(state: CoordinatorState, request: ClientRequest): ErrorName | undefined {
  // GC-24: Kafka's request layer (KafkaApis) refuses a SyncGroup v5+ without a protocol name before
  // the coordinator sees it, so before every check below.
  if (request.type === 'sync' && request.protocolName === null) return 'INCONSISTENT_GROUP_PROTOCOL';
  if (state.status === 'unavailable') return 'COORDINATOR_NOT_AVAILABLE';
  // OffsetCommit, OffsetFetch and DescribeGroups refuse only a null group id (GroupCoordinatorService):
  // "" is a group there.
  if (request.type !== 'delete-groups' && request.group === '' && !ANY_GROUP_ID.has(request.type))
    return 'INVALID_GROUP_ID';
  if (request.type === 'join') {
    const { minSessionTimeoutMs, maxSessionTimeoutMs } = state.config;
    if (request.sessionTimeoutMs < minSessionTimeoutMs || request.sessionTimeoutMs > maxSessionTimeoutMs)
      return 'INVALID_SESSION_TIMEOUT';
  }
  if (state.status === 'not-coordinator') return 'NOT_COORDINATOR';
  if (state.status === 'loading')
    return request.type === 'heartbeat' ? 'NONE' : 'COORDINATOR_LOAD_IN_PROGRESS';
  return undefined;
}

function handleRequest(state: CoordinatorState, request: ClientRequest, effects: Effects) {
  // The client's FindCoordinator before its first request creates __consumer_offsets; the shard
  // loads with it, and its cleanup timer counts from then (OC-10).
  if (state.loadedAtMs === null) state.loadedAtMs = state.now;
  const refused = frontDoorError(state, request);
  if (refused !== undefined) {
    effects.answers.push(errorAnswer(request, refused));
    return;
  }
  switch (request.type) {
    case 'join':
      return handleJoin(state, request, effects);
    case 'sync':
      return handleSync(state, request, effects);
    case 'heartbeat':
      return handleHeartbeat(state, request, effects);
    case 'leave':
      return handleLeave(state, request, effects);
    case 'commit':
      return handleCommit(state, request, effects);
    case 'offset-fetch':
      return handleOffsetFetch(state, request, effects);
    case 'describe-group':
      return handleDescribe(state, request, effects);
    case 'delete-groups':
      return handleDeleteGroups(state, request, effects);
    case 'offset-delete':
      return handleOffsetDelete(state, request, effects);
  }
}

/**
 * GC-34: time passes continuously, as it does for a real coordinator: each due timer fires at its
 * own deadline, in deadline order, and timers it schedules count from that deadline; then the
 * clock rests at the target. (Kafka's own tests sleep first and then fire every expired timer at
 * the new clock, MockCoordinatorTimer; a real broker's timer thread does not, and kspec checks real
 * systems.) A timer a request schedules with no delay fires within that request's step.
 */
function advanceTime(state: CoordinatorState, ms: number, choice: Choice): Effects {
  const target = state.now + ms;
  const effects = newEffects(state.now, state.config, choice);
  for (;;) {
    let deadline: number | undefined;
    for (const group of state.groups) {
      const timer = nextDueTimer(group, target);
      if (timer && (deadline === undefined || timer.deadline < deadline)) deadline = timer.deadline;
    }
    // OC-10's cleanup is one more timer of the shard: it runs at its own deadline, among the group
    // timers. On a tie it runs first: it was scheduled one interval earlier, before any timer whose
    // delay is shorter than the interval (a longer one ending exactly then is the exception).
    const cleanup = nextCleanup(state);
    if (cleanup !== undefined && cleanup <= target && (deadline === undefined || cleanup <= deadline)) {
      state.now = Math.max(state.now, cleanup);
      effects.now = state.now;
      state.lastCleanupMs = cleanup;
      expireOffsets(state, state.now, state.config.offsetsRetentionMs);
      continue;
    }
    if (deadline === undefined) break;
    state.now = Math.max(state.now, deadline);
    effects.now = state.now;
    fireDueTimers(state, effects);
  }
  state.now = target;
  effects.now = target;
  return effects;
}

/**
 * OC-10: when the next cleanup runs: every offsets.retention.check.interval.ms from the shard's load
 * (GroupCoordinatorShard scheduleGroupMetadataExpiration), not from the cluster's start; none before
 * the first request loads the shard, nor while the coordinator is not active.
 */
function nextCleanup(state: CoordinatorState): number | undefined {
  if (state.status !== 'active' || state.loadedAtMs === null) return undefined;
  const interval = state.config.offsetsRetentionCheckIntervalMs;
  const last = state.lastCleanupMs ?? state.loadedAtMs;
  return last + interval;
}

/** Fires every timer due at the current clock, earliest first (a zero-delay timer fires within its step). */
function fireDueTimers(state: CoordinatorState, effects: Effects): void {
  for (let fired = 0; ; fired += 1) {
    if (fired > MAX_TIMERS_PER_ADVANCE)
      throw new Error('timer loop: more than 10000 timers in one advance-time');
    let earliest: { group: Group; timer: Group['timers'][number] } | undefined;
    for (const group of state.groups) {
      const timer = nextDueTimer(group, state.now);
      if (timer && (!earliest || timer.deadline < earliest.timer.deadline)) earliest = { group, timer };
    }
    if (!earliest) break;
    fireTimer(earliest.group, earliest.timer, effects);
  }
}

function fireTimer(group: Group, timer: Group['timers'][number], effects: Effects) {
  removeTimer(group, timer);
  switch (timer.kind) {
    case 'heartbeat':
      return expireHeartbeat(group, timer.memberId, effects);
    case 'join':
      return group.state === 'PreparingRebalance' ? completeJoin(group, effects) : undefined;
    case 'initial-join':
      return group.state === 'PreparingRebalance'
        ? initialJoinTimerFired(group, timer.delayMs, timer.remainingMs, effects)
        : undefined;
    case 'sync':
      return expirePendingSync(group, timer.generation, effects);
  }
}

/** GC-32: the coordinator loses the partition: groups go Dead, parked requests are answered NOT_COORDINATOR. */
function unload(state: CoordinatorState, effects: Effects): void {
  for (const group of state.groups) {
    const parkedState = group.state;
    transitionTo(group, 'Dead', effects.now, effects.transitions);
    for (const member of group.members) {
      if (parkedState === 'PreparingRebalance') {
        completeJoinFuture(group, member, effects, {
          error: 'NOT_COORDINATOR',
          memberId: member.memberId,
          generation: -1,
          protocol: null,
          leader: null,
          members: [],
        });
      }
      if (
        (parkedState === 'CompletingRebalance' || parkedState === 'Stable') &&
        member.awaitingSync !== null
      ) {
        effects.answers.push({
          type: 'sync-response',
          request: member.awaitingSync,
          client: member.client,
          group: group.id,
          error: 'NOT_COORDINATOR',
          assignment: [],
        });
        member.awaitingSync = null;
      }
    }
  }
  state.stored = state.groups
    .filter((group) => group.persisted !== null || group.offsets.length > 0 || group.offsetRecordsInLog)
    .map((group) => ({
      id: group.id,
      record: group.persisted,
      offsets: group.offsets,
      ...(group.offsetRecordsInLog ? { offsetRecordsInLog: true as const } : {}),
    }));
  state.groups = [];
  state.status = 'not-coordinator';
}

/** GC-33: replay: a record with members gives a Stable group (session timers restarted), without an Empty one. */
function loadComplete(state: CoordinatorState): void {
  state.groups = state.stored.map((stored): Group => {
    const record = stored.record;
    const members = (record?.members ?? []).map((member) => ({
      ...member,
      protocols: copyProtocols(member.protocols),
      assignment: member.assignment.map((tp) => ({ topic: tp.topic, partitions: [...tp.partitions] })),
      awaitingJoin: null,
      awaitingSync: null,
      isNew: false,
    }));
    const stateName = members.length > 0 ? 'Stable' : 'Empty';
    const group: Group = {
      id: stored.id,
      state: stateName,
      previousState: stateName,
      stateSince: record && members.length === 0 ? record.stateSince : state.now,
      generation: record?.generation ?? 0,
      protocolType: record?.protocolType ?? null,
      protocol: members.length > 0 ? (record?.protocol ?? null) : null,
      leader: members.length > 0 ? (record?.leader ?? null) : null,
      leaderCandidates: null,
      members,
      pending: [],
      pendingSync: [],
      newMemberAdded: false,
      timers: [],
      offsets: stored.offsets,
      persisted: record,
      ...(stored.offsetRecordsInLog ? { offsetRecordsInLog: true as const } : {}),
    };
    if (record) setSubscribedTopics(group); // OC-21: GroupMetadataManager.replay computes them from the record
    for (const member of group.members) rescheduleHeartbeat(group, member, state.now);
    return group;
  });
  state.stored = [];
  state.status = 'active';
  state.loadedAtMs = state.now;
  state.lastCleanupMs = null;
}

/**
 * A copy deep enough for the handlers: they mutate groups, members and the arrays they push to, and
 * replace (never mutate) timers, protocols, assignments, offsets, records and the configuration.
 */
export function cloneCoordinatorState(state: CoordinatorState): CoordinatorState {
  return {
    ...state,
    serials: { ...state.serials },
    stored: [...state.stored],
    groups: state.groups.map((group) => ({
      ...group,
      members: group.members.map((member) => ({ ...member })),
      pending: [...group.pending],
      pendingSync: [...group.pendingSync],
      timers: [...group.timers],
      offsets: [...group.offsets],
      leaderCandidates: group.leaderCandidates && [...group.leaderCandidates],
    })),
  };
}

/** One event, purely: the input state is never changed. */
export function step(state: CoordinatorState, event: CoordinatorEvent, choice: Choice = {}): StepResult {
  const next = cloneCoordinatorState(state);
  let effects = newEffects(next.now, next.config, choice);
  switch (event.type) {
    case 'advance-time':
      if (!Number.isInteger(event.ms) || event.ms < 1)
        throw new RangeError(`advance-time needs a positive integer ms, got ${event.ms}`);
      effects = advanceTime(next, event.ms, choice);
      break;
    case 'coordinator-unload':
      if (next.status === 'active') unload(next, effects);
      break;
    case 'coordinator-load-start':
      if (next.status !== 'active' && next.status !== 'loading') next.status = 'loading';
      break;
    case 'coordinator-load-complete':
      if (next.status === 'loading') loadComplete(next);
      break;
    case 'coordinator-unavailable':
      if (next.status === 'active') unload(next, effects);
      next.status = 'unavailable';
      break;
    default:
      handleRequest(next, event, effects);
      fireDueTimers(next, effects);
  }
  return {
    state: next,
    answers: effects.answers,
    allowed: effects.allowed,
    accepted: effects.accepted,
    transitions: effects.transitions,
  };
}
