// GC-40 static membership in the coordinator model, scenario by scenario (the lockstep runs compare
// the same paths with the reference broker and Kafka's own coordinator).
import test from 'ava';
import { kafkaDriver } from './testing/group-driver.ts';
import type { HeartbeatAnswer, JoinAnswer } from './types.ts';

/** A static member i1 (client c1) that joined, synced and is Stable in generation 1. */
function stableStaticGroup() {
  const d = kafkaDriver();
  const join = d.join('c1', { instanceId: 'i1' });
  d.sleep(3000);
  const answer = d.joinAnswer(join)!;
  d.sync('c1', answer.memberId, answer.generation, [
    { memberId: answer.memberId, partitions: [{ topic: 'foo', partitions: [0, 1] }] },
  ]);
  return { d, answer };
}

test('GC-40 a static member joins without MEMBER_ID_REQUIRED', (t) => {
  const { d, answer } = stableStaticGroup();
  t.is(answer.error, 'NONE');
  t.is(answer.generation, 1);
  t.deepEqual(
    answer.members.map((m) => m.instanceId),
    ['i1'],
    'the leader sees the instance id (AS-1)',
  );
  t.is(d.groupState().state, 'Stable');
});

test('GC-40 a restarted static member takes its place under a new id in Stable without a rebalance', (t) => {
  const { d, answer } = stableStaticGroup();
  const again = d.joinAnswer(d.join('c1', { instanceId: 'i1' }))!;
  t.is(again.error, 'NONE');
  t.is(again.generation, 1, 'the current generation: no rebalance');
  t.not(again.memberId, answer.memberId);
  t.is(again.leader, again.memberId, 'leadership moves to the new id');
  t.is(d.groupState().state, 'Stable');
  t.deepEqual(d.groupState().members[0]!.assignment, [{ topic: 'foo', partitions: [0, 1] }]);
  t.is(
    d.heartbeat('c1', answer.memberId, 1),
    'UNKNOWN_MEMBER_ID',
    'the old id without its instance id is gone',
  );
  const fenced = d.send({
    type: 'heartbeat',
    client: 'c1',
    group: d.group,
    memberId: answer.memberId,
    instanceId: 'i1',
    generation: 1,
  }).answers[0] as HeartbeatAnswer;
  t.is(fenced.error, 'FENCED_INSTANCE_ID', 'the old id with the instance id is fenced');
});

test('GC-40 before JoinGroup v9 the replacement names the leader as it was', (t) => {
  const { d, answer } = stableStaticGroup();
  const again = d.joinAnswer(d.join('c1', { instanceId: 'i1', version: 8 }))!;
  t.is(again.error, 'NONE');
  t.is(again.leader, answer.memberId);
  t.deepEqual(again.members, []);
});

test('GC-40 a replacement whose protocols change the vote starts a rebalance', (t) => {
  const { d } = stableStaticGroup();
  const join = d.join('c1', {
    instanceId: 'i1',
    protocols: [
      { name: 'roundrobin', topics: ['foo'] },
      { name: 'range', topics: ['foo'] },
    ],
  });
  // Its only member has re-joined, so the rebalance completes at once: a new generation.
  const answer = d.joinAnswer(join)!;
  t.is(answer.generation, 2);
  t.is(answer.protocol, 'roundrobin');
  t.true(d.transitions.includes('Stable->PreparingRebalance'));
});

test('GC-40 the replaced member parked in SyncGroup is answered FENCED_INSTANCE_ID, and CompletingRebalance rebalances', (t) => {
  const d = kafkaDriver();
  const leaderJoin = d.join('c1', { instanceId: 'i1' });
  const followerJoin = d.join('c2', { instanceId: 'i2' });
  d.sleep(3000);
  const follower = d.joinAnswer(followerJoin)!;
  t.is(d.joinAnswer(leaderJoin)!.generation, 1);
  const parked = d.send({
    type: 'sync',
    client: 'c2',
    group: d.group,
    memberId: follower.memberId,
    instanceId: 'i2',
    generation: 1,
  }).request;
  t.is(d.syncAnswer(parked), undefined, 'the follower waits for the leader');
  d.join('c2', { instanceId: 'i2' });
  t.is(d.syncAnswer(parked)?.error, 'FENCED_INSTANCE_ID');
  t.is(d.groupState().state, 'PreparingRebalance');
});

test('GC-40 a LeaveGroup without a member id removes the member its instance id names; an unknown instance id is UNKNOWN_MEMBER_ID', (t) => {
  const { d } = stableStaticGroup();
  const unknown = d.send({ type: 'leave', client: 'c9', group: d.group, memberId: '', instanceId: 'i9' });
  t.is((unknown.answers[0] as HeartbeatAnswer).error, 'UNKNOWN_MEMBER_ID');
  const leave = d.send({ type: 'leave', client: 'c9', group: d.group, memberId: '', instanceId: 'i1' });
  t.is((leave.answers[0] as HeartbeatAnswer).error, 'NONE');
  t.is(d.groupState().members.length, 0);
});

test('GC-40 an OffsetCommit from the old id of a replaced static member is fenced', (t) => {
  const { d, answer } = stableStaticGroup();
  d.join('c1', { instanceId: 'i1' });
  const commit = d.send({
    type: 'commit',
    client: 'c1',
    group: d.group,
    memberId: answer.memberId,
    instanceId: 'i1',
    generation: 1,
    offsets: [{ topic: 'foo', partition: 0, offset: 3 }],
  });
  const error = (commit.answers[0] as unknown as { partitions: { error: string }[] }).partitions[0]!.error;
  t.is(error, 'FENCED_INSTANCE_ID');
});

test('GC-40 GC-18 join completion keeps a static member that did not re-join', (t) => {
  const d = kafkaDriver();
  const first = d.join('c1', { instanceId: 'i1', rebalanceTimeoutMs: 1000, sessionTimeoutMs: 60000 });
  d.sleep(3000);
  const answer = d.joinAnswer(first)!;
  const dynamic = d.join('c2', { rebalanceTimeoutMs: 1000, sessionTimeoutMs: 60000 });
  const id2 = d.joinAnswer(dynamic)!.memberId;
  const second = d.join('c2', { memberId: id2, rebalanceTimeoutMs: 1000, sessionTimeoutMs: 60000 });
  d.sleep(1000);
  const completed = d.joinAnswer(second) as JoinAnswer;
  t.is(completed.generation, 2);
  t.true(
    d.groupState().members.some((m) => m.memberId === answer.memberId),
    'i1 stays without re-joining',
  );
});
