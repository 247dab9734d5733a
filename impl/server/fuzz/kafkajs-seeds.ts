// Seed request bodies written by kafkajs 2.2.4's own encoders (an independent client), for every
// version kafkajs implements of each API kspec serves: the bytes a real client puts on the wire,
// including kafkajs's own record batch encoder for Produce.
import { kafkajsDefinitions, kafkajsVersions } from '../../protocol/testing/kafkajs.ts';
import { FUZZ_GROUP, FUZZ_TOPIC } from './templates.ts';

const subscription = Buffer.from('kafkajs-subscription');
const assignment = Buffer.from('kafkajs-assignment');

const ARGS: Record<string, unknown> = {
  Produce: {
    acks: -1,
    timeout: 1000,
    topicData: [
      {
        topic: FUZZ_TOPIC,
        partitions: [{ partition: 1, messages: [{ key: 'k', value: 'kafkajs value', headers: { h: 'v' } }] }],
      },
    ],
  },
  Fetch: {
    replicaId: -1,
    maxWaitTime: 5,
    minBytes: 1,
    maxBytes: 65536,
    isolationLevel: 1,
    rackId: '',
    topics: [{ topic: FUZZ_TOPIC, partitions: [{ partition: 1, fetchOffset: '0', maxBytes: 32768 }] }],
  },
  ListOffsets: {
    replicaId: -1,
    isolationLevel: 1,
    topics: [{ topic: FUZZ_TOPIC, partitions: [{ partition: 1, timestamp: -2 }] }],
  },
  Metadata: { topics: [FUZZ_TOPIC], allowAutoTopicCreation: false },
  OffsetCommit: {
    groupId: FUZZ_GROUP,
    groupGenerationId: -1,
    memberId: '',
    retentionTime: 86400000,
    topics: [{ topic: FUZZ_TOPIC, partitions: [{ partition: 1, offset: '1', metadata: 'md' }] }],
  },
  OffsetFetch: { groupId: FUZZ_GROUP, topics: [{ topic: FUZZ_TOPIC, partitions: [{ partition: 1 }] }] },
  FindCoordinator: { groupId: FUZZ_GROUP, coordinatorKey: FUZZ_GROUP, coordinatorType: 0 },
  JoinGroup: {
    groupId: FUZZ_GROUP,
    sessionTimeout: 6000,
    rebalanceTimeout: 50,
    memberId: '',
    protocolType: 'consumer',
    groupProtocols: [{ name: 'RoundRobinAssigner', metadata: subscription }],
  },
  Heartbeat: { groupId: FUZZ_GROUP, groupGenerationId: 1, memberId: 'm-1' },
  LeaveGroup: { groupId: FUZZ_GROUP, memberId: 'm-1', members: [{ memberId: 'm-1' }] },
  SyncGroup: {
    groupId: FUZZ_GROUP,
    generationId: 1,
    memberId: 'm-1',
    groupAssignment: [{ memberId: 'm-1', memberAssignment: assignment }],
  },
  DescribeGroups: { groupIds: [FUZZ_GROUP] },
  ListGroups: {},
  ApiVersions: {},
  CreateTopics: {
    topics: [{ topic: 'fuzz-kafkajs', numPartitions: 2, replicationFactor: 1 }],
    validateOnly: false,
    timeout: 1000,
  },
  DeleteTopics: { topics: ['fuzz-kafkajs'], timeout: 1000 },
  InitProducerId: { transactionalId: null, transactionTimeout: 60000 },
  CreatePartitions: { topicPartitions: [{ topic: FUZZ_TOPIC, count: 5 }], validateOnly: true, timeout: 1000 },
};

export interface KafkajsSeed {
  readonly apiName: string;
  readonly version: number;
  readonly body: Buffer;
}

/** Every (API, kafkajs version) body kafkajs encodes here; an API kafkajs lacks is skipped. */
export async function kafkajsSeeds(apiNames: readonly string[]): Promise<KafkajsSeed[]> {
  const seeds: KafkajsSeed[] = [];
  for (const apiName of apiNames) {
    const args = ARGS[apiName];
    if (args === undefined) continue;
    for (const version of kafkajsVersions(apiName)) {
      try {
        const { request } = kafkajsDefinitions(apiName).protocol({ version })(args);
        seeds.push({ apiName, version, body: (await request.encode()).buffer });
      } catch {
        // kafkajs refuses some argument sets at some versions (e.g. no transactional id): no seed.
      }
    }
  }
  return seeds;
}
