import test from 'ava';
import type { JoinGroupResponse, SyncGroupResponse } from './messages.ts';
import { assignmentFor, Harness, TOPIC } from './testing/harness.ts';

test('a Stable member that stops heartbeating is removed after session.timeout.ms and the group rebalances', (t) => {
  const h = new Harness();
  const { leader, follower, generation } = h.stablePair('g');
  h.advance(9000);
  t.is(h.heartbeat('g', leader, generation), 'NONE');
  h.advance(1000); // follower's session (10000 since its sync) is over
  t.false(h.group('g')!.members.has(follower));
  t.is(h.group('g')?.state, 'PreparingRebalance');
  t.is(h.heartbeat('g', leader, generation), 'REBALANCE_IN_PROGRESS');
});

test('heartbeats keep a member alive; so do commits in Stable', (t) => {
  const h = new Harness();
  const { memberId, generation } = h.stableSingle('g');
  for (let i = 0; i < 5; i++) {
    h.advance(9000);
    if (i % 2 === 0) t.is(h.heartbeat('g', memberId, generation), 'NONE');
    else
      t.deepEqual(h.commitErrors(h.commit('g', memberId, generation, [{ partition: 0, offset: i }])), [
        'NONE',
      ]);
  }
  t.is(h.group('g')?.state, 'Stable');
});

test('the join timer (largest rebalance timeout) removes members that did not re-join', (t) => {
  const h = new Harness();
  const { leader, follower, generation } = h.stablePair('g');
  const rejoin = h.join('g', { memberId: leader });
  // Keep the follower's session alive past the rebalance timeout by heartbeating (REBALANCE_IN_PROGRESS).
  for (let elapsed = 0; elapsed < 30000; elapsed += 5000) {
    h.advance(5000);
    h.heartbeat('g', leader, generation);
    if (elapsed + 5000 < 30000) t.is(h.heartbeat('g', follower, generation), 'REBALANCE_IN_PROGRESS');
  }
  const joined = h.answer<JoinGroupResponse>(rejoin)!;
  t.is(joined.error, 'NONE');
  t.is(joined.generationId, generation + 1);
  t.deepEqual([...h.group('g')!.members.keys()], [leader]);
});

test('the sync timer removes members that never sent SyncGroup', (t) => {
  const h = new Harness();
  const a = h.joinNew('g', { clientId: 'c1' });
  const b = h.joinNew('g', { clientId: 'c2' });
  h.advance(6000);
  const ja = h.answer<JoinGroupResponse>(a.requestId)!;
  const leader = ja.leader;
  const follower = leader === a.memberId ? b.memberId : a.memberId;
  const leaderSync = h.sync('g', leader, ja.generationId, [
    { memberId: leader, assignment: assignmentFor(TOPIC, [0]) },
  ]);
  t.is(h.answer<SyncGroupResponse>(leaderSync)?.error, 'NONE');
  t.is(h.group('g')?.state, 'Stable');
  // Heartbeats alone do not count as a SyncGroup.
  for (let i = 0; i < 6; i++) {
    h.advance(5000);
    h.heartbeat('g', leader, ja.generationId);
    h.heartbeat('g', follower, ja.generationId);
  }
  t.false(h.group('g')!.members.has(follower));
  t.not(h.group('g')?.state, 'Stable');
});

test('a pending member (MEMBER_ID_REQUIRED) that never comes back is dropped after its session timeout', (t) => {
  const h = new Harness();
  const { memberId, generation } = h.stableSingle('g');
  const pending = h.answer<JoinGroupResponse>(h.join('g', { clientId: 'late', sessionTimeoutMs: 6000 }))!;
  t.is(pending.error, 'MEMBER_ID_REQUIRED');
  t.true(h.group('g')!.pendingMembers.has(pending.memberId));
  h.advance(6000);
  t.false(h.group('g')!.pendingMembers.has(pending.memberId));
  t.is(h.heartbeat('g', memberId, generation), 'NONE');
});

test('a pending member holds up the join phase until it joins or expires', (t) => {
  const h = new Harness();
  const { memberId, generation } = h.stableSingle('g');
  const pending = h.answer<JoinGroupResponse>(h.join('g', { clientId: 'late', sessionTimeoutMs: 8000 }))!;
  const rejoin = h.join('g', { memberId });
  t.is(h.group('g')?.state, 'PreparingRebalance');
  t.is(h.answer(rejoin), undefined, 'waits for the pending member');
  h.advance(8000);
  t.false(h.group('g')!.pendingMembers.has(pending.memberId));
  t.is(h.answer<JoinGroupResponse>(rejoin)?.generationId, generation + 1);
});

test('a new member parked in JoinGroup is dropped after the new-member join timeout with UNKNOWN_MEMBER_ID', (t) => {
  const h = new Harness({ newMemberJoinTimeoutMs: 20000 });
  const { memberId, generation } = h.stableSingle('g');
  const newcomer = h.join('g', { version: 3, clientId: 'new', rebalanceTimeoutMs: 60000 });
  t.is(h.group('g')?.state, 'PreparingRebalance');
  for (let elapsed = 0; elapsed < 20000; elapsed += 5000) {
    t.is(h.answer(newcomer), undefined);
    h.advance(5000);
    h.heartbeat('g', memberId, generation); // alive, but never re-joins
  }
  const dropped = h.answer<JoinGroupResponse>(newcomer)!;
  t.is(dropped.error, 'UNKNOWN_MEMBER_ID');
  t.is(h.group('g')?.members.size, 1);
});

test('timers fire in deadline order, each at its own time', (t) => {
  const h = new Harness();
  const { leader, follower, generation } = h.stablePair('g');
  h.advance(5000);
  h.heartbeat('g', leader, generation);
  // One big jump: the follower expires at 10000 (rebalance, join timer at 40000) before the leader at 15000.
  h.advance(100000);
  const group = h.group('g')!;
  t.is(group.members.size, 0);
  t.is(group.state, 'Empty');
  t.is(group.generation, generation + 1, 'one join completion after both were gone');
  t.false(group.members.has(follower));
});
