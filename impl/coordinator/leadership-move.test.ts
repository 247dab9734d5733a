// The coordinator moving with the leadership of a __consumer_offsets partition: the old broker
// answers NOT_COORDINATOR, the new one COORDINATOR_LOAD_IN_PROGRESS until it has replayed the
// partition, then carries on with the same generation, members and offsets.
import test from 'ava';
import { offsetsPartitionFor } from '../../spec/java-hash.ts';
import { DEFAULT_COORDINATOR_CONFIG } from './coordinator-config.ts';
import { GroupCoordinator } from './group-coordinator.ts';
import type { AddressedResponse, CoordinatorRequest, CoordinatorResponse } from './messages.ts';
import { assignmentFor, Harness, MemoryOffsetsPartition, subscriptionFor, TOPIC } from './testing/harness.ts';

type WithoutId<T> = T extends unknown ? Omit<T, 'requestId'> : never;

function broker(seed: number) {
  const answers = new Map<number, CoordinatorResponse>();
  const coordinator = new GroupCoordinator({
    config: { ...DEFAULT_COORDINATOR_CONFIG, offsetsTopicPartitions: 1 },
    seed,
    host: { respond: (answer: AddressedResponse) => answers.set(answer.requestId, answer.response) },
  });
  let nextId = 1;
  const send = (request: WithoutId<CoordinatorRequest>, nowMs: number) => {
    const requestId = nextId++;
    coordinator.handle({ ...request, requestId } as CoordinatorRequest, nowMs);
    return answers.get(requestId);
  };
  return { coordinator, send };
}

test('leadership moves: NOT_COORDINATOR on the old leader, LOAD_IN_PROGRESS on the new one until replayed, then the same group', (t) => {
  const store = new MemoryOffsetsPartition(0);
  const old = new Harness({}, 1, store);
  const { leader, follower, generation } = old.stablePair('g');
  old.commit('g', follower, generation, [{ partition: 1, offset: 77 }]);

  old.coordinator.resign(0);
  t.is(old.heartbeat('g', follower, generation), 'NOT_COORDINATOR');

  store.deferReads = true;
  const next = broker(2);
  next.coordinator.becomeLeader(store, old.nowMs);
  const heartbeat = {
    api: 'Heartbeat',
    version: 3,
    groupId: 'g',
    generationId: generation,
    memberId: follower,
    groupInstanceId: null,
  } as const;
  const commit = {
    api: 'OffsetCommit',
    version: 8,
    groupId: 'g',
    generationId: generation,
    memberId: follower,
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [
      {
        name: TOPIC,
        partitions: [
          { partitionIndex: 1, committedOffset: 78, committedLeaderEpoch: -1, committedMetadata: '' },
        ],
      },
    ],
  } as const;
  t.like(next.send(commit, old.nowMs), {
    topics: [{ partitions: [{ error: 'COORDINATOR_LOAD_IN_PROGRESS' }] }],
  });
  store.finishRead();
  t.like(next.send(heartbeat, old.nowMs), { error: 'NONE' });
  t.like(next.send(commit, old.nowMs), { topics: [{ partitions: [{ error: 'NONE' }] }] });
  t.like(
    next.send(
      { api: 'OffsetFetch', version: 5, groupId: 'g', topics: [{ name: TOPIC, partitionIndexes: [1] }] },
      old.nowMs,
    ),
    {
      topics: [{ partitions: [{ committedOffset: 78 }] }],
    },
  );
  t.like(
    next.send(
      {
        api: 'SyncGroup',
        version: 3,
        groupId: 'g',
        generationId: generation,
        memberId: leader,
        groupInstanceId: null,
        protocolType: null,
        protocolName: null,
        assignments: [],
      },
      old.nowMs,
    ),
    {
      error: 'NONE',
      assignment: assignmentFor(TOPIC, [0]),
    },
  );
});

test('one coordinator leading many partitions: groups route by hash, timers fire across partitions, runs are deterministic', (t) => {
  const transcript = (seed: number) => {
    const log: string[] = [];
    const coordinator = new GroupCoordinator({
      config: DEFAULT_COORDINATOR_CONFIG,
      seed,
      host: {
        respond: (answer) =>
          log.push(
            `${answer.requestId}:${JSON.stringify(answer.response, (_k, v) => (v instanceof Uint8Array ? [...v] : v))}`,
          ),
      },
    });
    const stores = Array.from({ length: 50 }, (_, p) => new MemoryOffsetsPartition(p));
    for (const store of stores) coordinator.becomeLeader(store, 0);
    const groups = ['orders', 'payments', 'audit', 'polygenelubricants'];
    let id = 1;
    for (const groupId of groups)
      coordinator.handle(
        {
          api: 'JoinGroup',
          requestId: id++,
          version: 3,
          groupId,
          sessionTimeoutMs: 10000,
          rebalanceTimeoutMs: 20000,
          memberId: '',
          groupInstanceId: null,
          protocolType: 'consumer',
          protocols: [{ name: 'range', metadata: subscriptionFor([TOPIC]) }],
          clientId: 'c',
          clientHost: 'h',
        },
        0,
      );
    for (let now = 1000; now <= 40000; now += 1000) coordinator.tick(now);
    const partitions = groups.map((g) => offsetsPartitionFor(g, 50));
    const written = partitions.map((p) => stores[p]!.records.length);
    return { log, written, partitions };
  };
  const first = transcript(5);
  t.deepEqual(first, transcript(5));
  t.is(first.partitions[3], 0);
  // Each group: joined at 3000, its member never synced: removed at 13000, Empty record written.
  t.true(
    first.written.every((count) => count === 1),
    `${first.written}`,
  );
  t.is(first.log.length, 4);
});
