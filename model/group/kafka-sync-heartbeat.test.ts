// Scenarios named after Kafka's GroupMetadataManagerTest SyncGroup, Heartbeat, LeaveGroup and
// DescribeGroups tests, with Kafka's outcomes.
import test from 'ava';
import { type GroupDriver, kafkaDriver } from './testing/group-driver.ts';

const timeouts = { rebalanceTimeoutMs: 10000, sessionTimeoutMs: 5000 };

/** A leader that completed a rebalance alone, then a follower joining: both answered, CompletingRebalance. */
function leaderAndFollowerJoined(d: GroupDriver) {
  const leader = d.joinDynamicAndCompleteRebalance('c1');
  const follower = d.join('c2', { ...timeouts, version: 3 });
  const leaderJoin = d.join('c1', { ...timeouts, memberId: leader.memberId });
  return { leader, followerAnswer: d.joinAnswer(follower)!, leaderAnswer: d.joinAnswer(leaderJoin)! };
}

test('GC-24 testSyncGroupFromIllegalGeneration: a SyncGroup with another generation gets ILLEGAL_GENERATION', (t) => {
  const d = kafkaDriver();
  const joined = d.joinDynamicAndCompleteJoin('c1');
  t.is(d.syncAnswer(d.sync('c1', joined.memberId, joined.generation + 1))?.error, 'ILLEGAL_GENERATION');
});

test('GC-22 GC-25 testSyncGroupFollowerAfterLeader: the leader syncs first, the follower gets its assignment at once', (t) => {
  const d = kafkaDriver();
  const { leader, followerAnswer, leaderAnswer } = leaderAndFollowerJoined(d);
  t.is(followerAnswer.error, 'NONE');
  t.is(leaderAnswer.generation, followerAnswer.generation);
  t.is(followerAnswer.leader, leader.memberId);
  t.is(leaderAnswer.members.length, 2, 'only the leader gets the member list');
  t.deepEqual(followerAnswer.members, []);
  const generation = leaderAnswer.generation;
  const plan = [
    { memberId: leader.memberId, partitions: [{ topic: 'foo', partitions: [0] }] },
    { memberId: followerAnswer.memberId, partitions: [{ topic: 'foo', partitions: [1] }] },
  ];
  t.deepEqual(d.syncAnswer(d.sync('c1', leader.memberId, generation, plan))?.assignment, plan[0]!.partitions);
  t.is(d.groupState().state, 'Stable');
  const follower = d.syncAnswer(d.sync('c2', followerAnswer.memberId, generation));
  t.is(follower?.error, 'NONE');
  t.deepEqual(follower?.assignment, plan[1]!.partitions);
});

test('GC-25 testSyncGroupLeaderAfterFollower: the follower is parked until the leader sends the plan', (t) => {
  const d = kafkaDriver();
  const { leader, followerAnswer, leaderAnswer } = leaderAndFollowerJoined(d);
  t.is(d.groupState().state, 'CompletingRebalance');
  const generation = leaderAnswer.generation;
  const followerSync = d.sync('c2', followerAnswer.memberId, generation);
  t.is(d.syncAnswer(followerSync), undefined);
  const plan = [
    { memberId: leader.memberId, partitions: [{ topic: 'foo', partitions: [0] }] },
    { memberId: followerAnswer.memberId, partitions: [{ topic: 'foo', partitions: [1] }] },
  ];
  const leaderSync = d.sync('c1', leader.memberId, generation, plan);
  t.is(d.syncAnswer(leaderSync)?.error, 'NONE');
  t.deepEqual(d.syncAnswer(followerSync)?.assignment, plan[1]!.partitions);
  t.is(d.groupState().state, 'Stable');
});

test('GC-25 a member the leader left out of the plan gets an empty assignment', (t) => {
  const d = kafkaDriver();
  const { leader, followerAnswer, leaderAnswer } = leaderAndFollowerJoined(d);
  const followerSync = d.sync('c2', followerAnswer.memberId, leaderAnswer.generation);
  d.sync('c1', leader.memberId, leaderAnswer.generation, [
    { memberId: leader.memberId, partitions: [{ topic: 'foo', partitions: [0, 1] }] },
  ]);
  t.deepEqual(d.syncAnswer(followerSync), {
    type: 'sync-response',
    request: followerSync,
    client: 'c2',
    group: 'group-id',
    error: 'NONE',
    assignment: [],
  });
});

test('GC-16 GC-28 testLeaderFailureInSyncGroup: the leader session expires, the parked follower gets REBALANCE_IN_PROGRESS', (t) => {
  const d = kafkaDriver();
  const { followerAnswer, leaderAnswer } = leaderAndFollowerJoined(d);
  const followerSync = d.sync('c2', followerAnswer.memberId, leaderAnswer.generation);
  t.is(d.syncAnswer(followerSync), undefined);
  // The leader's session (5000 ms) expires; Kafka's test sleeps 10000 with its mock timer, which
  // fires every expired timer at the later clock. Timers fire at their deadlines here (GC-34), so
  // sleeping past the follower's rescheduled session would remove the follower too.
  d.sleep(5000);
  t.is(d.syncAnswer(followerSync)?.error, 'REBALANCE_IN_PROGRESS');
  t.deepEqual(
    d.groupState().members.map((m) => m.memberId),
    [followerAnswer.memberId],
  );
  t.is(d.groupState().state, 'PreparingRebalance');
});

