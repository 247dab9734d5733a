// DeleteGroups (GC-38, GC-39) and OffsetDelete (OC-20, OC-21) in the reference coordinator: the
// answers, the tombstones written to __consumer_offsets, and what a coordinator that reloads the
// partition finds afterwards.
import test from 'ava';
import type { DeleteGroupsResponse, OffsetDeleteResponse } from './messages.ts';
import { decodeRecord } from './records.ts';
import { Harness, MemoryOffsetsPartition, subscriptionFor, TOPIC } from './testing/harness.ts';

function deleteGroups(h: Harness, groupIds: string[]) {
  return h.answer<DeleteGroupsResponse>(h.send({ api: 'DeleteGroups', version: 2, groupIds }));
}

function offsetDelete(h: Harness, groupId: string, topics: { name: string; partitionIndexes: number[] }[]) {
  return h.answer<OffsetDeleteResponse>(h.send({ api: 'OffsetDelete', version: 0, groupId, topics }));
}

const committed = (h: Harness, group: string) =>
  (h.fetchOffsets(group)?.topics ?? []).flatMap((t) =>
    t.partitions.map((p) => `${t.name}-${p.partitionIndex}@${p.committedOffset}`),
  );

/** The tombstones among the records appended after `from`, as text. */
function tombstones(store: MemoryOffsetsPartition, from: number): string[] {
  return store.records.slice(from).map((record) => {
    const decoded = decodeRecord(record);
    if (decoded.kind === 'offset-commit')
      return `${decoded.value === null ? 'tombstone' : 'offset'} ${decoded.group}/${decoded.topic}-${decoded.partition}`;
    if (decoded.kind === 'group-metadata')
      return `${decoded.value === null ? 'tombstone' : 'group'} ${decoded.group}`;
    return 'other';
  });
}

function reload(h: Harness): Harness {
  h.coordinator.resign(0);
  const next = new Harness({}, 2, h.store);
  next.nowMs = h.nowMs;
  return next;
}

test('GC-38 DeleteGroups: Empty groups go with their offsets, a group with members is NON_EMPTY_GROUP, an unknown one GROUP_ID_NOT_FOUND, repeats answered once', (t) => {
  const h = new Harness();
  h.commit('simple', '', -1, [
    { partition: 0, offset: 5 },
    { partition: 1, offset: 6 },
  ]);
  h.stableSingle('live');
  const before = h.store.records.length;
  const answer = deleteGroups(h, ['simple', 'live', 'missing', 'simple']);
  t.deepEqual(answer?.results, [
    { groupId: 'simple', error: 'NONE' },
    { groupId: 'live', error: 'NON_EMPTY_GROUP' },
    { groupId: 'missing', error: 'GROUP_ID_NOT_FOUND' },
  ]);
  // GC-39: every offset's tombstone, then the group's.
  t.deepEqual(tombstones(h.store, before), [
    `tombstone simple/${TOPIC}-0`,
    `tombstone simple/${TOPIC}-1`,
    'tombstone simple',
  ]);
  t.is(h.group('simple'), undefined);
  t.deepEqual(committed(h, 'simple'), []);
  t.deepEqual(deleteGroups(h, ['simple'])?.results, [{ groupId: 'simple', error: 'GROUP_ID_NOT_FOUND' }]);
});

test('GC-38 DeleteGroups is answered once its tombstones are replicated; a failed append answers each group with the mapped error', (t) => {
  const h = new Harness();
  h.commit('a', '', -1, [{ partition: 0, offset: 5 }]);
  h.store.deferAppends = true;
  const waiting = h.send({ api: 'DeleteGroups', version: 2, groupIds: ['a', 'missing'] });
  t.is(h.answer(waiting), undefined);
  h.store.release('NOT_LEADER_OR_FOLLOWER');
  t.deepEqual(h.answer<DeleteGroupsResponse>(waiting)?.results, [
    { groupId: 'a', error: 'NOT_COORDINATOR' },
    { groupId: 'missing', error: 'NOT_COORDINATOR' },
  ]);
});

test('GC-39 after a coordinator reload a deleted group and its offsets stay gone; a new JoinGroup starts it again from generation 0', (t) => {
  const h = new Harness();
  h.commit('simple', '', -1, [{ partition: 0, offset: 5 }]);
  const { memberId } = h.stableSingle('was-live');
  h.commit('was-live', memberId, 1, [{ partition: 2, offset: 9 }]);
  h.leave('was-live', memberId);
  h.advance(1);
  t.is(h.group('was-live')?.state, 'Empty');
  t.deepEqual(deleteGroups(h, ['simple', 'was-live'])?.results, [
    { groupId: 'simple', error: 'NONE' },
    { groupId: 'was-live', error: 'NONE' },
  ]);
  const next = reload(h);
  t.is(next.group('simple'), undefined);
  t.is(next.group('was-live'), undefined);
  t.deepEqual(committed(next, 'was-live'), []);
  t.deepEqual(deleteGroups(next, ['was-live'])?.results, [
    { groupId: 'was-live', error: 'GROUP_ID_NOT_FOUND' },
  ]);
  next.joinNew('was-live');
  t.is(next.group('was-live')?.generation, 0);
});

