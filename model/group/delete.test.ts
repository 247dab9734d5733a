// DeleteGroups (GC-38, GC-39) and OffsetDelete (OC-20, OC-21) in the group model, scenario by
// scenario after Kafka's GroupCoordinatorShardTest / OffsetMetadataManagerTest cases.
import test from 'ava';
import { kafkaDriver } from './testing/group-driver.ts';
import type { DeleteGroupsAnswer, DescribeAnswer, OffsetDeleteAnswer, OffsetFetchAnswer } from './types.ts';

const TOPIC = [{ name: 'range', topics: ['foo'] }];

function commit(
  d: ReturnType<typeof kafkaDriver>,
  group: string,
  topic: string,
  partition: number,
  offset: number,
) {
  return d.send({
    type: 'commit',
    client: 'admin',
    group,
    memberId: '',
    generation: -1,
    offsets: [{ topic, partition, offset }],
  });
}

function deleteGroups(d: ReturnType<typeof kafkaDriver>, groups: string[]): DeleteGroupsAnswer {
  return d.send({ type: 'delete-groups', client: 'admin', groups }).answers[0] as DeleteGroupsAnswer;
}

function offsetDelete(
  d: ReturnType<typeof kafkaDriver>,
  group: string,
  partitions: { topic: string; partition: number; exists?: boolean }[],
): OffsetDeleteAnswer {
  return d.send({
    type: 'offset-delete',
    client: 'admin',
    group,
    partitions: partitions.map((p) => ({ ...p, exists: p.exists ?? true })),
  }).answers[0] as OffsetDeleteAnswer;
}

function fetched(d: ReturnType<typeof kafkaDriver>, group: string) {
  const answer = d.send({ type: 'offset-fetch', client: 'admin', group }).answers[0] as OffsetFetchAnswer;
  return answer.offsets.map((o) => `${o.topic}-${o.partition}@${o.offset}`);
}

/** A Stable group of one member (c1) subscribed to foo. */
function stableGroup(d: ReturnType<typeof kafkaDriver>) {
  const join = d.join('c1', { protocols: TOPIC, version: 3 });
  d.sleep(3000); // the initial rebalance delay
  const memberId = d.joinAnswer(join)!.memberId;
  d.sync('c1', memberId, 1, [{ memberId, partitions: [{ topic: 'foo', partitions: [0] }] }]);
  t_assertStable(d);
  return memberId;
}
function t_assertStable(d: ReturnType<typeof kafkaDriver>) {
  if (d.groupState().state !== 'Stable') throw new Error(`not Stable: ${d.groupState().state}`);
}

test('GC-38 DeleteGroups: unknown GROUP_ID_NOT_FOUND, a group with members NON_EMPTY_GROUP, an Empty one deleted with its offsets; repeated ids answered once', (t) => {
  const d = kafkaDriver();
  commit(d, 'simple', 'foo', 0, 5);
  stableGroup(d);
  const answer = deleteGroups(d, ['simple', 'missing', d.group, 'simple']);
  t.deepEqual(answer.results, [
    { group: 'simple', error: 'NONE' },
    { group: 'missing', error: 'GROUP_ID_NOT_FOUND' },
    { group: d.group, error: 'NON_EMPTY_GROUP' },
  ]);
  t.deepEqual(fetched(d, 'simple'), [], 'the offsets went with the group');
  t.false(d.state.groups.some((g) => g.id === 'simple'));
  t.deepEqual(deleteGroups(d, ['simple']).results, [{ group: 'simple', error: 'GROUP_ID_NOT_FOUND' }]);
  t.true(d.transitions.includes('Empty->Dead'));
});

test('GC-38 DeleteGroups in PreparingRebalance and CompletingRebalance is NON_EMPTY_GROUP; once the members left, the Empty group is deleted', (t) => {
  const d = kafkaDriver();
  const join = d.join('c1', { protocols: TOPIC, version: 3 });
  t.is(d.groupState().state, 'PreparingRebalance');
  t.deepEqual(deleteGroups(d, [d.group]).results, [{ group: d.group, error: 'NON_EMPTY_GROUP' }]);
  d.sleep(3000);
  t.is(d.groupState().state, 'CompletingRebalance');
  t.deepEqual(deleteGroups(d, [d.group]).results, [{ group: d.group, error: 'NON_EMPTY_GROUP' }]);
  d.leave('c1', d.joinAnswer(join)!.memberId);
  d.sleep(1); // the join phase with nobody left completes: Empty
  t.is(d.groupState().state, 'Empty');
  t.deepEqual(deleteGroups(d, [d.group]).results, [{ group: d.group, error: 'NONE' }]);
  const described = d.send({ type: 'describe-group', group: d.group }).answers[0] as DescribeAnswer;
  t.is(described.state, 'Dead');
  // A new join starts a new group from generation 0.
  d.join('c2', { protocols: TOPIC, version: 3 });
  t.is(d.groupState().generation, 0);
});

test('GC-38 DeleteGroups while loading, moved or unavailable answers the coordinator error for each group; "" is a group id like any other', (t) => {
  const d = kafkaDriver();
  t.deepEqual(deleteGroups(d, ['', 'x']).results, [
    { group: '', error: 'GROUP_ID_NOT_FOUND' },
    { group: 'x', error: 'GROUP_ID_NOT_FOUND' },
  ]);
  d.send({ type: 'coordinator-unload' });
  t.deepEqual(deleteGroups(d, ['a', 'a', 'b']).results, [
    { group: 'a', error: 'NOT_COORDINATOR' },
    { group: 'b', error: 'NOT_COORDINATOR' },
  ]);
  d.send({ type: 'coordinator-load-start' });
  t.is(deleteGroups(d, ['a']).results[0]?.error, 'COORDINATOR_LOAD_IN_PROGRESS');
  d.send({ type: 'coordinator-unavailable' });
  t.is(deleteGroups(d, ['a']).results[0]?.error, 'COORDINATOR_NOT_AVAILABLE');
});

