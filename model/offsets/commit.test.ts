// OffsetCommit validation order, OffsetFetch and retention, against the coordinator model.
import test from 'ava';
import { type GroupDriver, kafkaDriver } from '../group/testing/group-driver.ts';
import type { CommitAnswer, OffsetFetchAnswer } from '../group/types.ts';
import { validateOffsetCommit } from './validate.ts';

function commit(
  d: GroupDriver,
  memberId: string,
  generation: number,
  extra: { version?: number; metadata?: string; group?: string } = {},
) {
  const { answers } = d.send({
    type: 'commit',
    client: 'c1',
    group: extra.group ?? d.group,
    memberId,
    generation,
    offsets: [{ topic: 'foo', partition: 0, offset: 42, metadata: extra.metadata ?? '' }],
    ...(extra.version === undefined ? {} : { version: extra.version }),
  });
  return (answers[0] as CommitAnswer).partitions[0]!.error;
}

function fetch(d: GroupDriver, partitions?: { topic: string; partition: number }[], group = d.group) {
  const { answers } = d.send({
    type: 'offset-fetch',
    client: 'c1',
    group,
    ...(partitions ? { partitions } : {}),
  });
  return answers[0] as OffsetFetchAnswer;
}

test('OC-1 missing group: generation -1 creates a simple group and is accepted; otherwise GROUP_ID_NOT_FOUND (v9+) or ILLEGAL_GENERATION', (t) => {
  const d = kafkaDriver();
  t.is(commit(d, '', 0), 'GROUP_ID_NOT_FOUND');
  t.is(commit(d, 'someone', 3, { version: 8 }), 'ILLEGAL_GENERATION');
  t.deepEqual(d.state.groups, []);
  t.is(commit(d, '', -1), 'NONE');
  t.like(d.groupState(), { state: 'Empty', protocolType: null, generation: 0 });
});

test('OC-2 Dead group: COORDINATOR_NOT_AVAILABLE', (t) => {
  const d = kafkaDriver();
  commit(d, '', -1);
  d.groupState().state = 'Dead';
  t.is(commit(d, '', -1), 'COORDINATOR_NOT_AVAILABLE');
});

test('OC-3 OC-5 generation -1: accepted on an Empty group whatever the member id; refused UNKNOWN_MEMBER_ID on an active group', (t) => {
  const d = kafkaDriver();
  commit(d, '', -1);
  t.is(commit(d, 'anyone', -1), 'NONE');
  d.joinDynamicAndCompleteRebalance('c1');
  t.is(commit(d, '', -1), 'UNKNOWN_MEMBER_ID');
});

test('OC-4 member first, then generation: an unknown member with a stale generation gets UNKNOWN_MEMBER_ID, a member with one gets ILLEGAL_GENERATION', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteRebalance('c1');
  t.is(commit(d, 'bogus', leader.generation - 1), 'UNKNOWN_MEMBER_ID');
  t.is(commit(d, leader.memberId, leader.generation - 1), 'ILLEGAL_GENERATION');
  t.is(
    commit(d, leader.memberId, -1),
    'ILLEGAL_GENERATION',
    'a member id with generation -1 on a Stable group',
  );
  t.is(commit(d, leader.memberId, leader.generation), 'NONE');
});

test('OC-6 CompletingRebalance: REBALANCE_IN_PROGRESS, but a stale generation is told ILLEGAL_GENERATION first', (t) => {
  const d = kafkaDriver();
  const joined = d.joinDynamicAndCompleteJoin('c1');
  t.is(d.groupState().state, 'CompletingRebalance');
  t.is(commit(d, joined.memberId, joined.generation), 'REBALANCE_IN_PROGRESS');
  t.is(commit(d, joined.memberId, joined.generation + 1), 'ILLEGAL_GENERATION');
});

test('OC-4 OC-8 PreparingRebalance accepts the current generation (it moves only at join completion) and resets the session', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteRebalance('c1');
  d.join('c2', { version: 3, rebalanceTimeoutMs: 10000, sessionTimeoutMs: 5000 });
  t.is(d.groupState().state, 'PreparingRebalance');
  d.sleep(4000);
  t.is(commit(d, leader.memberId, leader.generation), 'NONE');
  const timer = d.groupState().timers.find((x) => x.kind === 'heartbeat' && x.memberId === leader.memberId)!;
  t.is(timer.deadline, d.state.now + 5000);
  t.is(commit(d, leader.memberId, leader.generation + 1), 'ILLEGAL_GENERATION');
});

