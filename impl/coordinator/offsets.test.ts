import test from 'ava';
import type { OffsetFetchResponse } from './messages.ts';
import { decodeRecord } from './records.ts';
import { Harness, TOPIC } from './testing/harness.ts';

test('a commit is answered and visible only once its records are replicated', (t) => {
  const h = new Harness();
  const { memberId, generation } = h.stableSingle('g');
  h.store.deferAppends = true;
  const id = h.commit('g', memberId, generation, [{ partition: 0, offset: 42, metadata: 'm' }]);
  t.is(h.answer(id), undefined);
  t.like(h.fetchOffsets('g', [0]), { error: 'NONE', topics: [{ partitions: [{ committedOffset: -1 }] }] });
  h.store.release();
  t.deepEqual(h.commitErrors(id), ['NONE']);
  t.like(h.fetchOffsets('g', [0]), { topics: [{ partitions: [{ committedOffset: 42, metadata: 'm' }] }] });
  const record = decodeRecord(h.store.records.at(-1)!);
  t.like(record, {
    kind: 'offset-commit',
    group: 'g',
    topic: TOPIC,
    partition: 0,
    value: { offset: 42, metadata: 'm' },
  });
});

test('a failed commit append maps the produce error (Kafka’s table) and commits nothing', (t) => {
  const cases = [
    ['NOT_ENOUGH_REPLICAS', 'COORDINATOR_NOT_AVAILABLE'],
    ['REQUEST_TIMED_OUT', 'COORDINATOR_NOT_AVAILABLE'],
    ['NOT_LEADER_OR_FOLLOWER', 'NOT_COORDINATOR'],
    ['KAFKA_STORAGE_ERROR', 'NOT_COORDINATOR'],
    ['MESSAGE_TOO_LARGE', 'UNKNOWN_SERVER_ERROR'],
  ] as const;
  for (const [appendError, expected] of cases) {
    const h = new Harness();
    h.store.deferAppends = true;
    const id = h.commit('g', '', -1, [{ partition: 0, offset: 7 }]);
    h.store.release(appendError);
    t.deepEqual(h.commitErrors(id), [expected], appendError);
    t.like(h.fetchOffsets('g', [0]), { topics: [{ partitions: [{ committedOffset: -1 }] }] });
  }
});

test('OFFSET_METADATA_TOO_LARGE is per partition; the others are committed', (t) => {
  const h = new Harness();
  const id = h.commit('g', '', -1, [
    { partition: 0, offset: 1, metadata: 'x'.repeat(4097) },
    { partition: 1, offset: 2, metadata: 'x'.repeat(4096) },
  ]);
  t.deepEqual(h.commitErrors(id), ['OFFSET_METADATA_TOO_LARGE', 'NONE']);
  t.like(h.fetchOffsets('g', [0, 1]), {
    topics: [{ partitions: [{ committedOffset: -1 }, { committedOffset: 2 }] }],
  });
});

test('OC-7: the metadata limit counts UTF-16 units, as Java’s String.length, not UTF-8 bytes', (t) => {
  const h = new Harness();
  // 4096 'é' are 4096 UTF-16 units (8192 UTF-8 bytes): within the limit; one more is over it
  const id = h.commit('g', '', -1, [
    { partition: 0, offset: 1, metadata: 'é'.repeat(4096) },
    { partition: 1, offset: 2, metadata: 'é'.repeat(4097) },
  ]);
  t.deepEqual(h.commitErrors(id), ['NONE', 'OFFSET_METADATA_TOO_LARGE']);
});

test('OffsetFetch: unknown group or partition -1 without error; null topics lists every committed partition', (t) => {
  const h = new Harness();
  t.like(h.fetchOffsets('nope', [3]), {
    error: 'NONE',
    topics: [{ name: TOPIC, partitions: [{ partitionIndex: 3, committedOffset: -1, metadata: '' }] }],
  });
  h.commit('g', '', -1, [
    { partition: 2, offset: 20 },
    { partition: 0, offset: 10 },
  ]);
  const all = h.fetchOffsets('g') as OffsetFetchResponse;
  t.deepEqual(
    all.topics.map((topic) => [
      topic.name,
      topic.partitions.map((p) => [p.partitionIndex, p.committedOffset]),
    ]),
    [
      [
        TOPIC,
        [
          [0, 10],
          [2, 20],
        ],
      ],
    ],
  );
  // GC-3: OffsetFetch refuses only a null group id; "" is a group (with nothing committed here).
  t.is(
    h.answer<OffsetFetchResponse>(h.send({ api: 'OffsetFetch', version: 5, groupId: '', topics: null }))
      ?.error,
    'NONE',
  );
});

test('a commit with a retention time is written as a v1 record with its expire timestamp', (t) => {
  const h = new Harness();
  h.nowMs = 1000;
  h.send({
    api: 'OffsetCommit',
    version: 2,
    groupId: 'g',
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    retentionTimeMs: 5000,
    topics: [
      {
        name: TOPIC,
        partitions: [
          { partitionIndex: 0, committedOffset: 3, committedLeaderEpoch: -1, committedMetadata: null },
        ],
      },
    ],
  });
  t.like(decodeRecord(h.store.records.at(-1)!), {
    value: { expireTimestampMs: 6000, commitTimestampMs: 1000 },
  });
});

test('retention: an Empty group’s offsets expire offsets.retention after it became Empty, then the group is deleted', (t) => {
  const h = new Harness({ offsetsRetentionMs: 100_000, offsetsRetentionCheckIntervalMs: 10_000 });
  const { memberId, generation } = h.stableSingle('g');
  h.commit('g', memberId, generation, [{ partition: 0, offset: 5 }]);
  h.advance(50_000); // the member's session expires at ~13000: the group becomes Empty then
  t.is(h.group('g')?.state, 'Empty');
  const emptySince = h.group('g')!.stateTimestampMs!;
  h.advance(emptySince + 100_000 - h.nowMs - 1);
  t.like(
    h.fetchOffsets('g', [0]),
    { topics: [{ partitions: [{ committedOffset: 5 }] }] },
    'kept until the check after the retention',
  );
  h.advance(10_000);
  t.like(h.fetchOffsets('g', [0]), { topics: [{ partitions: [{ committedOffset: -1 }] }] });
  t.is(h.group('g'), undefined, 'deleted');
  const tail = h.store.records.slice(-2).map(decodeRecord);
  t.like(tail[0], { kind: 'offset-commit', value: null });
  t.like(tail[1], { kind: 'group-metadata', group: 'g', value: null });
});

test('retention: a Stable consumer group keeps offsets of subscribed topics, expires the others', (t) => {
  const h = new Harness({ offsetsRetentionMs: 20_000, offsetsRetentionCheckIntervalMs: 5_000 });
  const { memberId, generation } = h.stableSingle('g');
  h.send({
    api: 'OffsetCommit',
    version: 8,
    groupId: 'g',
    generationId: generation,
    memberId,
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [
      {
        name: TOPIC,
        partitions: [
          { partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, committedMetadata: '' },
        ],
      },
      {
        name: 'unsubscribed',
        partitions: [
          { partitionIndex: 0, committedOffset: 2, committedLeaderEpoch: -1, committedMetadata: '' },
        ],
      },
    ],
  });
  for (let i = 0; i < 6; i++) {
    h.advance(5000);
    h.heartbeat('g', memberId, generation);
  }
  const all = h.fetchOffsets('g') as OffsetFetchResponse;
  t.deepEqual(
    all.topics.map((topic) => topic.name),
    [TOPIC],
  );
});
