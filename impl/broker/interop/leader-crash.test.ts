// A broker failure under real clients: on a 3-broker `kspec broker` with min.insync.replicas=2, the
// leader of a partition crashes (process crash through the control port) while kafkajs produces with
// acks=-1 and a consumer group reads. No acknowledged message may be lost, the consumer continues,
// and the restarted broker catches up and rejoins the ISR.
//
// "Acknowledged" is per partition: kafkajs 2.2.4 can resolve send() without an answer for some of
// its partitions when a leader moves to a broker that already answered for others during the same
// send (tulios/kafkajs#1303; kspec reproduced it: the result lacks that partition). Those messages
// were never acknowledged; the test counts them and logs the number.
import test from 'ava';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaConnection } from '../../../properties/client/wire/connection.ts';
import { eventually, FAST_GROUP_CONFIG, sleep, startKspecBroker } from '../testing/kspec-broker-process.ts';

process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

async function faultUnderClients(
  t: import('ava').ExecutionContext,
  fault: 'crash' | 'power-loss',
  victimRole: 'leader' | 'coordinator',
): Promise<void> {
  const broker = await startKspecBroker({
    brokers: 3,
    config: [...FAST_GROUP_CONFIG, 'min.insync.replicas=2', 'default.replication.factor=3'],
  });
  const kafka = new Kafka({
    clientId: 'kspec-crash',
    brokers: broker.bootstrap,
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({
    groupId: 'crash-g',
    sessionTimeout: 6000,
    rebalanceTimeout: 10000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 500,
  });
  const acknowledged = new Set<string>();
  const consumed = new Set<string>();
  let failedSends = 0;
  let unansweredByKafkajs = 0;
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'crash-t', numPartitions: 3, replicationFactor: 3 }] });
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic: 'crash-t', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void consumed.add(message.value!.toString()) });

    let producing = true;
    const production = (async () => {
      for (let batch = 0; producing && batch < 2000; batch++) {
        const values = Array.from({ length: 6 }, (_, i) => `${batch}-${i}`);
        try {
          const answers = await producer.send({
            topic: 'crash-t',
            acks: -1,
            messages: values.map((value, i) => ({ value, partition: i % 3 })),
          });
          const answered = new Set(answers.filter((a) => a.errorCode === 0).map((a) => a.partition));
          values.forEach((value, i) => {
            if (answered.has(i % 3)) acknowledged.add(value);
            else unansweredByKafkajs++;
          });
        } catch {
          failedSends++; // not acknowledged: may or may not be in the log
        }
        await sleep(20);
      }
    })();
    await eventually(
      async () => consumed.size,
      (n) => n >= 100,
      20_000,
    );
    const metadata = await admin.fetchTopicMetadata({ topics: ['crash-t'] });
    const leader =
      victimRole === 'leader'
        ? metadata.topics[0]!.partitions.find((p) => p.partitionId === 0)!.leader
        : await coordinatorOf(broker.bootstrap[0]!, 'crash-g');
    const atCrash = acknowledged.size;
    const crashed = await broker.fault(fault, leader);
    t.false(crashed.brokers.find((b) => b.id === leader)!.running);
    await eventually(
      async () => acknowledged.size,
      (n) => n >= atCrash + 200,
      30_000,
    );
    t.true(acknowledged.size >= atCrash + 200, 'the producer goes on after the crash');
    await broker.fault('restart', leader);
    await sleep(1000);
    producing = false;
    await production;

    const missing = await eventually(
      async () => [...acknowledged].filter((value) => !consumed.has(value)),
      (m) => m.length === 0,
      30_000,
    );
    t.deepEqual(missing, [], 'every acknowledged message is consumed after the crash');
    const isr = await eventually(
      () => admin.fetchTopicMetadata({ topics: ['crash-t'] }).then((m) => m.topics[0]!.partitions),
      (partitions) => partitions.every((p) => p.isr.length === 3),
      30_000,
    );
    t.true(
      isr.every((p) => p.isr.includes(leader)),
      'the restarted broker caught up and rejoined every ISR',
    );
    t.log(
      `${fault} of broker ${leader} (${victimRole}): ${acknowledged.size} acknowledged (${atCrash} before), ` +
        `${failedSends} sends failed, ${unansweredByKafkajs} messages resolved by kafkajs without an answer`,
    );
  } finally {
    await consumer.disconnect().catch(() => {});
    await producer.disconnect().catch(() => {});
    await admin.disconnect().catch(() => {});
    t.is(await broker.stop(), 0, 'kspec broker exits 0 on SIGTERM');
  }
}

