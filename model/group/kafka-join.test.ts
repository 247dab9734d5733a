// Scenarios named after Kafka's GroupMetadataManagerTest JoinGroup tests, with Kafka's outcomes.
import test from 'ava';
import { transitionTo } from './state-table.ts';
import { GroupDriver, kafkaDriver } from './testing/group-driver.ts';

test('GC-6 testJoinGroupUnknownMemberNewGroup: a member id for a group that does not exist gets UNKNOWN_MEMBER_ID', (t) => {
  const d = kafkaDriver();
  t.is(d.joinAnswer(d.join('c1', { memberId: 'member-id' }))?.error, 'UNKNOWN_MEMBER_ID');
  t.is(
    d.joinAnswer(d.join('c1', { memberId: 'member-id', instanceId: 'group-instance-id' }))?.error,
    'UNKNOWN_MEMBER_ID',
  );
  t.deepEqual(d.state.groups, []);
});

test('GC-9 testJoinGroupInconsistentGroupProtocol: a member without a protocol in common is refused, the first completes', (t) => {
  const d = kafkaDriver();
  const first = d.join('c1', { protocols: [{ name: 'range', topics: ['foo'] }], version: 3 });
  t.is(d.joinAnswer(first), undefined);
  const other = d.join('c2', { protocols: [{ name: 'roundrobin', topics: ['foo'] }], version: 3 });
  t.is(d.joinAnswer(other)?.error, 'INCONSISTENT_GROUP_PROTOCOL');
  d.sleep(d.state.config.initialRebalanceDelayMs);
  t.is(d.joinAnswer(first)?.error, 'NONE');
});

test('GC-9 an empty protocol list is refused even by an Empty group', (t) => {
  const d = kafkaDriver();
  t.is(d.joinAnswer(d.join('c1', { protocols: [] }))?.error, 'INCONSISTENT_GROUP_PROTOCOL');
});

test('GC-7 testJoinGroupShouldReceiveErrorIfGroupOverMaxSize: the joiner beyond group.max.size gets GROUP_MAX_SIZE_REACHED', (t) => {
  const d = kafkaDriver({ maxSize: 10 });
  const parked = Array.from({ length: 10 }, (_, i) => d.join(`c${i}`, { version: 3 }));
  for (const request of parked) t.is(d.joinAnswer(request), undefined);
  t.is(d.joinAnswer(d.join('c10', { version: 3 }))?.error, 'GROUP_MAX_SIZE_REACHED');
});

test('GC-7 max size with MEMBER_ID_REQUIRED: every pending id is issued, one re-join is refused', (t) => {
  const d = kafkaDriver({ maxSize: 10, initialRebalanceDelayMs: 50 });
  const ids = Array.from({ length: 11 }, (_, i) => d.joinAnswer(d.join(`c${i}`))!);
  t.true(ids.every((answer) => answer.error === 'MEMBER_ID_REQUIRED'));
  t.is(d.groupState().state, 'Empty');
  const second = ids.map((answer, i) => d.join(`c${i}`, { memberId: answer.memberId }));
  d.sleep(50);
  d.sleep(50);
  const errors = second.map((request) => d.joinAnswer(request)?.error);
  t.is(errors.filter((error) => error === 'NONE').length, 10);
  t.is(errors.filter((error) => error === 'GROUP_MAX_SIZE_REACHED').length, 1);
  t.is(d.groupState().members.length, 10);
  t.is(d.groupState().pending.length, 0);
  t.is(d.groupState().state, 'CompletingRebalance');
});

test('GC-12 testJoinGroupUnknownConsumerExistingGroup: an id the group never issued gets UNKNOWN_MEMBER_ID', (t) => {
  const d = kafkaDriver();
  t.is(
    d.joinDynamicAndCompleteJoin('c1', { sessionTimeoutMs: 5000, rebalanceTimeoutMs: 5000 }).error,
    'NONE',
  );
  t.is(d.joinAnswer(d.join('c1', { memberId: 'other-member-id' }))?.error, 'UNKNOWN_MEMBER_ID');
});

test('GC-15 GC-19 testJoinGroupAsExistingLeaderTriggersRebalanceInStableState: the leader re-joining starts generation 2', (t) => {
  const d = kafkaDriver();
  const response = d.joinDynamicAndCompleteJoin('c1');
  t.is(d.groupState().state, 'CompletingRebalance');
  t.is(d.groupState().leader, response.memberId);
  t.is(d.groupState().generation, 1);
  d.sync('c1', response.memberId, 1, []);
  t.is(d.groupState().state, 'Stable');
  const rejoin = d.joinAnswer(d.join('c1', { memberId: response.memberId }));
  t.is(rejoin?.error, 'NONE');
  t.is(d.groupState().state, 'CompletingRebalance');
  t.is(d.groupState().generation, 2);
});

test('GC-15 testJoinGroupExistingMemberDoesNotTriggerRebalanceInStableState: a follower with unchanged metadata gets the current generation', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteJoin('c1');
  t.is(d.groupState().generation, 1);
  const member = d.join('c2', { version: 3 });
  t.is(d.joinAnswer(member), undefined);
  const leaderRejoin = d.join('c1', { memberId: leader.leader! });
  t.is(d.joinAnswer(leaderRejoin)?.error, 'NONE');
  t.is(d.joinAnswer(member)?.error, 'NONE');
  t.is(d.groupState().state, 'CompletingRebalance');
  t.is(d.groupState().members.length, 2);
  t.is(d.groupState().generation, 2);
  const memberId = d.joinAnswer(member)!.memberId;
  d.sync('c1', leader.memberId, 2, []);
  t.is(d.groupState().state, 'Stable');
  const again = d.joinAnswer(d.join('c2', { memberId }));
  t.is(again?.error, 'NONE');
  t.is(again?.generation, 2);
  t.deepEqual(again?.members, []);
  t.is(d.groupState().state, 'Stable');
});

