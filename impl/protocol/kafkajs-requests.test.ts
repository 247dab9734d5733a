// Codec cross-check, requests: kafkajs 2.2.4's own request encoders (deep-required from the
// installed package) write the bytes; this project's decoders must read them back exactly (every
// byte consumed, the expected values, and re-encoding reproduces kafkajs's bytes).
import test from 'ava';
import { encodeBody } from './frame.ts';
import { Reader } from './primitives.ts';
import { APIS, type ApiName } from './registry.ts';
import { KAFKAJS_FOLDERS, kafkajsDefinitions, kafkajsVersions } from './testing/kafkajs.ts';

interface Case {
  args: Record<string, unknown>;
  /** The values the decoded request must hold (a subset, compared with t.like). */
  expected: (version: number) => Record<string, unknown>;
}

const metadata = Buffer.from('subscription-bytes');
const assignment = Buffer.from('assignment-bytes');

const cases: Partial<Record<ApiName, Case>> = {
  Produce: {
    args: {
      acks: -1,
      timeout: 30000,
      topicData: [{ topic: 'orders', partitions: [{ partition: 2, messages: [{ key: 'k', value: 'v' }] }] }],
    },
    expected: (v) => ({
      acks: -1,
      timeoutMs: 30000,
      ...(v >= 3 ? { transactionalId: null } : {}),
      topicData: [{ name: 'orders', partitionData: [{ index: 2 }] }],
    }),
  },
  Fetch: {
    args: {
      replicaId: -1,
      maxWaitTime: 5000,
      minBytes: 1,
      maxBytes: 10485760,
      isolationLevel: 1,
      rackId: 'r1',
      topics: [{ topic: 'orders', partitions: [{ partition: 3, fetchOffset: '42', maxBytes: 1048576 }] }],
    },
    expected: (v) => ({
      replicaId: -1,
      maxWaitMs: 5000,
      minBytes: 1,
      maxBytes: v >= 3 ? 10485760 : 2147483647,
      isolationLevel: v >= 4 ? 1 : 0,
      rackId: v >= 11 ? 'r1' : '',
      topics: [
        { topic: 'orders', partitions: [{ partition: 3, fetchOffset: 42, partitionMaxBytes: 1048576 }] },
      ],
    }),
  },
  ListOffsets: {
    args: {
      replicaId: -1,
      isolationLevel: 1,
      topics: [{ topic: 'orders', partitions: [{ partition: 1, timestamp: -2 }] }],
    },
    expected: (v) => ({
      replicaId: -1,
      isolationLevel: v >= 2 ? 1 : 0,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 1, timestamp: -2, maxNumOffsets: 1 }] }],
    }),
  },
  Metadata: {
    args: { topics: ['orders', 'payments'], allowAutoTopicCreation: false },
    expected: (v) => ({
      topics: [{ name: 'orders' }, { name: 'payments' }],
      allowAutoTopicCreation: v < 4,
    }),
  },
  OffsetCommit: {
    args: {
      groupId: 'g1',
      groupGenerationId: 7,
      memberId: 'm-1',
      retentionTime: 86400000,
      topics: [{ topic: 'orders', partitions: [{ partition: 0, offset: '100', metadata: 'md' }] }],
    },
    expected: (v) => ({
      groupId: 'g1',
      generationId: v >= 1 ? 7 : -1,
      memberId: v >= 1 ? 'm-1' : '',
      retentionTimeMs: v >= 2 && v <= 4 ? 86400000 : -1,
      topics: [
        {
          name: 'orders',
          partitions: [{ partitionIndex: 0, committedOffset: 100, committedMetadata: 'md' }],
        },
      ],
    }),
  },
  OffsetFetch: {
    args: { groupId: 'g1', topics: [{ topic: 'orders', partitions: [{ partition: 0 }, { partition: 1 }] }] },
    expected: () => ({ groupId: 'g1', topics: [{ name: 'orders', partitionIndexes: [0, 1] }] }),
  },
  FindCoordinator: {
    args: { groupId: 'g1', coordinatorKey: 'g1', coordinatorType: 0 },
    expected: () => ({ key: 'g1', keyType: 0 }),
  },
  JoinGroup: {
    args: {
      groupId: 'g1',
      sessionTimeout: 10000,
      rebalanceTimeout: 60000,
      memberId: '',
      protocolType: 'consumer',
      groupProtocols: [{ name: 'RoundRobinAssigner', metadata }],
    },
    expected: (v) => ({
      groupId: 'g1',
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: v >= 1 ? 60000 : -1,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'RoundRobinAssigner', metadata }],
    }),
  },
  Heartbeat: {
    args: { groupId: 'g1', groupGenerationId: 3, memberId: 'm-1' },
    expected: () => ({ groupId: 'g1', generationId: 3, memberId: 'm-1', groupInstanceId: null }),
  },
  LeaveGroup: {
    args: { groupId: 'g1', memberId: 'm-1', members: [{ memberId: 'm-1' }] },
    expected: (v) =>
      v >= 3
        ? { groupId: 'g1', memberId: '', members: [{ memberId: 'm-1', groupInstanceId: null }] }
        : { groupId: 'g1', memberId: 'm-1', members: [] },
  },
  SyncGroup: {
    args: {
      groupId: 'g1',
      generationId: 3,
      memberId: 'm-1',
      groupAssignment: [{ memberId: 'm-1', memberAssignment: assignment }],
    },
    expected: () => ({
      groupId: 'g1',
      generationId: 3,
      memberId: 'm-1',
      groupInstanceId: null,
      assignments: [{ memberId: 'm-1', assignment }],
    }),
  },
  DescribeGroups: { args: { groupIds: ['g1', 'g2'] }, expected: () => ({ groups: ['g1', 'g2'] }) },
  ListGroups: { args: {}, expected: () => ({}) },
  ApiVersions: { args: {}, expected: () => ({}) },
  CreateTopics: {
    args: {
      topics: [
        {
          topic: 'orders',
          numPartitions: 3,
          replicationFactor: 2,
          configEntries: [{ name: 'cleanup.policy', value: 'delete' }],
        },
        { topic: 'manual', replicaAssignment: [{ partition: 0, replicas: [1, 2] }] },
      ],
      validateOnly: true,
      timeout: 7000,
    },
    expected: (v) => ({
      topics: [
        {
          name: 'orders',
          numPartitions: 3,
          replicationFactor: 2,
          assignments: [],
          configs: [{ name: 'cleanup.policy', value: 'delete' }],
        },
        {
          name: 'manual',
          numPartitions: -1,
          replicationFactor: -1,
          assignments: [{ partitionIndex: 0, brokerIds: [1, 2] }],
          configs: [],
        },
      ],
      timeoutMs: 7000,
      validateOnly: v >= 1,
    }),
  },
  DeleteTopics: {
    args: { topics: ['orders'], timeout: 6000 },
    expected: () => ({ topicNames: ['orders'], timeoutMs: 6000 }),
  },
  InitProducerId: {
    args: { transactionalId: 'tx-1', transactionTimeout: 60000 },
    expected: () => ({ transactionalId: 'tx-1', transactionTimeoutMs: 60000 }),
  },
  CreatePartitions: {
    args: {
      topicPartitions: [{ topic: 'orders', count: 5, assignments: [[1], [2]] }],
      validateOnly: false,
      timeout: 4000,
    },
    expected: () => ({
      topics: [{ name: 'orders', count: 5, assignments: [{ brokerIds: [1] }, { brokerIds: [2] }] }],
      timeoutMs: 4000,
      validateOnly: false,
    }),
  },
};

