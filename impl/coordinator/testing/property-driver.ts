// Test support (not a test): the random request driver of coordinator.property.test.ts. A few
// clients (c2 and c3 static members) send requests, mostly doing what a well-behaved consumer
// would do next; invariants are checked on the coordinator's own state after every step.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ErrorName } from '../../../spec/errors.ts';
import { decodeAssignment } from '../consumer-protocol.ts';
import type { ClassicGroup } from '../group-state.ts';
import { assignmentFor, Harness, subscriptionFor, TOPIC } from './harness.ts';

const CLIENTS = ['c0', 'c1', 'c2', 'c3'] as const;
const PARTITIONS = 6;

export type Op =
  /** The client does what a well-behaved consumer would do next (join, sync or heartbeat). */
  | { kind: 'act'; client: number }
  | { kind: 'join'; client: number; version: number; topicsVariant: number }
  | { kind: 'sync'; client: number }
  | { kind: 'heartbeat'; client: number }
  | { kind: 'leave'; client: number }
  | { kind: 'commit'; client: number; generationDelta: -2 | -1 | 0; offset: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'defer'; on: boolean }
  | { kind: 'release'; fail: boolean };

const client = fc.integer({ min: 0, max: CLIENTS.length - 1 });
export const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 16, arbitrary: fc.record({ kind: fc.constant('act' as const), client }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('join' as const),
      client,
      version: fc.constantFrom(3, 5),
      topicsVariant: fc.constantFrom(0, 0, 0, 1),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), client }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('heartbeat' as const), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), client }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('commit' as const),
      client,
      generationDelta: fc.constantFrom(0 as const, 0 as const, -1 as const, -2 as const),
      offset: fc.nat(1000),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.constantFrom(100, 1000, 3000, 7000, 31000),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('defer' as const), on: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('release' as const), fail: fc.boolean() }) },
);

interface ClientView {
  memberId: string;
  generation: number;
  leaderMembers: string[] | null;
  /** What a real consumer would do next. */
  next: 'join' | 'sync' | 'heartbeat' | 'wait';
}

interface RunLog {
  readonly answers: string[];
  readonly records: string[];
}

/** Checks structural invariants of a group; throws with a message naming the broken one. */
export function checkGroup(group: ClassicGroup): void {
  const where = `group ${group.groupId} in ${group.state}`;
  if (group.state === 'Empty') assert.equal(group.members.size, 0, `${where}: Empty has no members`);
  if (group.state === 'CompletingRebalance' || group.state === 'Stable') {
    assert.ok(group.members.size > 0, `${where}: members`);
    assert.ok(group.protocolName !== null, `${where}: a protocol is selected`);
  }
  if (group.leaderId !== null)
    assert.ok(group.members.has(group.leaderId), `${where}: the leader is a member`);
  else assert.equal(group.members.size, 0, `${where}: a group with members has a leader`);
  for (const member of group.members.values()) {
    // A static member replacing its old id in Stable waits for the group record without a rebalance.
    if (member.awaitingJoin && !(group.state === 'Stable' && member.groupInstanceId !== null))
      assert.equal(group.state, 'PreparingRebalance', `${where}: parked join outside PreparingRebalance`);
    if (member.awaitingSync)
      assert.equal(group.state, 'CompletingRebalance', `${where}: parked sync outside CompletingRebalance`);
  }
  for (const id of group.pendingSyncMembers)
    assert.ok(group.members.has(id), `${where}: pending sync member is a member`);
  if (group.state === 'Stable') {
    // One owner per partition in the current generation.
    const owners = new Map<string, string>();
    for (const member of group.members.values()) {
      if (member.assignmentGeneration !== group.generation) continue;
      for (const list of decodeAssignment(member.assignment).partitions)
        for (const partition of list.partitions) {
          const key = `${list.topic}-${partition}`;
          assert.ok(!owners.has(key), `${where}: ${key} owned by ${owners.get(key)} and ${member.memberId}`);
          owners.set(key, member.memberId);
        }
    }
  }
}

export function serialize(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
}

