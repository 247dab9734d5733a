// One realistic request per API, written as a client would send it against the fuzz run's own
// topic and group, so that mutations reach the handlers' deeper paths (a Produce with a real record
// batch is appended, a JoinGroup parks, an OffsetCommit is written to __consumer_offsets) rather
// than stopping at "unknown topic". Fields a version lacks are left out; the encoder drops them.
import { buildRecordBatch } from '../../log/batch/build.ts';
import type { ApiName } from '../../protocol/registry.ts';

export const FUZZ_TOPIC = 'fuzz-t';
export const FUZZ_GROUP = 'fuzz-g';

const batch = buildRecordBatch([
  { key: Buffer.from('k1'), value: Buffer.from('fuzz value one'), timestamp: 1_700_000_000_000 },
  {
    key: null,
    value: Buffer.from('fuzz value two'),
    timestamp: 1_700_000_000_001,
    headers: [{ key: 'h', value: Buffer.from('v') }],
  },
]);

/** A consumer-protocol subscription (version 0, one topic, no user data). */
const subscription = Buffer.from([
  0,
  0,
  0,
  0,
  0,
  1,
  0,
  6,
  ...Buffer.from(FUZZ_TOPIC),
  0xff,
  0xff,
  0xff,
  0xff,
]);
/** A consumer-protocol assignment of partitions 0 and 1. */
const assignment = Buffer.from([
  0,
  0,
  0,
  0,
  0,
  1,
  0,
  6,
  ...Buffer.from(FUZZ_TOPIC),
  0,
  0,
  0,
  2,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  0xff,
  0xff,
  0xff,
  0xff,
]);

export const TEMPLATES: Record<ApiName, Record<string, unknown>> = {
  Produce: {
    transactionalId: null,
    acks: -1,
    timeoutMs: 1000,
    topicData: [{ name: FUZZ_TOPIC, partitionData: [{ index: 0, records: batch }] }],
  },
  Fetch: {
    replicaId: -1,
    maxWaitMs: 5,
    minBytes: 1,
    maxBytes: 65536,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [
      {
        topic: FUZZ_TOPIC,
        partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 32768, currentLeaderEpoch: -1 }],
      },
    ],
    forgottenTopicsData: [],
    rackId: '',
  },
  ListOffsets: {
    replicaId: -1,
    isolationLevel: 0,
    topics: [{ name: FUZZ_TOPIC, partitions: [{ partitionIndex: 0, timestamp: -1 }] }],
  },
  Metadata: {
    topics: [{ name: FUZZ_TOPIC }],
    allowAutoTopicCreation: false,
    includeClusterAuthorizedOperations: false,
    includeTopicAuthorizedOperations: false,
  },
  OffsetCommit: {
    groupId: FUZZ_GROUP,
    generationId: -1,
    memberId: '',
    topics: [
      {
        name: FUZZ_TOPIC,
        partitions: [{ partitionIndex: 0, committedOffset: 1, committedMetadata: 'meta' }],
      },
    ],
  },
  OffsetFetch: {
    groupId: FUZZ_GROUP,
    topics: [{ name: FUZZ_TOPIC, partitionIndexes: [0, 1] }],
    groups: [{ groupId: FUZZ_GROUP, topics: [{ name: FUZZ_TOPIC, partitionIndexes: [0, 1] }] }],
    requireStable: false,
  },
  FindCoordinator: { key: FUZZ_GROUP, keyType: 0, coordinatorKeys: [FUZZ_GROUP] },
  JoinGroup: {
    groupId: FUZZ_GROUP,
    sessionTimeoutMs: 6000,
    rebalanceTimeoutMs: 50,
    memberId: '',
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: subscription }],
  },
  Heartbeat: { groupId: FUZZ_GROUP, generationId: 1, memberId: 'member-1', groupInstanceId: null },
  LeaveGroup: {
    groupId: FUZZ_GROUP,
    memberId: 'member-1',
    members: [{ memberId: 'member-1', groupInstanceId: null }],
  },
  SyncGroup: {
    groupId: FUZZ_GROUP,
    generationId: 1,
    memberId: 'member-1',
    groupInstanceId: null,
    protocolType: 'consumer',
    protocolName: 'range',
    assignments: [{ memberId: 'member-1', assignment }],
  },
  DescribeGroups: { groups: [FUZZ_GROUP], includeAuthorizedOperations: true },
  ListGroups: { statesFilter: [], typesFilter: [] },
  ApiVersions: { clientSoftwareName: 'kspec-fuzz', clientSoftwareVersion: '1.0' },
  CreateTopics: {
    topics: [
      {
        name: 'fuzz-created',
        numPartitions: 2,
        replicationFactor: 1,
        assignments: [],
        configs: [{ name: 'retention.ms', value: '60000' }],
      },
    ],
    timeoutMs: 1000,
    validateOnly: false,
  },
  DeleteTopics: { topicNames: ['fuzz-created'], timeoutMs: 1000 },
  InitProducerId: { transactionalId: null, transactionTimeoutMs: 60000 },
  OffsetForLeaderEpoch: {
    topics: [{ topic: FUZZ_TOPIC, partitions: [{ partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 }] }],
  },
  CreatePartitions: {
    topics: [{ name: FUZZ_TOPIC, count: 4, assignments: null }],
    timeoutMs: 1000,
    validateOnly: false,
  },
  DescribeConfigs: {
    resources: [
      { resourceType: 2, resourceName: FUZZ_TOPIC, configurationKeys: null },
      { resourceType: 4, resourceName: '0', configurationKeys: ['min.insync.replicas'] },
    ],
    includeSynonyms: true,
    includeDocumentation: true,
  },
  DeleteGroups: { groupsNames: [FUZZ_GROUP, 'other-group'] },
  OffsetDelete: {
    groupId: FUZZ_GROUP,
    topics: [{ name: FUZZ_TOPIC, partitions: [{ partitionIndex: 0 }, { partitionIndex: 1 }] }],
  },
  DescribeCluster: {
    includeClusterAuthorizedOperations: false,
    endpointType: 1,
    includeFencedBrokers: false,
  },
};