test('GC-19 testGenerationIdIncrementsOnRebalance: the leader re-joining a Stable group moves to generation 2', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteRebalance('c1');
  const answer = d.joinAnswer(d.join('c1', { memberId: leader.memberId }));
  t.is(answer?.generation, 2);
  t.is(answer?.error, 'NONE');
});

test('GC-27 testHeartbeatDuringPreparingRebalance: REBALANCE_IN_PROGRESS', (t) => {
  const d = kafkaDriver();
  const required = d.joinAnswer(d.join('c1'))!;
  t.is(required.error, 'MEMBER_ID_REQUIRED');
  d.join('c1', { memberId: required.memberId });
  t.is(d.groupState().state, 'PreparingRebalance');
  t.is(d.heartbeat('c1', required.memberId, 0), 'REBALANCE_IN_PROGRESS');
});

test('GC-27 testHeartbeatIllegalGeneration: ILLEGAL_GENERATION', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteRebalance('c1');
  t.is(d.heartbeat('c1', leader.memberId, leader.generation + 1), 'ILLEGAL_GENERATION');
  t.is(d.heartbeat('c1', leader.memberId, leader.generation), 'NONE');
});

test('GC-27 Heartbeat answers: unknown group and unknown member UNKNOWN_MEMBER_ID; CompletingRebalance NONE', (t) => {
  const d = kafkaDriver();
  t.is(d.heartbeat('c1', 'x', 0), 'UNKNOWN_MEMBER_ID');
  const joined = d.joinDynamicAndCompleteJoin('c1');
  t.is(d.heartbeat('c1', 'bogus', joined.generation), 'UNKNOWN_MEMBER_ID');
  t.is(d.groupState().state, 'CompletingRebalance');
  t.is(d.heartbeat('c1', joined.memberId, joined.generation), 'NONE');
});

test('GC-16 GC-28 testClassicGroupMemberSessionTimeoutDuringRebalance: the old member expires, the newcomer completes generation 2', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteRebalance('c1');
  const other = d.join('c2', { ...timeouts, version: 3 });
  t.is(d.joinAnswer(other), undefined);
  t.is(d.groupState().state, 'PreparingRebalance');
  d.sleep(2500);
  t.is(d.heartbeat('c1', leader.memberId, leader.generation), 'REBALANCE_IN_PROGRESS');
  d.sleep(5000);
  t.is(d.heartbeat('c1', leader.memberId, leader.generation), 'UNKNOWN_MEMBER_ID');
  d.sleep(2500);
  t.is(d.joinAnswer(other)?.error, 'NONE');
  t.is(d.groupState().members.length, 1);
  t.is(d.groupState().generation, 2);
  t.is(d.groupState().state, 'CompletingRebalance');
});

test('GC-26 testRebalanceTimesOutWhenSyncRequestIsNotReceivedFromFollowers: followers that never sync are removed', (t) => {
  const d = kafkaDriver();
  const joined = d.joinWithNMembers(3, 5000, 5000);
  const leaderId = d.groupState().leader!;
  const leader = joined.find((answer) => answer.memberId === leaderId)!;
  const followers = joined.filter((answer) => answer.memberId !== leaderId);
  d.sleep(2500);
  for (const answer of joined) t.is(d.heartbeat(answer.client, answer.memberId, 1), 'NONE');
  t.is(d.syncAnswer(d.sync(leader.client, leader.memberId, 1))?.error, 'NONE');
  t.is(d.groupState().state, 'Stable');
  t.is(d.heartbeat(leader.client, leader.memberId, 1), 'NONE');
  d.sleep(2500);
  t.is(d.heartbeat(leader.client, leader.memberId, 1), 'REBALANCE_IN_PROGRESS');
  for (const answer of followers) t.is(d.heartbeat(answer.client, answer.memberId, 1), 'UNKNOWN_MEMBER_ID');
  t.is(d.groupState().state, 'PreparingRebalance');
});

test('GC-26 testRebalanceTimesOutWhenSyncRequestIsNotReceived: nobody syncs, the group ends Empty', (t) => {
  const d = kafkaDriver();
  const joined = d.joinWithNMembers(3, 5000, 5000);
  d.sleep(2500);
  for (const answer of joined) t.is(d.heartbeat(answer.client, answer.memberId, 1), 'NONE');
  d.sleep(2500);
  for (const answer of joined) t.is(d.heartbeat(answer.client, answer.memberId, 1), 'UNKNOWN_MEMBER_ID');
  t.is(d.groupState().state, 'Empty');
});