/** Runs the ops; checks invariants after each; returns a transcript for determinism checks. */
export function run(ops: readonly Op[], seed: number): { h: Harness; log: RunLog; failedAppend: boolean } {
  const h = new Harness({}, seed);
  const views: ClientView[] = CLIENTS.map(() => ({
    memberId: '',
    generation: -1,
    leaderMembers: null,
    next: 'join' as const,
  }));
  const syncedPartitions = new Map<number, Map<string, string>>(); // generation -> partition -> member
  const generations = new Map<string, number>();
  const pendingCommits = new Map<
    number,
    { generation: number; memberId: string; before: ClassicGroup | undefined }
  >();

  const onAnswers = (fromIndex: number) => {
    for (const requestId of h.answerOrder.slice(fromIndex)) {
      const pending = pendingCommits.get(requestId);
      if (!pending) continue;
      pendingCommits.delete(requestId);
      const errors = h.commitErrors(requestId)!;
      if (errors[0] !== 'NONE') continue;
      // No stale-generation commit: an accepted one carried the generation of the group at the time
      // it was decided, from a member of that generation (or no generation on an Empty/missing group).
      const before = pending.before;
      if (pending.generation < 0)
        assert.ok(!before || before.state === 'Empty', 'generation -1 accepted only when Empty');
      else {
        assert.equal(
          pending.generation,
          before?.generation,
          'accepted commit carried the current generation',
        );
        assert.ok(before?.members.has(pending.memberId), 'accepted commit came from a member');
        assert.ok(
          before?.state === 'Stable' || before?.state === 'PreparingRebalance',
          `accepted in ${before?.state}`,
        );
      }
    }
    for (const requestId of h.answerOrder.slice(fromIndex)) {
      const answer = h.answers.get(requestId)!;
      if (answer.api === 'JoinGroup') {
        const c = joinClients.get(requestId);
        if (c === undefined) continue;
        const view = views[c]!;
        if (answer.error === 'NONE' || answer.error === 'MEMBER_ID_REQUIRED') view.memberId = answer.memberId;
        if (answer.error === 'UNKNOWN_MEMBER_ID') view.memberId = '';
        view.next = answer.error === 'NONE' ? 'sync' : 'join';
        if (answer.error === 'NONE') {
          view.generation = answer.generationId;
          view.leaderMembers =
            answer.leader === answer.memberId ? answer.members.map((m) => m.memberId) : null;
        }
      }
      if (answer.api === 'SyncGroup') {
        const meta = syncClients.get(requestId);
        if (!meta) continue;
        const view = views[meta.client]!;
        if (view.memberId === meta.memberId) view.next = answer.error === 'NONE' ? 'heartbeat' : 'join';
        if (answer.error !== 'NONE') continue;
        const owners = syncedPartitions.get(meta.generation) ?? new Map<string, string>();
        for (const list of decodeAssignment(answer.assignment).partitions)
          for (const partition of list.partitions) {
            const key = `${list.topic}-${partition}`;
            // A static member restarting keeps its generation and assignment under a new member id:
            // the owner is its instance.
            const identity = meta.client >= 2 ? `instance-${meta.client}` : meta.memberId;
            const owner = owners.get(key);
            assert.ok(
              owner === undefined || owner === identity,
              `generation ${meta.generation}: ${key} given to two members`,
            );
            owners.set(key, identity);
          }
        syncedPartitions.set(meta.generation, owners);
      }
    }
  };
  const joinClients = new Map<number, number>();
  let failedAppend = false;
  const syncClients = new Map<number, { generation: number; memberId: string; client: number }>();

  const heartbeat = (c: number) => {
    const view = views[c]!;
    if (view.memberId === '') return;
    const error = h.heartbeat('g', view.memberId, view.generation);
    if (error === 'UNKNOWN_MEMBER_ID') view.memberId = '';
    if (error !== 'NONE') view.next = 'join';
  };
  for (const original of ops) {
    const seen = h.answerOrder.length;
    let step: Op = original;
    if (step.kind === 'act') {
      const view = views[step.client]!;
      if (view.next === 'join') {
        view.next = 'wait';
        step = { kind: 'join', client: step.client, version: 5, topicsVariant: 0 };
      } else if (view.next === 'sync') {
        view.next = 'wait';
        step = { kind: 'sync', client: step.client };
      } else if (view.next === 'heartbeat') step = { kind: 'heartbeat', client: step.client };
      else step = { kind: 'advance', ms: 1000 };
    }
    switch (step.kind) {
      case 'join': {
        const view = views[step.client]!;
        const topics = step.topicsVariant === 0 ? [TOPIC] : [TOPIC, 'other'];
        const id = h.join('g', {
          memberId: view.memberId,
          clientId: CLIENTS[step.client]!,
          version: step.version,
          // c2 and c3 are static members (group.instance.id); a restart is a join without member id.
          groupInstanceId: step.client >= 2 ? `instance-${step.client}` : null,
          protocols: [{ name: 'range', metadata: subscriptionFor(topics) }],
        });
        joinClients.set(id, step.client);
        break;
      }
      case 'sync': {
        const view = views[step.client]!;
        if (view.memberId === '') break;
        const members = view.leaderMembers ?? [];
        const assignments = members.map((memberId, index) => ({
          memberId,
          assignment: assignmentFor(
            TOPIC,
            Array.from({ length: PARTITIONS }, (_, p) => p).filter((p) => p % members.length === index),
          ),
        }));
        const id = h.sync('g', view.memberId, view.generation, assignments);
        syncClients.set(id, { generation: view.generation, memberId: view.memberId, client: step.client });
        break;
      }
      case 'heartbeat':
        heartbeat(step.client);
        break;
      case 'leave': {
        const view = views[step.client]!;
        // A static client crashes and restarts (no LeaveGroup, it re-joins without its member id).
        if (view.memberId !== '' && step.client < 2) h.leave('g', view.memberId);
        view.memberId = '';
        view.next = 'join';
        break;
      }
      case 'commit': {
        const view = views[step.client]!;
        const generation = step.generationDelta === -2 ? -1 : view.generation + step.generationDelta;
        const memberId = generation === -1 ? '' : view.memberId;
        const before = h.group('g');
        const id = h.commit('g', memberId, generation, [
          { partition: step.offset % PARTITIONS, offset: step.offset },
        ]);
        pendingCommits.set(id, { generation, memberId, before });
        break;
      }
      case 'advance':
        h.advance(step.ms);
        break;
      case 'defer':
        h.store.deferAppends = step.on;
        break;
      case 'release':
        if (h.store.pendingAppends.length > 0) {
          failedAppend ||= step.fail;
          h.store.release(step.fail ? ('REQUEST_TIMED_OUT' as ErrorName) : undefined);
        }
        break;
    }
    onAnswers(seen);
    const group = h.group('g');
    if (group) {
      checkGroup(group);
      const previous = generations.get('g') ?? 0;
      assert.ok(group.generation >= previous, `generation went back from ${previous} to ${group.generation}`);
      generations.set('g', group.generation);
    }
  }
  // Finish every append so the log holds every decision.
  h.store.deferAppends = false;
  while (h.store.pendingAppends.length > 0) {
    const seen = h.answerOrder.length;
    h.store.release();
    onAnswers(seen);
  }
  const log: RunLog = {
    answers: h.answerOrder.map((id) => `${id}:${serialize(h.answers.get(id))}`),
    records: h.store.records.map((record) => serialize(record)),
  };
  return { h, log, failedAppend };
}