test('GC-39 a deleted group and its offsets do not come back when the coordinator reloads the partition', (t) => {
  const d = kafkaDriver();
  commit(d, 'simple', 'foo', 0, 5);
  commit(d, 'kept', 'foo', 1, 7);
  deleteGroups(d, ['simple']);
  d.send({ type: 'coordinator-unload' });
  d.send({ type: 'coordinator-load-start' });
  d.send({ type: 'coordinator-load-complete' });
  t.deepEqual(fetched(d, 'simple'), []);
  t.deepEqual(fetched(d, 'kept'), ['foo-1@7']);
  t.deepEqual(
    d.state.groups.map((g) => g.id),
    ['kept'],
  );
});

test('OC-20 OffsetDelete: unknown group GROUP_ID_NOT_FOUND, empty group id INVALID_GROUP_ID, coordinator errors at the top level without partitions', (t) => {
  const d = kafkaDriver();
  t.like(offsetDelete(d, 'missing', [{ topic: 'foo', partition: 0, exists: false }]), {
    error: 'GROUP_ID_NOT_FOUND',
    partitions: [],
  });
  t.like(offsetDelete(d, '', [{ topic: 'foo', partition: 0 }]), {
    error: 'INVALID_GROUP_ID',
    partitions: [],
  });
  d.send({ type: 'coordinator-unload' });
  t.like(offsetDelete(d, 'g', [{ topic: 'foo', partition: 0 }]), {
    error: 'NOT_COORDINATOR',
    partitions: [],
  });
  d.send({ type: 'coordinator-load-start' });
  t.like(offsetDelete(d, 'g', [{ topic: 'foo', partition: 0 }]), {
    error: 'COORDINATOR_LOAD_IN_PROGRESS',
    partitions: [],
  });
});

test('OC-21 OffsetDelete of a Stable group: its subscribed topic GROUP_SUBSCRIBED_TO_TOPIC, another topic deleted, an unknown partition UNKNOWN_TOPIC_OR_PARTITION', (t) => {
  const d = kafkaDriver();
  const memberId = stableGroup(d);
  d.send({
    type: 'commit',
    client: 'c1',
    group: d.group,
    memberId,
    generation: 1,
    offsets: [
      { topic: 'foo', partition: 0, offset: 3 },
      { topic: 'bar', partition: 0, offset: 4 },
    ],
  });
  const answer = offsetDelete(d, d.group, [
    { topic: 'foo', partition: 0 },
    { topic: 'bar', partition: 0 },
    { topic: 'bar', partition: 9, exists: false },
  ]);
  t.deepEqual(answer, {
    ...answer,
    error: 'NONE',
    partitions: [
      { topic: 'foo', partition: 0, error: 'GROUP_SUBSCRIBED_TO_TOPIC' },
      { topic: 'bar', partition: 0, error: 'NONE' },
      { topic: 'bar', partition: 9, error: 'UNKNOWN_TOPIC_OR_PARTITION' },
    ],
  });
  t.deepEqual(fetched(d, d.group), ['foo-0@3']);
});

test('OC-21 before its first generation a consumer group counts as subscribed to every topic; the subscriptions are those of the generation, not of members that joined since', (t) => {
  const d = kafkaDriver();
  d.join('c1', { protocols: TOPIC, version: 3 });
  t.is(
    offsetDelete(d, d.group, [{ topic: 'bar', partition: 0 }]).partitions[0]?.error,
    'GROUP_SUBSCRIBED_TO_TOPIC',
  );
  d.sleep(3000);
  t.is(offsetDelete(d, d.group, [{ topic: 'bar', partition: 0 }]).partitions[0]?.error, 'NONE');
  // c2 joins with bar: PreparingRebalance keeps generation 1's subscriptions (foo only).
  d.join('c2', { protocols: [{ name: 'range', topics: ['bar'] }], version: 3 });
  t.is(d.groupState().state, 'PreparingRebalance');
  t.is(offsetDelete(d, d.group, [{ topic: 'bar', partition: 0 }]).partitions[0]?.error, 'NONE');
});

test('OC-21 OffsetDelete leaves the group, even without offsets; a simple group emptied so comes back from a reload, as Kafka replays its offset records', (t) => {
  const d = kafkaDriver();
  commit(d, 'simple', 'foo', 0, 5);
  t.like(offsetDelete(d, 'simple', [{ topic: 'foo', partition: 0 }]), {
    error: 'NONE',
    partitions: [{ topic: 'foo', partition: 0, error: 'NONE' }],
  });
  t.deepEqual(fetched(d, 'simple'), []);
  t.true(d.state.groups.some((g) => g.id === 'simple'));
  d.send({ type: 'coordinator-unload' });
  d.send({ type: 'coordinator-load-start' });
  d.send({ type: 'coordinator-load-complete' });
  t.true(d.state.groups.some((g) => g.id === 'simple' && g.state === 'Empty'));
  t.deepEqual(deleteGroups(d, ['simple']).results, [{ group: 'simple', error: 'NONE' }]);
});