test('GC-30 testPendingMembersLeaveGroup: a pending member leaving lets the join phase complete', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteRebalance('c1');
  const follower = d.join('c2', { ...timeouts, version: 3 });
  d.join('c1', { ...timeouts, memberId: leader.memberId });
  const followerId = d.joinAnswer(follower)!.memberId;
  const generation = d.joinAnswer(follower)!.generation;
  d.sync('c1', leader.memberId, generation, []);
  t.is(d.groupState().state, 'Stable');
  d.join('c1', { ...timeouts, memberId: leader.memberId });
  t.is(d.groupState().state, 'PreparingRebalance');
  const pending = d.joinAnswer(d.join('c3', { ...timeouts, sessionTimeoutMs: 2500 }))!;
  t.is(pending.error, 'MEMBER_ID_REQUIRED');
  d.join('c2', { ...timeouts, memberId: followerId });
  t.is(d.groupState().state, 'PreparingRebalance', 'the pending member holds the join phase open');
  t.is(d.leave('c3', pending.memberId), 'NONE');
  t.is(d.groupState().state, 'CompletingRebalance');
  t.is(d.groupState().members.length, 2);
  t.is(d.groupState().pending.length, 0);
});

test('GC-30 LeaveGroup: unknown group and unknown member get UNKNOWN_MEMBER_ID; a leaving member rebalances the rest', (t) => {
  const d = kafkaDriver();
  t.is(d.leave('c1', 'member-id'), 'UNKNOWN_MEMBER_ID');
  const { leader, followerAnswer, leaderAnswer } = leaderAndFollowerJoined(d);
  t.is(d.leave('c9', 'bogus'), 'UNKNOWN_MEMBER_ID');
  t.is(d.leave('c9', ''), 'UNKNOWN_MEMBER_ID');
  const followerSync = d.sync('c2', followerAnswer.memberId, leaderAnswer.generation);
  t.is(d.leave('c1', leader.memberId), 'NONE');
  t.is(d.syncAnswer(followerSync)?.error, 'REBALANCE_IN_PROGRESS');
  t.is(d.groupState().state, 'PreparingRebalance');
});

test('GC-31 testDescribeGroupRebalancing: PreparingRebalance shows members with their assignment and no protocol', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteJoin('c1', timeouts);
  d.sync('c1', leader.memberId, leader.generation, [
    { memberId: leader.memberId, partitions: [{ topic: 'foo', partitions: [0] }] },
  ]);
  const stable = d.send({ type: 'describe-group', group: 'group-id' }).answers[0];
  t.like(stable, { state: 'Stable', protocol: 'range', error: 'NONE' });
  d.join('c2', { ...timeouts, version: 3 });
  const described = d.send({ type: 'describe-group', group: 'group-id' }).answers[0];
  t.deepEqual(described, {
    type: 'describe-response',
    request: described!.request,
    group: 'group-id',
    error: 'NONE',
    state: 'PreparingRebalance',
    protocol: '',
    members: [
      { memberId: leader.memberId, client: 'c1', assignment: [{ topic: 'foo', partitions: [0] }] },
      { memberId: 'c2-1', client: 'c2', assignment: [] },
    ],
  });
  const unknown = d.send({ type: 'describe-group', group: 'nope' }).answers[0];
  t.like(unknown, { state: 'Dead', error: 'NONE', members: [] });
});

test('GC-24 a SyncGroup v5 without a protocol name is refused INCONSISTENT_GROUP_PROTOCOL before anything else', (t) => {
  const d = kafkaDriver();
  const sync = (group: string, memberId: string, generation: number, protocolName: string | null) =>
    (
      d.send({ type: 'sync', client: 'c1', group, memberId, generation, protocolName }).answers[0] as {
        error: string;
      }
    ).error;
  t.is(sync('unknown-group', '', -1, null), 'INCONSISTENT_GROUP_PROTOCOL', 'before the group is looked up');
  t.is(sync('', '', -1, null), 'INCONSISTENT_GROUP_PROTOCOL', 'before INVALID_GROUP_ID (GC-3)');
  t.is(sync('unknown-group', '', -1, 'range'), 'UNKNOWN_MEMBER_ID', 'with a name, the coordinator decides');
  const joined = d.joinDynamicAndCompleteJoin('c1');
  t.is(sync(d.group, joined.memberId, joined.generation, null), 'INCONSISTENT_GROUP_PROTOCOL');
  t.is(
    sync(d.group, joined.memberId, joined.generation + 1, 'roundrobin'),
    'ILLEGAL_GENERATION',
    'the generation is checked before the name',
  );
  t.is(
    sync(d.group, joined.memberId, joined.generation, 'roundrobin'),
    'INCONSISTENT_GROUP_PROTOCOL',
    "a name other than the group's",
  );
  t.is(sync(d.group, joined.memberId, joined.generation, joined.protocol ?? 'range'), 'NONE');
});