/**
 * Offsets always match (a failed commit changes neither). Groups match when every group record was
 * written: after a failed write Kafka, like this coordinator, keeps the live state, and a new leader
 * would load the previous generation.
 */
export function checkReplayMatchesLive(h: Harness, groupRecordsComplete: boolean): void {
  const live = h.coordinator.shardState(0)!;
  const replayed = new Harness({}, 99, h.store).coordinator.shardState(0)!;
  assert.deepStrictEqual(serialize([...replayed.offsets]), serialize([...live.offsets]), 'offsets');
  if (!groupRecordsComplete) return;
  for (const [groupId, group] of live.groups) {
    const copy = replayed.groups.get(groupId);
    if (group.state === 'Stable') {
      assert.ok(copy, `${groupId} replayed`);
      assert.equal(copy.state, 'Stable');
      assert.equal(copy.generation, group.generation);
      assert.equal(copy.leaderId, group.leaderId);
      assert.equal(copy.protocolName, group.protocolName);
      assert.deepStrictEqual(
        serialize([...copy.members.values()].map((m) => [m.memberId, m.assignment])),
        serialize([...group.members.values()].map((m) => [m.memberId, m.assignment])),
      );
    } else if (group.state === 'Empty' && (group.generation > 0 || live.offsets.has(groupId))) {
      assert.equal(copy?.state, 'Empty', `${groupId}: Empty replays as Empty`);
      assert.equal(copy?.generation, group.generation);
    } else if (copy) {
      assert.ok(copy.generation <= group.generation, `${groupId}: replay is not ahead of the live group`);
    }
  }
}
