// The front door (GC-3, GC-4, GC-5), Dead answers (GC-8) and coordinator unload/load (GC-32, GC-33).
import test from 'ava';
import { step } from './coordinator.ts';
import { GroupDriver, kafkaDriver, type WithoutRequest } from './testing/group-driver.ts';
import type { Answer, ClientRequest } from './types.ts';

const requests = (group: string): WithoutRequest<ClientRequest>[] => [
  {
    type: 'join',
    client: 'c1',
    group,
    memberId: '',
    protocols: [{ name: 'range', topics: ['foo'] }],
    sessionTimeoutMs: 10000,
    rebalanceTimeoutMs: 10000,
  },
  { type: 'sync', client: 'c1', group, memberId: 'm', generation: 1 },
  { type: 'heartbeat', client: 'c1', group, memberId: 'm', generation: 1 },
  { type: 'leave', client: 'c1', group, memberId: 'm' },
  {
    type: 'commit',
    client: 'c1',
    group,
    memberId: '',
    generation: -1,
    offsets: [{ topic: 'foo', partition: 0, offset: 1 }],
  },
  { type: 'offset-fetch', client: 'c1', group },
  { type: 'describe-group', group },
];

const errorOf = (answer: Answer | undefined) =>
  answer?.type === 'commit-response'
    ? answer.partitions[0]?.error
    : (answer as { error: string } | undefined)?.error;

test('GC-3 JoinGroup, SyncGroup, Heartbeat and LeaveGroup with an empty group id get INVALID_GROUP_ID; OffsetCommit, OffsetFetch and DescribeGroups serve "" as a group', (t) => {
  const d = kafkaDriver();
  const servesEmptyId = new Set(['commit', 'offset-fetch', 'describe-group']);
  const sent = new Set<string>();
  for (const request of requests('')) {
    sent.add(request.type);
    t.is(
      errorOf(d.send(request).answers[0]),
      servesEmptyId.has(request.type) ? 'NONE' : 'INVALID_GROUP_ID',
      request.type,
    );
  }
  t.true(
    [...servesEmptyId].every((type) => sent.has(type)),
    'every request type that serves "" was sent',
  );
});

test('GC-4 not the coordinator: NOT_COORDINATOR; loading: COORDINATOR_LOAD_IN_PROGRESS but Heartbeat NONE; unavailable: COORDINATOR_NOT_AVAILABLE', (t) => {
  const d = kafkaDriver();
  d.send({ type: 'coordinator-unload' });
  for (const request of requests('g'))
    t.is(errorOf(d.send(request).answers[0]), 'NOT_COORDINATOR', request.type);
  d.send({ type: 'coordinator-load-start' });
  for (const request of requests('g')) {
    t.is(
      errorOf(d.send(request).answers[0]),
      request.type === 'heartbeat' ? 'NONE' : 'COORDINATOR_LOAD_IN_PROGRESS',
      request.type,
    );
  }
  d.send({ type: 'coordinator-unavailable' });
  for (const request of requests('g'))
    t.is(errorOf(d.send(request).answers[0]), 'COORDINATOR_NOT_AVAILABLE', request.type);
  t.is(
    errorOf(d.send(requests('')[0]!).answers[0]),
    'COORDINATOR_NOT_AVAILABLE',
    'checked before the group id',
  );
});

test('GC-5 INVALID_SESSION_TIMEOUT comes before NOT_COORDINATOR', (t) => {
  const d = new GroupDriver();
  d.send({ type: 'coordinator-unload' });
  t.is(d.joinAnswer(d.join('c1', { sessionTimeoutMs: 1 }))?.error, 'INVALID_SESSION_TIMEOUT');
});

test('GC-8 a Dead group answers COORDINATOR_NOT_AVAILABLE to JoinGroup, SyncGroup, Heartbeat, LeaveGroup and OffsetCommit', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteRebalance('c1');
  d.groupState().state = 'Dead'; // the moment between transitionTo(DEAD) and removal, as Kafka's tests set it
  t.is(d.joinAnswer(d.join('c1', { memberId: leader.memberId }))?.error, 'COORDINATOR_NOT_AVAILABLE');
  t.is(d.joinAnswer(d.join('c2'))?.error, 'COORDINATOR_NOT_AVAILABLE');
  t.is(d.syncAnswer(d.sync('c1', leader.memberId, leader.generation))?.error, 'COORDINATOR_NOT_AVAILABLE');
  t.is(d.heartbeat('c1', leader.memberId, leader.generation), 'COORDINATOR_NOT_AVAILABLE');
  t.is(d.leave('c1', leader.memberId), 'COORDINATOR_NOT_AVAILABLE');
  const commit = d.send({
    type: 'commit',
    client: 'c1',
    group: d.group,
    memberId: leader.memberId,
    generation: leader.generation,
    offsets: [{ topic: 'foo', partition: 0, offset: 1 }],
  });
  t.is(errorOf(commit.answers[0]), 'COORDINATOR_NOT_AVAILABLE');
});

