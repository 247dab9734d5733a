// Less travelled paths of the classic protocol, each pinned to Kafka's behaviour.
import test from 'ava';
import type {
  DescribeGroupsResponse,
  JoinGroupResponse,
  ListGroupsResponse,
  SyncGroupResponse,
} from './messages.ts';
import { Harness, MemoryOffsetsPartition } from './testing/harness.ts';

test('the initial delay is extended per new member but capped by the rebalance timeout', (t) => {
  const h = new Harness({ initialRebalanceDelayMs: 3000 });
  const first = h.joinNew('g', { clientId: 'a', rebalanceTimeoutMs: 7000 });
  // A new member every 2.5 s would extend forever; the cap ends the wait at 3000 + 3000 + 1000.
  for (let i = 0; i < 4; i++) {
    h.advance(2500);
    h.join('g', { clientId: `n${i}`, version: 3, rebalanceTimeoutMs: 7000 });
  }
  const joined = h.answer<JoinGroupResponse>(first.requestId);
  t.is(joined?.error, 'NONE');
  t.true(h.nowMs <= 10000);
});

test('a member waiting in SyncGroup is not expired by its session; the sync timer decides', (t) => {
  const h = new Harness();
  const a = h.joinNew('g', { clientId: 'a', sessionTimeoutMs: 6000, rebalanceTimeoutMs: 20000 });
  const b = h.joinNew('g', { clientId: 'b', sessionTimeoutMs: 6000, rebalanceTimeoutMs: 20000 });
  h.advance(6000);
  const ja = h.answer<JoinGroupResponse>(a.requestId)!;
  const follower = ja.leader === a.memberId ? b.memberId : a.memberId;
  const parked = h.sync('g', follower, ja.generationId);
  // The leader heartbeats (NONE in CompletingRebalance) but never syncs; the follower only waits.
  for (let i = 0; i < 3; i++) {
    h.advance(5000);
    t.is(h.heartbeat('g', ja.leader, ja.generationId), 'NONE');
  }
  t.true(h.group('g')!.members.has(follower), 'past its session timeout, kept while parked in SyncGroup');
  t.is(h.answer(parked), undefined);
  h.advance(5000); // 20000 after the join: the sync timer removes the leader, which never synced
  t.false(h.group('g')!.members.has(ja.leader));
  t.is(h.answer<SyncGroupResponse>(parked)?.error, 'REBALANCE_IN_PROGRESS');
});

test('SyncGroup v5: a protocol type or name other than the group’s is INCONSISTENT_GROUP_PROTOCOL', (t) => {
  const h = new Harness();
  const { memberId, generation } = h.stableSingle('g');
  const base = {
    api: 'SyncGroup' as const,
    version: 5,
    groupId: 'g',
    generationId: generation,
    memberId,
    groupInstanceId: null,
    assignments: [],
  };
  t.is(
    h.answer<SyncGroupResponse>(h.send({ ...base, protocolType: 'connect', protocolName: null }))?.error,
    'INCONSISTENT_GROUP_PROTOCOL',
  );
  t.is(
    h.answer<SyncGroupResponse>(h.send({ ...base, protocolType: 'consumer', protocolName: 'roundrobin' }))
      ?.error,
    'INCONSISTENT_GROUP_PROTOCOL',
  );
  t.is(
    h.answer<SyncGroupResponse>(h.send({ ...base, protocolType: 'consumer', protocolName: 'range' }))?.error,
    'NONE',
  );
});

test('a group loaded over group.max.size rebalances at once, and the join phase turns away the extra member', (t) => {
  const store = new MemoryOffsetsPartition(0);
  const big = new Harness({ maxGroupSize: 2 }, 1, store);
  const pair = big.stablePair('g');
  // A broker with a lower limit takes over (the config changed).
  const small = new Harness({ maxGroupSize: 1 }, 2, store);
  t.is(small.group('g')?.state, 'PreparingRebalance');
  const rejoin = small.join('g', { memberId: pair.leader });
  const refused = small.answer<JoinGroupResponse>(
    small.join('g', { memberId: pair.follower, clientId: 'c2' }),
  )!;
  t.is(refused.error, 'GROUP_MAX_SIZE_REACHED');
  t.false(small.group('g')!.members.has(pair.follower), 'removed, not just refused');
  small.advance(30000); // the join timer
  t.like(small.answer<JoinGroupResponse>(rejoin), { error: 'NONE', generationId: pair.generation + 1 });
});

