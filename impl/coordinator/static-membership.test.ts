// Static membership (KIP-345): joins, restarts that keep the assignment without a rebalance,
// fencing of the old member id, and the instance-id checks of every request.
import test from 'ava';
import type { ErrorName } from '../../spec/errors.ts';
import type {
  HeartbeatResponse,
  JoinGroupResponse,
  LeaveGroupResponse,
  SyncGroupResponse,
} from './messages.ts';
import { decodeRecord } from './records.ts';
import { assignmentFor, Harness, subscriptionFor, TOPIC } from './testing/harness.ts';

const protocols = (names: readonly string[]) =>
  names.map((name) => ({ name, metadata: subscriptionFor([TOPIC]) }));

function staticJoin(
  h: Harness,
  instance: string,
  memberId = '',
  names: readonly string[] = ['range', 'roundrobin'],
): number {
  return h.send({
    api: 'JoinGroup',
    version: 5,
    groupId: 'g',
    sessionTimeoutMs: 10000,
    rebalanceTimeoutMs: 30000,
    memberId,
    groupInstanceId: instance,
    protocolType: 'consumer',
    protocols: protocols(names),
    clientId: 'client',
    clientHost: 'h',
  });
}

function heartbeat(
  h: Harness,
  memberId: string,
  generationId: number,
  instance: string | null,
): ErrorName | undefined {
  const id = h.send({
    api: 'Heartbeat',
    version: 3,
    groupId: 'g',
    generationId,
    memberId,
    groupInstanceId: instance,
  });
  return h.answer<HeartbeatResponse>(id)?.error;
}

function stableStatic(h: Harness, instance = 'i1') {
  const id = staticJoin(h, instance);
  h.advance(3000);
  const joined = h.answer<JoinGroupResponse>(id)!;
  const sync = h.send({
    api: 'SyncGroup',
    version: 3,
    groupId: 'g',
    generationId: joined.generationId,
    memberId: joined.memberId,
    groupInstanceId: instance,
    protocolType: null,
    protocolName: null,
    assignments: [{ memberId: joined.memberId, assignment: assignmentFor(TOPIC, [0, 1]) }],
  });
  if (h.answer<SyncGroupResponse>(sync)?.error !== 'NONE') throw new Error('sync failed');
  return joined;
}

test('a static member joins without MEMBER_ID_REQUIRED; its id starts with the instance id', (t) => {
  const h = new Harness();
  const joined = stableStatic(h);
  t.regex(joined.memberId, /^i1-/);
  t.is(h.group('g')?.state, 'Stable');
});

test('a static member restarting (no member id, same metadata) keeps its place without a rebalance; the old id is fenced', (t) => {
  const h = new Harness();
  const first = stableStatic(h);
  const recordsBefore = h.store.records.length;
  const again = h.answer<JoinGroupResponse>(staticJoin(h, 'i1'))!;
  t.is(again.error, 'NONE');
  t.not(again.memberId, first.memberId);
  t.is(again.generationId, first.generationId, 'no new generation');
  t.is(again.leader, first.memberId, 'Kafka (before v9) names the leader as it was before the replacement');
  t.is(h.group('g')?.state, 'Stable');
  t.is(h.store.records.length, recordsBefore + 1, 'the new member id is persisted');
  const record = decodeRecord(h.store.records.at(-1)!);
  t.like(record, {
    kind: 'group-metadata',
    value: { members: [{ memberId: again.memberId, groupInstanceId: 'i1' }] },
  });
  t.is(heartbeat(h, first.memberId, first.generationId, 'i1'), 'FENCED_INSTANCE_ID');
  t.is(heartbeat(h, again.memberId, first.generationId, 'i1'), 'NONE');
  const synced = h.answer<SyncGroupResponse>(
    h.send({
      api: 'SyncGroup',
      version: 3,
      groupId: 'g',
      generationId: first.generationId,
      memberId: again.memberId,
      groupInstanceId: 'i1',
      protocolType: null,
      protocolName: null,
      assignments: [],
    }),
  )!;
  t.deepEqual(synced.assignment, assignmentFor(TOPIC, [0, 1]), 'the assignment carried over');
});