test('GC-24 SyncGroup to an unknown group gets UNKNOWN_MEMBER_ID; in PreparingRebalance REBALANCE_IN_PROGRESS', (t) => {
  const d = kafkaDriver();
  t.is(d.syncAnswer(d.sync('c1', 'm', 0))?.error, 'UNKNOWN_MEMBER_ID');
  const leader = d.joinDynamicAndCompleteRebalance('c1');
  d.join('c2', { version: 3, rebalanceTimeoutMs: 10000, sessionTimeoutMs: 5000 });
  t.is(d.syncAnswer(d.sync('c1', leader.memberId, leader.generation))?.error, 'REBALANCE_IN_PROGRESS');
  t.is(d.syncAnswer(d.sync('c1', 'bogus', leader.generation))?.error, 'UNKNOWN_MEMBER_ID');
});

test('GC-32 GC-33 unload answers parked requests NOT_COORDINATOR; load replays Stable groups (with their sessions) and offsets', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteJoin('c1', { rebalanceTimeoutMs: 10000, sessionTimeoutMs: 5000 });
  d.sync('c1', leader.memberId, leader.generation, [
    { memberId: leader.memberId, partitions: [{ topic: 'foo', partitions: [0, 1] }] },
  ]);
  d.send({
    type: 'commit',
    client: 'c1',
    group: d.group,
    memberId: leader.memberId,
    generation: leader.generation,
    offsets: [{ topic: 'foo', partition: 0, offset: 7 }],
  });
  const parked = d.join('c2', { version: 3, rebalanceTimeoutMs: 10000, sessionTimeoutMs: 5000 });
  const { answers } = d.send({ type: 'coordinator-unload' });
  t.like(
    answers.find((a) => a.request === parked),
    { error: 'NOT_COORDINATOR' },
  );
  d.send({ type: 'coordinator-load-start' });
  t.is(d.heartbeat('c1', leader.memberId, leader.generation), 'NONE', 'loading: Heartbeat answers NONE');
  d.send({ type: 'coordinator-load-complete' });
  const group = d.groupState();
  t.like(group, { state: 'Stable', generation: leader.generation, leader: leader.memberId });
  t.deepEqual(
    group.members.map((m) => m.assignment),
    [[{ topic: 'foo', partitions: [0, 1] }]],
  );
  t.is(d.heartbeat('c1', leader.memberId, leader.generation), 'NONE');
  const fetched = d.send({ type: 'offset-fetch', client: 'c1', group: d.group }).answers[0];
  t.like(fetched, { offsets: [{ topic: 'foo', partition: 0, offset: 7 }] });
  d.sleep(5001);
  t.is(
    d.heartbeat('c1', leader.memberId, leader.generation),
    'UNKNOWN_MEMBER_ID',
    'the replayed member is on its session timer',
  );
});

test('GC-33 a group record without members replays as Empty', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteRebalance('c1');
  d.leave('c1', leader.memberId);
  t.is(d.groupState().state, 'Empty');
  d.send({
    type: 'commit',
    client: 'c1',
    group: d.group,
    memberId: '',
    generation: -1,
    offsets: [{ topic: 'foo', partition: 0, offset: 1 }],
  });
  d.send({ type: 'coordinator-unload' });
  d.send({ type: 'coordinator-load-start' });
  d.send({ type: 'coordinator-load-complete' });
  t.like(d.groupState(), { state: 'Empty', generation: 2, members: [] });
});

test('GC-34 step never changes its input state', (t) => {
  const d = kafkaDriver();
  d.joinDynamicAndCompleteJoin('c1');
  const before = structuredClone(d.state);
  step(d.state, { type: 'advance-time', ms: 100000 });
  step(d.state, { type: 'leave', request: 99, client: 'c1', group: d.group, memberId: 'c1-1' });
  t.deepEqual(d.state, before);
});
