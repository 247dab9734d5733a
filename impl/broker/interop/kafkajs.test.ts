// kafkajs 2.2.4 against `kspec broker` (3 brokers, a child process on loopback): the admin API, an
// acks=-1 producer, and a consumer group of 3 that rebalances as members join and leave, with
// auto-commit and with manual commits. Checks: every acknowledged message is consumed at least once
// and the group's final committed offsets equal the log end offsets.
import test from 'ava';
import { type Consumer, Kafka, logLevel } from 'kafkajs';
import { assertCommittedAtEnd } from '../testing/committed-at-end.ts';
import {
  eventually,
  FAST_GROUP_CONFIG,
  type KspecBroker,
  sleep,
  startKspecBroker,
} from '../testing/kspec-broker-process.ts';

process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

let broker: KspecBroker;
let kafka: Kafka;

test.before(async () => {
  broker = await startKspecBroker({
    brokers: 3,
    config: [...FAST_GROUP_CONFIG, 'min.insync.replicas=2', 'default.replication.factor=3'],
  });
  kafka = new Kafka({
    clientId: 'kspec-interop',
    brokers: broker.bootstrap,
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 1000 },
  });
});

test.after.always(async () => {
  await broker?.stop();
});

test.serial('admin: createTopics, createPartitions, describeGroups, fetchOffsets', async (t) => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    t.true(
      await admin.createTopics({ topics: [{ topic: 'admin-t', numPartitions: 2, replicationFactor: 3 }] }),
    );
    t.false(
      await admin.createTopics({ topics: [{ topic: 'admin-t', numPartitions: 2 }] }),
      'a second create reports the topic exists',
    );
    await admin.createPartitions({ topicPartitions: [{ topic: 'admin-t', count: 4 }] });
    const { topics } = await admin.fetchTopicMetadata({ topics: ['admin-t'] });
    t.is(topics[0]!.partitions.length, 4);
    for (const partition of topics[0]!.partitions) {
      t.is(partition.replicas.length, 3);
      t.true(partition.replicas.includes(partition.leader));
    }
    await t.throwsAsync(admin.createPartitions({ topicPartitions: [{ topic: 'admin-t', count: 3 }] }), {
      message: /partitions/i,
    });
    const described = await admin.describeGroups(['nobody-here']);
    t.is(described.groups[0]!.state, 'Dead');
    const offsets = await admin.fetchOffsets({ groupId: 'nobody-here', topics: ['admin-t'] });
    t.deepEqual(
      offsets[0]!.partitions.map((p) => p.offset),
      ['-1', '-1', '-1', '-1'],
    );
  } finally {
    await admin.disconnect();
  }
});

interface Tally {
  produced: Set<string>;
  consumed: Map<string, number>;
}

/** Sends batches of 10 with acks=-1 until stopped; only acknowledged values count as produced. */
function startProducing(topic: string, tally: Tally) {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  let running = true;
  const done = (async () => {
    await producer.connect();
    for (let batch = 0; running && batch < 1000; batch++) {
      const values = Array.from({ length: 10 }, (_, i) => `${batch}-${i}`);
      await producer.send({ topic, acks: -1, messages: values.map((value) => ({ key: value, value })) });
      for (const value of values) tally.produced.add(value);
      await sleep(40);
    }
    await producer.disconnect();
  })();
  return {
    stop: async () => {
      running = false;
      await done;
    },
  };
}

async function startMember(
  topic: string,
  groupId: string,
  autoCommit: boolean,
  tally: Tally,
): Promise<Consumer> {
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 6000,
    rebalanceTimeout: 10000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 500,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit,
    eachMessage: async ({ partition, message }) => {
      const value = message.value!.toString();
      tally.consumed.set(value, (tally.consumed.get(value) ?? 0) + 1);
      if (!autoCommit)
        await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
    },
  });
  return consumer;
}

async function groupScenario(t: import('ava').ExecutionContext, autoCommit: boolean): Promise<void> {
  const topic = autoCommit ? 'group-auto' : 'group-manual';
  const groupId = `${topic}-g`;
  const admin = kafka.admin();
  await admin.connect();
  const members: Consumer[] = [];
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 6, replicationFactor: 3 }] });
    const tally: Tally = { produced: new Set(), consumed: new Map() };
    const producing = startProducing(topic, tally);
    const groupSize = () =>
      eventually(
        () => admin.describeGroups([groupId]).then((d) => d.groups[0]!),
        (g) => g.state === 'Stable' && g.members.length === members.length,
        20_000,
      );
    for (let i = 0; i < 3; i++) {
      members.push(await startMember(topic, groupId, autoCommit, tally));
      const group = await groupSize();
      t.is(group.members.length, i + 1, `the group rebalanced to ${i + 1} members`);
      await sleep(1000);
    }
    const leaving = members.splice(1, 1)[0]!;
    await leaving.disconnect();
    const afterLeave = await groupSize();
    t.is(afterLeave.members.length, 2, 'the group rebalanced after a member left');
    await sleep(1000);
    await producing.stop();
    t.true(tally.produced.size >= 100, `produced ${tally.produced.size}`);
    await eventually(
      async () => [...tally.produced].filter((value) => !tally.consumed.has(value)).length,
      (missing) => missing === 0,
      30_000,
    );
    const missing = [...tally.produced].filter((value) => !tally.consumed.has(value));
    t.deepEqual(missing, [], 'every acknowledged message was consumed');
    const ends = await assertCommittedAtEnd(t, admin, groupId, topic);
    const total = ends.reduce((sum, p) => sum + Number(p.high), 0);
    t.is(total, tally.produced.size, 'the log holds exactly the acknowledged messages');
    const redelivered = [...tally.consumed.values()].filter((count) => count > 1).length;
    t.log(`${tally.produced.size} produced, ${redelivered} consumed more than once`);
  } finally {
    for (const member of members) await member.disconnect();
    await admin.disconnect();
  }
}

test.serial('consumer group of 3 with auto-commit: join, rebalance, leave; nothing lost', (t) =>
  groupScenario(t, true),
);

test.serial('consumer group of 3 with manual commits: join, rebalance, leave; nothing lost', (t) =>
  groupScenario(t, false),
);
