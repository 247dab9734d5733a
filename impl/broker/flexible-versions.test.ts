// The reference broker at the newest versions it serves (flexible, KIP-482), request by request
// over one wire connection: what each new field means to the broker, not only that it parses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { KafkaConnection } from '../../properties/client/wire/connection.ts';
import { errorCode } from '../../spec/errors.ts';
import { kafkajsRecordBatch } from '../protocol/testing/kafkajs.ts';
import { recordingLogger } from '../server/logger.ts';
import { ReferenceBroker } from './reference-broker.ts';

const CONFIG = { 'group.initial.rebalance.delay.ms': 0, 'offsets.topic.num.partitions': 3 };

async function withBroker(run: (connection: KafkaConnection) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-flexible-'));
  const broker = await ReferenceBroker.start({
    dataDir,
    port: 0,
    brokers: 1,
    config: CONFIG,
    logger: recordingLogger(),
  });
  const [host, port] = broker.bootstrap().split(',')[0]!.split(':');
  const connection = await KafkaConnection.connect(host!, Number(port));
  try {
    await run(connection);
  } finally {
    await connection.close();
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Creates topic `t` (one partition), produces three records at v12 and returns the leader epoch. */
async function topicWithThreeRecords(connection: KafkaConnection, t: { is(a: unknown, b: unknown): void }) {
  const created = await connection.request('CreateTopics', 6, {
    topics: [{ name: 't', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
    timeoutMs: 5000,
    validateOnly: false,
  });
  t.is(created.topics[0]!.errorCode, 0);
  t.is(created.topics[0]!.numPartitions, 1);
  const produced = await connection.request('Produce', 12, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 5000,
    topicData: [
      { name: 't', partitionData: [{ index: 0, records: await kafkajsRecordBatch(['a', 'b', 'c']) }] },
    ],
  });
  t.is(produced.responses[0]!.partitionResponses[0]!.errorCode, 0);
  const metadata = await connection.request('Metadata', 9, { topics: [{ name: 't' }] });
  return metadata.topics[0]!.partitions[0]!.leaderEpoch;
}

function fetchAt(connection: KafkaConnection, fetchOffset: number, lastFetchedEpoch: number) {
  return connection.request('Fetch', 12, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 1,
    topics: [
      {
        topic: 't',
        partitions: [{ partition: 0, fetchOffset, lastFetchedEpoch, partitionMaxBytes: 1 << 20 }],
      },
    ],
  });
}

test('Fetch v12: a last fetched epoch the log agrees with reads records; one it diverges from gets divergingEpoch and no records', async (t) => {
  await withBroker(async (connection) => {
    const epoch = await topicWithThreeRecords(connection, t);
    t.true(epoch >= 0, 'Metadata v7+ names the leader epoch');
    const agreed = (await fetchAt(connection, 0, epoch)).responses[0]!.partitions[0]!;
    t.is(agreed.errorCode, 0);
    t.true(agreed.records!.length > 0);
    t.deepEqual(agreed.divergingEpoch, { epoch: -1, endOffset: -1 });
    // The client believes epoch `epoch` reached offset 5; the leader's epoch ends at 3.
    const diverged = (await fetchAt(connection, 5, epoch)).responses[0]!.partitions[0]!;
    t.is(diverged.errorCode, 0);
    t.deepEqual(diverged.divergingEpoch, { epoch, endOffset: 3 });
    t.is(diverged.records!.length, 0);
    // An epoch the leader never had: its end cannot be determined.
    const unknown = (await fetchAt(connection, 0, epoch + 5)).responses[0]!.partitions[0]!;
    t.is(unknown.errorCode, errorCode('OFFSET_OUT_OF_RANGE'));
  });
});

test('OffsetFetch v8 answers several groups at once; FindCoordinator v4 several keys; DescribeGroups v6 an unknown group', async (t) => {
  await withBroker(async (connection) => {
    await topicWithThreeRecords(connection, t);
    const coordinators = await connection.request('FindCoordinator', 4, {
      keyType: 0,
      coordinatorKeys: ['g1', 'g2'],
    });
    t.deepEqual(
      coordinators.coordinators.map((c) => [c.key, c.errorCode]),
      [
        ['g1', 0],
        ['g2', 0],
      ],
    );
    const commit = await connection.request('OffsetCommit', 9, {
      groupId: 'g1',
      generationId: -1,
      memberId: '',
      topics: [
        {
          name: 't',
          partitions: [
            { partitionIndex: 0, committedOffset: 2, committedLeaderEpoch: 0, committedMetadata: 'm' },
          ],
        },
      ],
    });
    t.is(commit.topics[0]!.partitions[0]!.errorCode, 0);
    const fetched = await connection.request('OffsetFetch', 8, {
      groups: [
        { groupId: 'g1', topics: [{ name: 't', partitionIndexes: [0] }] },
        { groupId: 'g2', topics: null },
      ],
    });
    t.deepEqual(
      fetched.groups.map((group) => [
        group.groupId,
        group.errorCode,
        group.topics.flatMap((topic) =>
          topic.partitions.map((p) => [p.committedOffset, p.committedLeaderEpoch, p.metadata]),
        ),
      ]),
      [
        ['g1', 0, [[2, 0, 'm']]],
        ['g2', 0, []],
      ],
    );
    const described = await connection.request('DescribeGroups', 6, {
      groups: ['nobody'],
      includeAuthorizedOperations: true,
    });
    t.like(described.groups[0], {
      errorCode: errorCode('GROUP_ID_NOT_FOUND'),
      errorMessage: 'Group nobody not found.',
      groupState: 'Dead',
    });
    const listed = await connection.request('ListGroups', 5, {
      statesFilter: ['Empty'],
      typesFilter: ['classic'],
    });
    t.deepEqual(
      listed.groups.map((group) => [group.groupId, group.groupState, group.groupType]),
      [['g1', 'Empty', 'classic']],
    );
  });
});