test('a restart whose failed write is undone: the old member id stands again', (t) => {
  const h = new Harness();
  const first = stableStatic(h);
  h.store.deferAppends = true;
  const again = staticJoin(h, 'i1');
  h.store.release('NOT_ENOUGH_REPLICAS');
  t.like(h.answer<JoinGroupResponse>(again), { error: 'COORDINATOR_NOT_AVAILABLE', memberId: '' });
  t.is(heartbeat(h, first.memberId, first.generationId, 'i1'), 'NONE');
});

test('a static restart that changes the selected protocol rebalances', (t) => {
  const h = new Harness();
  const first = stableStatic(h);
  const again = h.answer<JoinGroupResponse>(staticJoin(h, 'i1', '', ['roundrobin', 'range']))!;
  t.is(again.error, 'NONE');
  t.is(again.generationId, first.generationId + 1);
  t.is(again.protocolName, 'roundrobin');
});

test('instance id checks: a wrong member id for a known instance is FENCED_INSTANCE_ID, an unknown instance UNKNOWN_MEMBER_ID', (t) => {
  const h = new Harness();
  const first = stableStatic(h);
  t.is(h.answer<JoinGroupResponse>(staticJoin(h, 'i1', 'i1-other'))?.error, 'FENCED_INSTANCE_ID');
  t.is(h.answer<JoinGroupResponse>(staticJoin(h, 'i2', 'i2-x'))?.error, 'UNKNOWN_MEMBER_ID');
  t.is(heartbeat(h, 'i1-other', first.generationId, 'i1'), 'FENCED_INSTANCE_ID');
  t.is(heartbeat(h, first.memberId, first.generationId, 'i2'), 'UNKNOWN_MEMBER_ID');
  const commit = h.send({
    api: 'OffsetCommit',
    version: 8,
    groupId: 'g',
    generationId: first.generationId,
    memberId: 'i1-other',
    groupInstanceId: 'i1',
    retentionTimeMs: -1,
    topics: [
      {
        name: TOPIC,
        partitions: [
          { partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, committedMetadata: '' },
        ],
      },
    ],
  });
  t.deepEqual(h.commitErrors(commit), ['FENCED_INSTANCE_ID']);
});

test('a static member that misses a rebalance is kept at join completion; a dynamic one is dropped', (t) => {
  const h = new Harness();
  const first = stableStatic(h);
  const dynamic = h.join('g', { version: 3, clientId: 'd' });
  // The static member heartbeats (REBALANCE_IN_PROGRESS) but never re-joins; the join timer fires.
  for (let i = 0; i < 6; i++) {
    h.advance(5000);
    heartbeat(h, first.memberId, first.generationId, 'i1');
  }
  t.is(h.answer<JoinGroupResponse>(dynamic)?.error, 'NONE');
  t.true(h.group('g')!.members.has(first.memberId));
});

test('LeaveGroup by instance id alone removes the static member', (t) => {
  const h = new Harness();
  stableStatic(h);
  const left = h.answer<LeaveGroupResponse>(
    h.send({
      api: 'LeaveGroup',
      version: 3,
      groupId: 'g',
      members: [{ memberId: '', groupInstanceId: 'i1' }],
    }),
  )!;
  t.deepEqual(
    left.members.map((m) => m.error),
    ['NONE'],
  );
  t.is(h.group('g')?.state, 'Empty');
  const unknown = h.answer<LeaveGroupResponse>(
    h.send({
      api: 'LeaveGroup',
      version: 3,
      groupId: 'g',
      members: [{ memberId: '', groupInstanceId: 'nope' }],
    }),
  )!;
  t.deepEqual(
    unknown.members.map((m) => m.error),
    ['UNKNOWN_MEMBER_ID'],
  );
});

test('static members survive a coordinator move with their instance ids', (t) => {
  const h = new Harness();
  const first = stableStatic(h);
  const next = new Harness({}, 2, h.store);
  t.is(next.group('g')?.members.get(first.memberId)?.groupInstanceId, 'i1');
  t.is(heartbeat(next, 'i1-other', first.generationId, 'i1'), 'FENCED_INSTANCE_ID');
});
