import test from 'ava';
import { decodeAssignment } from './consumer-protocol.ts';
import type { JoinGroupResponse, SyncGroupResponse } from './messages.ts';
import { decodeRecord } from './records.ts';
import { assignmentFor, Harness, TOPIC } from './testing/harness.ts';

function completingPair(h: Harness) {
  const a = h.joinNew('g', { clientId: 'c1' });
  const b = h.joinNew('g', { clientId: 'c2' });
  h.advance(6000);
  const ja = h.answer<JoinGroupResponse>(a.requestId)!;
  const leader = ja.leader;
  const follower = leader === a.memberId ? b.memberId : a.memberId;
  return { leader, follower, generation: ja.generationId };
}

test('the leader’s plan is persisted, then the group is Stable and parked followers get their share', (t) => {
  const h = new Harness();
  const { leader, follower, generation } = completingPair(h);
  h.store.deferAppends = true;
  const followerSync = h.sync('g', follower, generation);
  const leaderSync = h.sync('g', leader, generation, [
    { memberId: leader, assignment: assignmentFor(TOPIC, [0, 1]) },
  ]);
  t.is(h.answer(followerSync), undefined);
  t.is(h.answer(leaderSync), undefined, 'waits for the append');
  t.is(h.group('g')?.state, 'CompletingRebalance', 'not Stable before the record is replicated');
  t.is(h.store.pendingAppends.length, 1);
  h.store.release();
  t.is(h.group('g')?.state, 'Stable');
  t.deepEqual(h.answer<SyncGroupResponse>(leaderSync)?.assignment, assignmentFor(TOPIC, [0, 1]));
  const followerAnswer = h.answer<SyncGroupResponse>(followerSync)!;
  t.is(followerAnswer.error, 'NONE');
  t.deepEqual(
    decodeAssignment(followerAnswer.assignment).partitions,
    [],
    'left out by the leader: empty assignment',
  );
  const record = decodeRecord(h.store.records.at(-1)!);
  t.is(record.kind, 'group-metadata');
  if (record.kind === 'group-metadata') {
    t.is(record.value?.generation, generation);
    t.is(record.value?.leader, leader);
    t.deepEqual(
      record.value?.members.map((m) => m.memberId),
      [...h.group('g')!.members.keys()],
    );
  }
});

test('a failed assignment append answers the parked syncs with the mapped error and rebalances', (t) => {
  const h = new Harness();
  const { leader, follower, generation } = completingPair(h);
  h.store.deferAppends = true;
  const followerSync = h.sync('g', follower, generation);
  const leaderSync = h.sync('g', leader, generation, []);
  h.store.release('NOT_ENOUGH_REPLICAS');
  t.is(h.answer<SyncGroupResponse>(leaderSync)?.error, 'COORDINATOR_NOT_AVAILABLE');
  t.is(h.answer<SyncGroupResponse>(followerSync)?.error, 'COORDINATOR_NOT_AVAILABLE');
  t.is(h.group('g')?.state, 'PreparingRebalance');
});

test('a rebalance while the leader’s append is in flight makes its late success a no-op', (t) => {
  const h = new Harness();
  const { leader, follower, generation } = completingPair(h);
  h.store.deferAppends = true;
  const leaderSync = h.sync('g', leader, generation, []);
  h.leave('g', follower);
  t.is(h.group('g')?.state, 'PreparingRebalance');
  t.is(h.answer<SyncGroupResponse>(leaderSync)?.error, 'REBALANCE_IN_PROGRESS');
  h.store.release();
  t.is(h.group('g')?.state, 'PreparingRebalance', 'the late success does not make the group Stable');
});

test('a member joining during CompletingRebalance sends parked syncs back with REBALANCE_IN_PROGRESS', (t) => {
  const h = new Harness();
  const { follower, generation } = completingPair(h);
  const followerSync = h.sync('g', follower, generation);
  h.join('g', { version: 3, clientId: 'c3' });
  t.is(h.answer<SyncGroupResponse>(followerSync)?.error, 'REBALANCE_IN_PROGRESS');
  t.is(h.group('g')?.state, 'PreparingRebalance');
});

test('SyncGroup v5 without a protocol type or name: INCONSISTENT_GROUP_PROTOCOL before the group id is looked at (GC-24)', (t) => {
  const h = new Harness();
  const { leader, generation } = completingPair(h);
  const sync = (
    group: string,
    version: number,
    protocolType: string | null,
    protocolName: string | null,
    generationId = generation,
  ) =>
    h.answer<SyncGroupResponse>(
      h.send({
        api: 'SyncGroup',
        version,
        groupId: group,
        generationId,
        memberId: leader,
        groupInstanceId: null,
        protocolType,
        protocolName,
        assignments: [],
      }),
    )?.error;
  t.is(sync('', 5, 'consumer', null), 'INCONSISTENT_GROUP_PROTOCOL', 'before INVALID_GROUP_ID');
  t.is(sync('g', 5, null, 'range'), 'INCONSISTENT_GROUP_PROTOCOL', 'a missing type too');
  t.is(sync('', 4, null, null), 'INVALID_GROUP_ID', 'before v5 the fields do not exist');
  t.is(sync('g', 5, 'consumer', 'roundrobin', generation + 1), 'ILLEGAL_GENERATION');
  t.is(sync('g', 5, 'consumer', 'roundrobin'), 'INCONSISTENT_GROUP_PROTOCOL', "not the group's protocol");
  t.is(sync('g', 5, 'connect', 'range'), 'INCONSISTENT_GROUP_PROTOCOL', "not the group's type");
});