/** The group's coordinator: FindCoordinator sent with kspec's own low-level client. */
async function coordinatorOf(bootstrap: string, groupId: string): Promise<number> {
  const [host, port] = bootstrap.split(':') as [string, string];
  const connection = await KafkaConnection.connect(host, Number(port));
  try {
    const answer = await connection.request('FindCoordinator', 0, { key: groupId });
    if (answer.errorCode !== 0) throw new Error(`FindCoordinator: error ${answer.errorCode}`);
    return answer.nodeId;
  } finally {
    await connection.close();
  }
}

test('leader crash under an acks=-1 producer and a consumer group: no acknowledged message lost', (t) =>
  faultUnderClients(t, 'crash', 'leader'));

test('power loss of the group coordinator under clients: no acknowledged message lost', (t) =>
  faultUnderClients(t, 'power-loss', 'coordinator'));

test('isolated leader (zombie) under an acks=-1 producer: it cannot acknowledge, the cluster moves on, nothing acknowledged is lost', async (t) => {
  const broker = await startKspecBroker({
    brokers: 3,
    config: [...FAST_GROUP_CONFIG, 'min.insync.replicas=2', 'default.replication.factor=3'],
  });
  const kafka = new Kafka({
    clientId: 'kspec-zombie',
    brokers: broker.bootstrap,
    logLevel: logLevel.NOTHING,
    requestTimeout: 5000,
    retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 2000 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const acknowledged: string[] = [];
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'zombie-t', numPartitions: 1, replicationFactor: 3 }] });
    await producer.connect();
    let producing = true;
    let failed = 0;
    const production = (async () => {
      for (let i = 0; producing && i < 5000; i++) {
        try {
          const answers = await producer.send({
            topic: 'zombie-t',
            acks: -1,
            timeout: 5000,
            messages: [{ value: String(i), partition: 0 }],
          });
          if (answers.some((a) => a.partition === 0 && a.errorCode === 0)) acknowledged.push(String(i));
        } catch {
          failed++;
        }
        await sleep(20);
      }
    })();
    await eventually(
      async () => acknowledged.length,
      (n) => n >= 30,
      10_000,
    );
    const leader = (await admin.fetchTopicMetadata({ topics: ['zombie-t'] })).topics[0]!.partitions[0]!
      .leader;
    await broker.fault('isolate', leader);
    const atIsolation = acknowledged.length;
    await sleep(1500);
    t.true(acknowledged.length <= atIsolation + 1, 'the isolated leader cannot complete acks=-1 produces');
    // The controller fences it after broker.session.timeout.ms (9 s) and elects another ISR member.
    await eventually(
      async () => acknowledged.length,
      (n) => n >= atIsolation + 50,
      40_000,
    );
    t.true(acknowledged.length >= atIsolation + 50, 'produces succeed again on the new leader');
    await broker.fault('heal');
    await sleep(1000);
    producing = false;
    await production;
    const consumer = kafka.consumer({ groupId: 'zombie-g', heartbeatInterval: 500, maxWaitTimeInMs: 300 });
    const seen = new Set<string>();
    await consumer.connect();
    await consumer.subscribe({ topic: 'zombie-t', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.add(message.value!.toString()) });
    const missing = await eventually(
      async () => acknowledged.filter((value) => !seen.has(value)),
      (m) => m.length === 0,
      20_000,
    );
    await consumer.disconnect();
    t.deepEqual(missing, [], 'every acknowledged message survived the zombie leader');
    const [end] = await admin.fetchTopicOffsets('zombie-t');
    t.log(
      `isolated broker ${leader}: ${acknowledged.length} acknowledged, ${failed} sends failed, log end ${end!.high}`,
    );
  } finally {
    await producer.disconnect().catch(() => {});
    await admin.disconnect().catch(() => {});
    await broker.stop();
  }
});
