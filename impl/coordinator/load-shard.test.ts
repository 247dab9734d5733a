import test from 'ava';
import type {
  HeartbeatResponse,
  JoinGroupResponse,
  OffsetCommitResponse,
  SyncGroupResponse,
} from './messages.ts';
import { assignmentFor, Harness, MemoryOffsetsPartition, TOPIC } from './testing/harness.ts';

test('a new leader replays the partition: Stable group with members and assignments, offsets restored', (t) => {
  const h = new Harness();
  const { leader, follower, generation } = h.stablePair('g');
  h.commit('g', leader, generation, [{ partition: 0, offset: 9 }]);
  h.commit('simple', '', -1, [{ partition: 1, offset: 3 }]);
  const next = new Harness({}, 2, h.store);
  const group = next.group('g')!;
  t.is(group.state, 'Stable');
  t.is(group.generation, generation);
  t.is(group.leaderId, leader);
  t.is(group.protocolName, 'range');
  t.deepEqual(group.members.get(follower)?.assignment, assignmentFor(TOPIC, [1]));
  t.is(next.heartbeat('g', follower, generation), 'NONE');
  t.deepEqual(
    next.answer<SyncGroupResponse>(next.sync('g', follower, generation))?.assignment,
    assignmentFor(TOPIC, [1]),
  );
  t.like(next.fetchOffsets('g', [0]), { topics: [{ partitions: [{ committedOffset: 9 }] }] });
  t.is(next.group('simple')?.state, 'Empty', 'offsets without a group record: a simple group');
  t.like(next.fetchOffsets('simple', [1]), { topics: [{ partitions: [{ committedOffset: 3 }] }] });
});

test('replayed members must heartbeat within their session or are removed', (t) => {
  const h = new Harness();
  const { leader, follower, generation } = h.stablePair('g');
  const next = new Harness({}, 2, h.store);
  next.advance(9000);
  t.is(next.heartbeat('g', leader, generation), 'NONE');
  next.advance(1000);
  t.false(next.group('g')!.members.has(follower));
});

test('an Empty group record replays as Empty with its generation', (t) => {
  const h = new Harness();
  const { memberId } = h.stableSingle('g');
  h.leave('g', memberId);
  const generation = h.group('g')!.generation;
  const next = new Harness({}, 2, h.store);
  t.is(next.group('g')?.state, 'Empty');
  t.is(next.group('g')?.generation, generation);
});

test('while loading: COORDINATOR_LOAD_IN_PROGRESS, except Heartbeat which answers NONE', (t) => {
  const store = new MemoryOffsetsPartition(0);
  store.deferReads = true;
  const h = new Harness({}, 1, store);
  t.is(h.coordinator.partitionStatus(0), 'loading');
  t.is(h.answer<JoinGroupResponse>(h.join('g'))?.error, 'COORDINATOR_LOAD_IN_PROGRESS');
  t.deepEqual(h.commitErrors(h.commit('g', '', -1, [{ partition: 0, offset: 1 }])), [
    'COORDINATOR_LOAD_IN_PROGRESS',
  ]);
  t.is(h.heartbeat('g', 'm', 1), 'NONE');
  store.finishRead();
  t.is(h.coordinator.partitionStatus(0), 'active');
  t.is(h.answer<JoinGroupResponse>(h.join('g'))?.error, 'MEMBER_ID_REQUIRED');
});

test('after resign: parked requests and in-flight commits get NOT_COORDINATOR, later requests too', (t) => {
  const h = new Harness();
  const { leader, follower, generation } = h.stablePair('g');
  const parked = h.join('g', { memberId: leader });
  h.store.deferAppends = true;
  const commit = h.commit('g', follower, generation, [{ partition: 0, offset: 1 }]);
  h.coordinator.resign(0);
  t.is(h.answer<JoinGroupResponse>(parked)?.error, 'NOT_COORDINATOR');
  t.deepEqual(h.commitErrors(commit), ['NOT_COORDINATOR']);
  t.is(
    h.answer<HeartbeatResponse>(
      h.send({
        api: 'Heartbeat',
        version: 0,
        groupId: 'g',
        generationId: 1,
        memberId: 'x',
        groupInstanceId: null,
      }),
    )?.error,
    'NOT_COORDINATOR',
  );
  h.store.release(); // a late success of the old leadership changes nothing and answers nothing twice
  t.is(h.coordinator.partitionStatus(0), null);
  t.like(h.answer<OffsetCommitResponse>(commit), {
    topics: [{ partitions: [{ error: 'NOT_COORDINATOR' }] }],
  });
});

test('groups route by partition: a coordinator not leading a group’s partition answers NOT_COORDINATOR', (t) => {
  const h = new Harness({ offsetsTopicPartitions: 50 });
  // The harness leads partition 0 only; 'a' hashes to 97 % 50 = 47.
  t.is(h.answer<JoinGroupResponse>(h.join('a'))?.error, 'NOT_COORDINATOR');
  t.is(h.answer<JoinGroupResponse>(h.join('polygenelubricants'))?.error, 'MEMBER_ID_REQUIRED');
});