test('GC-12 testJoinGroupExistingMemberInEmptyState: an existing member id in an Empty group gets UNKNOWN_MEMBER_ID, generation -1', (t) => {
  const d = kafkaDriver();
  const response = d.joinDynamicAndCompleteJoin('c1');
  // As Kafka's test does: force the group to Empty through legal moves, the member still recorded.
  const group = d.groupState();
  transitionTo(group, 'PreparingRebalance', d.state.now);
  transitionTo(group, 'Empty', d.state.now);
  const answer = d.joinAnswer(d.join('c1', { memberId: response.memberId }));
  t.is(answer?.error, 'UNKNOWN_MEMBER_ID');
  t.is(answer?.generation, -1);
});

test('GC-12 GC-30 an old member id after the member left and the group emptied: UNKNOWN_MEMBER_ID', (t) => {
  const d = kafkaDriver();
  const response = d.joinDynamicAndCompleteJoin('c1');
  t.is(d.leave('c1', response.memberId), 'NONE');
  t.is(d.groupState().state, 'Empty');
  t.is(d.groupState().generation, 2);
  t.is(d.joinAnswer(d.join('c1', { memberId: response.memberId }))?.error, 'UNKNOWN_MEMBER_ID');
});

test('GC-10 GC-11 MEMBER_ID_REQUIRED then re-join with the id adds the member; v3 joins directly', (t) => {
  const d = kafkaDriver();
  const required = d.joinAnswer(d.join('c1'))!;
  t.is(required.error, 'MEMBER_ID_REQUIRED');
  t.is(required.memberId, 'c1-1');
  t.deepEqual(d.groupState().pending, [{ memberId: 'c1-1', client: 'c1' }]);
  t.is(d.groupState().members.length, 0);
  d.join('c1', { memberId: 'c1-1' });
  t.is(d.groupState().members[0]?.memberId, 'c1-1');
  t.true(d.groupState().members[0]!.isNew);
  t.deepEqual(d.groupState().pending, []);
  t.is(d.groupState().state, 'PreparingRebalance');
  const v3 = kafkaDriver();
  t.is(v3.joinAnswer(v3.join('c1', { version: 3 })), undefined);
  t.is(v3.groupState().members.length, 1);
});

test('GC-5 session timeout outside the broker bounds: INVALID_SESSION_TIMEOUT before the group is looked at', (t) => {
  const d = new GroupDriver();
  t.is(d.joinAnswer(d.join('c1', { sessionTimeoutMs: 5999 }))?.error, 'INVALID_SESSION_TIMEOUT');
  t.is(d.joinAnswer(d.join('c1', { sessionTimeoutMs: 1_800_001 }))?.error, 'INVALID_SESSION_TIMEOUT');
  t.is(d.joinAnswer(d.join('c1', { sessionTimeoutMs: 6000 }))?.error, 'MEMBER_ID_REQUIRED');
  t.is(d.joinAnswer(d.join('c1', { sessionTimeoutMs: 45000 }))?.error, 'MEMBER_ID_REQUIRED');
});

test('GC-14 CompletingRebalance: a re-join with the same metadata is answered at once; with changed metadata it rebalances', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteJoin('c1');
  const same = d.joinAnswer(d.join('c1', { memberId: leader.memberId }));
  t.is(same?.error, 'NONE');
  t.is(same?.generation, 1);
  t.is(same?.members.length, 1, 'the leader gets the member list');
  t.is(d.groupState().state, 'CompletingRebalance');
  const changed = d.join('c1', {
    memberId: leader.memberId,
    protocols: [{ name: 'range', topics: ['bar'] }],
  });
  t.is(d.joinAnswer(changed)?.generation, 2, 'all (one) members re-joined: the join completes at once');
});

test('GC-13 a second JoinGroup parked for the same member replaces the first, which is never answered', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteRebalance('c1');
  const follower = d.join('c2', { version: 3, rebalanceTimeoutMs: 10000, sessionTimeoutMs: 5000 });
  const leaderRejoin = d.join('c1', {
    memberId: leader.memberId,
    rebalanceTimeoutMs: 10000,
    sessionTimeoutMs: 5000,
  });
  const generation = d.joinAnswer(follower)!.generation;
  const followerId = d.joinAnswer(follower)!.memberId;
  t.is(d.joinAnswer(leaderRejoin)?.generation, generation);
  d.sync('c1', leader.memberId, generation, []);
  d.sync('c2', followerId, generation);
  t.is(d.groupState().state, 'Stable');
  const first = d.join('c1', {
    memberId: leader.memberId,
    rebalanceTimeoutMs: 10000,
    sessionTimeoutMs: 5000,
  });
  t.is(d.groupState().state, 'PreparingRebalance');
  const second = d.join('c1', {
    memberId: leader.memberId,
    rebalanceTimeoutMs: 10000,
    sessionTimeoutMs: 5000,
  });
  d.join('c2', { memberId: followerId, rebalanceTimeoutMs: 10000, sessionTimeoutMs: 5000 });
  t.is(d.joinAnswer(second)?.generation, generation + 1);
  t.is(d.joinAnswer(first), undefined);
});