test('OC-7 metadata over offset.metadata.max.bytes: OFFSET_METADATA_TOO_LARGE for that partition only', (t) => {
  const d = kafkaDriver({ offsetMetadataMaxBytes: 4 });
  const { answers } = d.send({
    type: 'commit',
    client: 'c1',
    group: d.group,
    memberId: '',
    generation: -1,
    offsets: [
      { topic: 'foo', partition: 0, offset: 1, metadata: 'abcde' },
      { topic: 'foo', partition: 1, offset: 2, metadata: 'abcd' },
    ],
  });
  t.deepEqual(
    (answers[0] as CommitAnswer).partitions.map((p) => p.error),
    ['OFFSET_METADATA_TOO_LARGE', 'NONE'],
  );
  t.deepEqual(
    fetch(d).offsets.map((o) => [o.partition, o.offset, o.metadata]),
    [[1, 2, 'abcd']],
  );
});

test('OC-9 OffsetFetch: unknown group or partition gives -1 with no error; absent partitions list gives all committed', (t) => {
  const d = kafkaDriver();
  t.deepEqual(fetch(d, [{ topic: 'foo', partition: 0 }]).offsets, [
    { topic: 'foo', partition: 0, offset: -1, metadata: '', error: 'NONE' },
  ]);
  t.deepEqual(fetch(d).offsets, []);
  commit(d, '', -1, { metadata: 'm' });
  t.deepEqual(
    fetch(d, [
      { topic: 'foo', partition: 0 },
      { topic: 'foo', partition: 7 },
    ]).offsets,
    [
      { topic: 'foo', partition: 0, offset: 42, metadata: 'm', error: 'NONE' },
      { topic: 'foo', partition: 7, offset: -1, metadata: '', error: 'NONE' },
    ],
  );
  t.is(fetch(d).error, 'NONE');
});

test('OC-10 retention: an Empty group that had members keeps offsets for offsets.retention.minutes after it became Empty', (t) => {
  const d = kafkaDriver();
  const leader = d.joinDynamicAndCompleteRebalance('c1');
  t.is(commit(d, leader.memberId, leader.generation), 'NONE');
  const retention = d.state.config.offsetsRetentionMs;
  d.sleep(retention); // the member's session expired long ago: the group is Empty since then
  t.is(d.groupState().state, 'Empty');
  const emptySince = d.groupState().stateSince;
  t.true(emptySince > 0);
  t.is(fetch(d).offsets.length, 1, 'counted from when the group became Empty, not from the commit');
  d.sleep(emptySince + 600_000);
  t.deepEqual(fetch(d, [{ topic: 'foo', partition: 0 }]).offsets[0]?.offset, -1);
  t.deepEqual(d.state.groups, [], 'an Empty group without offsets is deleted');
});

test('OC-10 retention: a simple group counts from the commit time', (t) => {
  const d = kafkaDriver();
  commit(d, '', -1);
  d.sleep(d.state.config.offsetsRetentionMs - 1);
  t.is(fetch(d).offsets.length, 1);
  d.sleep(600_000);
  t.is(fetch(d).offsets.length, 0);
});

test('OC-1 OC-3 OC-4 OC-5 OC-6 validateOffsetCommit order on hand-built groups', (t) => {
  const d = kafkaDriver();
  const joined = d.joinDynamicAndCompleteJoin('c1');
  const group = structuredClone(d.groupState());
  t.is(validateOffsetCommit(group, { memberId: 'x', generation: 99, version: 9 }), 'UNKNOWN_MEMBER_ID');
  t.is(
    validateOffsetCommit(group, { memberId: joined.memberId, generation: 99, version: 9 }),
    'ILLEGAL_GENERATION',
  );
  t.is(
    validateOffsetCommit(group, { memberId: joined.memberId, generation: 1, version: 9 }),
    'REBALANCE_IN_PROGRESS',
  );
  t.is(validateOffsetCommit(group, { memberId: '', generation: -1, version: 9 }), 'UNKNOWN_MEMBER_ID');
  group.state = 'Empty';
  t.is(validateOffsetCommit(group, { memberId: 'x', generation: -1, version: 9 }), undefined);
});