for (const [name, testCase] of Object.entries(cases) as [ApiName, Case][]) {
  const api = APIS[name];
  for (const version of kafkajsVersions(name)) {
    test(`WP-12 ${name} v${version}: kafkajs request bytes decode exactly`, async (t) => {
      t.true(version >= api.minVersion && version <= api.maxVersion, 'kafkajs version within our range');
      const { request } = kafkajsDefinitions(name).protocol({ version })(testCase.args);
      t.is(request.apiKey, api.key);
      t.is(request.apiVersion, version);
      const bytes = (await request.encode()).buffer;
      const reader = new Reader(bytes);
      const decoded = api.request.read(reader, version);
      t.is(reader.remaining, 0, 'every byte consumed');
      const expected = testCase.expected(version);
      if (Object.keys(expected).length === 0) t.deepEqual(decoded, api.request.defaultValue());
      else t.like(decoded, expected);
      t.deepEqual(Buffer.concat(encodeBody(api.request, version, decoded).chunks as Buffer[]), bytes);
    });
  }
}

test('every API kafkajs implements has a request case', (t) => {
  t.deepEqual(Object.keys(cases).sort(), Object.keys(KAFKAJS_FOLDERS).sort());
});

test('Produce records arrive as kafkajs wrote them: message sets before v3, magic-2 batches from v3', async (t) => {
  for (const version of kafkajsVersions('Produce')) {
    const { request } = kafkajsDefinitions('Produce').protocol({ version })(cases.Produce!.args);
    const decoded = APIS.Produce.request.read(new Reader((await request.encode()).buffer), version);
    const records = decoded.topicData[0]!.partitionData[0]!.records!;
    // Both formats put magic at byte 16 (offset i64, length i32, then crc/epoch i32).
    t.is(records.readInt8(16), version >= 3 ? 2 : version === 2 ? 1 : 0, `v${version}`);
    t.is(records.readInt32BE(8), records.length - 12, 'batch length covers the rest');
  }
});