test('GC-38 DeleteGroups while the partition loads or elsewhere: COORDINATOR_LOAD_IN_PROGRESS, NOT_COORDINATOR for each group', (t) => {
  const store = new MemoryOffsetsPartition(0);
  store.deferReads = true;
  const h = new Harness({}, 1, store);
  t.deepEqual(deleteGroups(h, ['a', 'a', 'b'])?.results, [
    { groupId: 'a', error: 'COORDINATOR_LOAD_IN_PROGRESS' },
    { groupId: 'b', error: 'COORDINATOR_LOAD_IN_PROGRESS' },
  ]);
  h.coordinator.resign(0);
  t.deepEqual(deleteGroups(h, ['a'])?.results, [{ groupId: 'a', error: 'NOT_COORDINATOR' }]);
});

test('OC-20 OffsetDelete: unknown group GROUP_ID_NOT_FOUND, empty id INVALID_GROUP_ID, a non-consumer group with members NON_EMPTY_GROUP, all at the top level', (t) => {
  const h = new Harness();
  const topics = [{ name: TOPIC, partitionIndexes: [0] }];
  t.deepEqual(offsetDelete(h, 'missing', topics), {
    api: 'OffsetDelete',
    error: 'GROUP_ID_NOT_FOUND',
    topics: [],
  });
  t.deepEqual(offsetDelete(h, '', topics), { api: 'OffsetDelete', error: 'INVALID_GROUP_ID', topics: [] });
  h.joinNew('connect', {
    protocolType: 'connect',
    protocols: [{ name: 'default', metadata: new Uint8Array([1]) }],
  });
  t.is(offsetDelete(h, 'connect', topics)?.error, 'NON_EMPTY_GROUP');
});

test('OC-21 OffsetDelete of a Stable consumer group: its topics GROUP_SUBSCRIBED_TO_TOPIC, others deleted by tombstones; the group stays', (t) => {
  const h = new Harness();
  const { memberId } = h.stableSingle('g');
  h.send({
    api: 'OffsetCommit',
    version: 8,
    groupId: 'g',
    generationId: 1,
    memberId,
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [
      {
        name: TOPIC,
        partitions: [
          { partitionIndex: 0, committedOffset: 3, committedLeaderEpoch: -1, committedMetadata: '' },
        ],
      },
      {
        name: 'other',
        partitions: [
          { partitionIndex: 0, committedOffset: 4, committedLeaderEpoch: -1, committedMetadata: '' },
        ],
      },
    ],
  });
  const before = h.store.records.length;
  t.deepEqual(
    offsetDelete(h, 'g', [
      { name: TOPIC, partitionIndexes: [0] },
      { name: 'other', partitionIndexes: [0, 1] },
    ]),
    {
      api: 'OffsetDelete',
      error: 'NONE',
      topics: [
        { name: TOPIC, partitions: [{ partitionIndex: 0, error: 'GROUP_SUBSCRIBED_TO_TOPIC' }] },
        {
          name: 'other',
          partitions: [
            { partitionIndex: 0, error: 'NONE' },
            { partitionIndex: 1, error: 'NONE' },
          ],
        },
      ],
    },
  );
  t.deepEqual(tombstones(h.store, before), ['tombstone g/other-0'], 'a tombstone only where an offset was');
  t.deepEqual(committed(h, 'g'), [`${TOPIC}-0@3`]);
  t.is(h.group('g')?.state, 'Stable');
  t.deepEqual(committed(reload(h), 'g'), [`${TOPIC}-0@3`], 'the tombstone holds after a reload');
});

test("OC-21 before the first generation a consumer group counts as subscribed to every topic; a reloaded Stable group keeps its record's subscriptions", (t) => {
  const h = new Harness();
  h.joinNew('g', { protocols: [{ name: 'range', metadata: subscriptionFor(['a']) }] });
  t.is(
    offsetDelete(h, 'g', [{ name: 'b', partitionIndexes: [0] }])?.topics[0]?.partitions[0]?.error,
    'GROUP_SUBSCRIBED_TO_TOPIC',
  );
  const fresh = new Harness();
  fresh.stableSingle('s');
  const next = reload(fresh);
  t.is(next.group('s')?.state, 'Stable');
  t.deepEqual(next.group('s')?.subscribedTopics, [TOPIC]);
  t.is(
    offsetDelete(next, 's', [{ name: TOPIC, partitionIndexes: [0] }])?.topics[0]?.partitions[0]?.error,
    'GROUP_SUBSCRIBED_TO_TOPIC',
  );
  t.is(
    offsetDelete(next, 's', [{ name: 'b', partitionIndexes: [0] }])?.topics[0]?.partitions[0]?.error,
    'NONE',
  );
});

test('OC-21 a simple group whose offsets OffsetDelete removed comes back Empty from a reload (its commit records stay in the log), until DeleteGroups', (t) => {
  const h = new Harness();
  h.commit('simple', '', -1, [{ partition: 0, offset: 5 }]);
  t.is(offsetDelete(h, 'simple', [{ name: TOPIC, partitionIndexes: [0] }])?.error, 'NONE');
  t.deepEqual(committed(h, 'simple'), []);
  const next = reload(h);
  t.is(next.group('simple')?.state, 'Empty');
  t.deepEqual(deleteGroups(next, ['simple'])?.results, [{ groupId: 'simple', error: 'NONE' }]);
  t.is(reload(next).group('simple'), undefined);
});
