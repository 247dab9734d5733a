// Property tests on the implementation alone: random request sequences from a few clients, with
// invariants re-checked on the coordinator's own state after every step, replay of the appended
// records compared with the live state, and determinism (same seed, same run).
import assert from 'node:assert/strict';
import test from 'ava';
import fc from 'fast-check';
import type { ErrorName } from '../../spec/errors.ts';
import { decodeAssignment } from './consumer-protocol.ts';
import { DEFAULT_COORDINATOR_CONFIG } from './coordinator-config.ts';
import type { ClassicGroup } from './group-state.ts';
import type { GroupRequest, JoinGroupResponse, SyncGroupResponse } from './messages.ts';
import { completeAppend, handleGroupRequest, tick } from './shard.ts';
import { assignmentFor, Harness, subscriptionFor, TOPIC } from './test-harness.ts';

const CLIENTS = ['c0', 'c1', 'c2', 'c3'] as const;
const PARTITIONS = 6;

type Op =
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
const op: fc.Arbitrary<Op> = fc.oneof(
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
function checkGroup(group: ClassicGroup): void {
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

function serialize(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
}

/** Runs the ops; checks invariants after each; returns a transcript for determinism checks. */
function run(ops: readonly Op[], seed: number): { h: Harness; log: RunLog; failedAppend: boolean } {
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
function checkReplayMatchesLive(h: Harness, groupRecordsComplete: boolean): void {
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

test('invariants hold on the coordinator’s own state under random request sequences, and replay equals live', (t) => {
  const coverage = { synced: 0, committed: 0, generation3: 0 };
  fc.assert(
    fc.property(fc.array(op, { minLength: 10, maxLength: 80, size: 'max' }), fc.nat(1000), (ops, seed) => {
      const { h, failedAppend } = run(ops, seed);
      checkReplayMatchesLive(h, !failedAppend);
      const answers = [...h.answers.values()];
      if (answers.some((a) => a.api === 'SyncGroup' && a.error === 'NONE')) coverage.synced++;
      if (answers.some((a) => a.api === 'OffsetCommit' && a.topics[0]?.partitions[0]?.error === 'NONE'))
        coverage.committed++;
      if (answers.some((a) => a.api === 'JoinGroup' && a.generationId >= 3)) coverage.generation3++;
    }),
    { seed: 424242, numRuns: 300 },
  );
  // The sequences must reach the interesting places, or the invariants above test little.
  t.true(coverage.synced > 60, `runs with a successful SyncGroup: ${coverage.synced}`);
  t.true(coverage.committed > 60, `runs with an accepted commit: ${coverage.committed}`);
  t.true(coverage.generation3 > 20, `runs reaching generation 3: ${coverage.generation3}`);
  t.log(coverage);
});

test('determinism: the same seed and requests give identical answers and records', (t) => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 10, maxLength: 40, size: 'max' }), fc.nat(1000), (ops, seed) => {
      assert.deepStrictEqual(run(ops, seed).log, run(ops, seed).log);
    }),
    { seed: 7, numRuns: 60 },
  );
  const ops: Op[] = [{ kind: 'join', client: 0, version: 5, topicsVariant: 0 }];
  t.notDeepEqual(run(ops, 1).log.answers, run(ops, 2).log.answers, 'member ids come from the seed');
});

test('a scripted run reaches Stable with an owner per partition (sanity check of the driver)', (t) => {
  const ops: Op[] = [
    { kind: 'join', client: 0, version: 5, topicsVariant: 0 },
    { kind: 'join', client: 0, version: 5, topicsVariant: 0 },
    { kind: 'join', client: 1, version: 3, topicsVariant: 0 },
    { kind: 'advance', ms: 7000 },
    { kind: 'sync', client: 1 },
    { kind: 'sync', client: 0 },
    { kind: 'commit', client: 0, generationDelta: 0, offset: 3 },
  ];
  const { h } = run(ops, 5);
  const group = h.group('g')!;
  t.is(group.state, 'Stable');
  const owned = [...group.members.values()].flatMap((m) =>
    decodeAssignment(m.assignment).partitions.flatMap((l) => l.partitions),
  );
  t.deepEqual(owned.sort(), [0, 1, 2, 3, 4, 5]);
  t.like(h.fetchOffsets('g', [3]), { topics: [{ partitions: [{ committedOffset: 3 }] }] });
  const answers = [...h.answers.values()];
  t.true(answers.some((a) => a.api === 'SyncGroup' && (a as SyncGroupResponse).error === 'NONE'));
  t.true(answers.some((a) => a.api === 'JoinGroup' && (a as JoinGroupResponse).generationId === 1));
});

/** A deep, order-preserving text form of a shard state (Maps and Sets included). */
function deepSerialize(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
    if (v instanceof Map) return { map: [...v.entries()] };
    if (v instanceof Set) return { set: [...v] };
    return v;
  });
}

test('handlers, timers and append completions never mutate the state they are given', (t) => {
  fc.assert(
    fc.property(
      fc.array(op, { minLength: 10, maxLength: 60, size: 'max' }),
      fc.nat(1000),
      fc.constantFrom(0, 1, 2, 3),
      (ops, seed, member) => {
        const { h } = run(ops, seed);
        const state = h.coordinator.shardState(0)!;
        const before = deepSerialize(state);
        const group = state.groups.get('g');
        const memberId = group ? ([...group.members.keys()][member] ?? '') : '';
        const generation = group?.generation ?? -1;
        const ctx = { nowMs: h.nowMs + 1, config: DEFAULT_COORDINATOR_CONFIG };
        const base = { requestId: 1000, groupId: 'g', groupInstanceId: null };
        const requests: GroupRequest[] = [
          {
            ...base,
            api: 'JoinGroup',
            version: 5,
            sessionTimeoutMs: 10000,
            rebalanceTimeoutMs: 30000,
            memberId,
            protocolType: 'consumer',
            protocols: [{ name: 'range', metadata: subscriptionFor(['other']) }],
            clientId: 'x',
            clientHost: 'h',
          },
          {
            ...base,
            api: 'SyncGroup',
            version: 3,
            generationId: generation,
            memberId,
            protocolType: null,
            protocolName: null,
            assignments: [{ memberId, assignment: assignmentFor(TOPIC, [0]) }],
          },
          { ...base, api: 'Heartbeat', version: 3, generationId: generation, memberId },
          {
            requestId: 1000,
            groupId: 'g',
            api: 'LeaveGroup',
            version: 3,
            members: [{ memberId, groupInstanceId: null }],
          },
          {
            ...base,
            api: 'OffsetCommit',
            version: 8,
            generationId: generation,
            memberId,
            retentionTimeMs: -1,
            topics: [
              {
                name: TOPIC,
                partitions: [
                  { partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, committedMetadata: '' },
                ],
              },
            ],
          },
        ];
        for (const request of requests) {
          const result = handleGroupRequest(state, request, ctx);
          for (const append of result.appends)
            if (append.continuation) completeAppend(result.state, append.continuation, { ok: true }, ctx);
        }
        tick(state, { ...ctx, nowMs: h.nowMs + 10_000_000 });
        assert.equal(deepSerialize(state), before);
      },
    ),
    { seed: 99, numRuns: 100 },
  );
  t.pass();
});