test('LeaveGroup of a pending member (MEMBER_ID_REQUIRED, not joined yet) releases a waiting join', (t) => {
  const h = new Harness();
  const { memberId, generation } = h.stableSingle('g');
  const pending = h.answer<JoinGroupResponse>(h.join('g', { clientId: 'p' }))!;
  const rejoin = h.join('g', { memberId });
  t.is(h.answer(rejoin), undefined);
  t.deepEqual(
    h.leave('g', pending.memberId)?.members.map((m) => m.error),
    ['NONE'],
  );
  t.is(h.answer<JoinGroupResponse>(rejoin)?.generationId, generation + 1);
});

test('DescribeGroups and ListGroups while loading or not coordinating', (t) => {
  const store = new MemoryOffsetsPartition(0);
  store.deferReads = true;
  const h = new Harness({}, 1, store);
  const described = h.answer<DescribeGroupsResponse>(
    h.send({ api: 'DescribeGroups', version: 0, groupIds: ['g'] }),
  )!;
  t.is(described.groups[0]?.error, 'COORDINATOR_LOAD_IN_PROGRESS');
  t.is(
    h.answer<ListGroupsResponse>(h.send({ api: 'ListGroups', version: 0, statesFilter: [] }))?.error,
    'COORDINATOR_LOAD_IN_PROGRESS',
  );
  h.coordinator.resign(0);
  const after = h.answer<DescribeGroupsResponse>(
    h.send({ api: 'DescribeGroups', version: 0, groupIds: ['g'] }),
  )!;
  t.is(after.groups[0]?.error, 'NOT_COORDINATOR');
});

test('resign answers parked SyncGroups NOT_COORDINATOR', (t) => {
  const h = new Harness();
  const a = h.joinNew('g', { clientId: 'a' });
  const b = h.joinNew('g', { clientId: 'b' });
  h.advance(6000);
  const ja = h.answer<JoinGroupResponse>(a.requestId)!;
  const follower = ja.leader === a.memberId ? b.memberId : a.memberId;
  const parked = h.sync('g', follower, ja.generationId);
  h.coordinator.resign(0);
  t.is(h.answer<SyncGroupResponse>(parked)?.error, 'NOT_COORDINATOR');
});

test('a JoinGroup re-sent while parked replaces the parked one (the first is never answered, as in Kafka)', (t) => {
  const h = new Harness();
  const { leader, follower, generation } = h.stablePair('g');
  const first = h.join('g', { memberId: leader });
  const second = h.join('g', { memberId: leader });
  h.join('g', { memberId: follower, clientId: 'c2' });
  t.is(h.answer(first), undefined);
  t.is(h.answer<JoinGroupResponse>(second)?.generationId, generation + 1);
});

test('with the host clock, an append completing later starts the members’ sessions at completion time', (t) => {
  for (const shareClock of [false, true]) {
    const h = new Harness({}, 1, undefined, { shareClock });
    const a = h.joinNew('g', { clientId: 'a' });
    h.advance(3000);
    const joined = h.answer<JoinGroupResponse>(a.requestId)!;
    h.store.deferAppends = true;
    h.sync('g', a.memberId, joined.generationId, []);
    h.nowMs += 4000; // replication takes 4 s of simulated time; no request or tick in between
    h.store.release();
    const timer = h.coordinator.shardState(0)!.timers.get(`heartbeat\0g\0${a.memberId}`)!;
    t.is(timer.deadlineMs, (shareClock ? 7000 : 3000) + 10000, `shareClock=${shareClock}`);
  }
});
