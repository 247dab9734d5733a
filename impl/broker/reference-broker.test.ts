// The reference broker in process: restart on the same data directory recovers topics, records and
// committed offsets (clean stop, and after a broker power loss + restart while running); the control
// port validates its input.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { Kafka, logLevel } from 'kafkajs';
import { recordingLogger } from '../server/logger.ts';
import { parseFaultCommand, startControlServer } from './control-server.ts';
import { ReferenceBroker } from './reference-broker.ts';

process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';
const CONFIG = { 'group.initial.rebalance.delay.ms': 0, 'offsets.topic.num.partitions': 3 };

function start(dataDir: string, brokers = 1, fetchPath: 'sendfile' | 'copy' = 'sendfile') {
  return ReferenceBroker.start({
    dataDir,
    port: 0,
    brokers,
    config: CONFIG,
    fetchPath,
    logger: recordingLogger(),
  });
}

async function consumeAll(kafka: Kafka, topic: string, groupId: string, expected: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId, heartbeatInterval: 500, maxWaitTimeInMs: 200 });
  const values: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 20_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        values.push(message.value!.toString());
        if (values.length >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return values;
}

test('a restart on the same data dir recovers topics, records and committed offsets', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-restart-'));
  try {
    const first = await start(dataDir);
    const values = Array.from({ length: 30 }, (_, i) => `v${i}`);
    try {
      const kafka = new Kafka({ brokers: first.bootstrap().split(','), logLevel: logLevel.NOTHING });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: 'kept', acks: -1, messages: values.map((value) => ({ value })) });
      await producer.disconnect();
      t.deepEqual(await consumeAll(kafka, 'kept', 'kept-g', 30), values);
    } finally {
      await first.stop();
    }
    // The second life serves fetches through the copy path (the first used sendfile when available).
    const second = await start(dataDir, 1, 'copy');
    t.is(second.fetchPathInUse(), 'copy');
    try {
      const kafka = new Kafka({ brokers: second.bootstrap().split(','), logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      t.deepEqual(
        (await admin.fetchTopicOffsets('kept')).map((p) => p.high),
        ['30'],
      );
      const committed = await admin.fetchOffsets({ groupId: 'kept-g', topics: ['kept'] });
      t.is(committed[0]!.partitions[0]!.offset, '30', 'the committed offset survived the restart');
      await admin.disconnect();
      t.deepEqual(await consumeAll(kafka, 'kept', 'fresh-g', 30), values, 'the records survived');
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('power loss of a follower: acknowledged (acks=-1) records survive and the broker rejoins', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-powerloss-'));
  const cluster = await ReferenceBroker.start({
    dataDir,
    port: 0,
    brokers: 3,
    config: { ...CONFIG, 'min.insync.replicas': 2 },
    logger: recordingLogger(),
  });
  try {
    const kafka = new Kafka({ brokers: cluster.bootstrap().split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'p', numPartitions: 1, replicationFactor: 3 }] });
    const leader = (await admin.fetchTopicMetadata({ topics: ['p'] })).topics[0]!.partitions[0]!.leader;
    const follower = [0, 1, 2].find((id) => id !== leader)!;
    const producer = kafka.producer();
    await producer.connect();
    const values = Array.from({ length: 50 }, (_, i) => `a${i}`);
    for (const value of values) await producer.send({ topic: 'p', acks: -1, messages: [{ value }] });
    await cluster.fault('power-loss', follower);
    t.false(cluster.status()[follower]!.running);
    await cluster.fault('restart', follower);
    t.true(cluster.status()[follower]!.running);
    let isr: number[] = [];
    for (let i = 0; i < 100 && isr.length < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      isr = (await admin.fetchTopicMetadata({ topics: ['p'] })).topics[0]!.partitions[0]!.isr;
    }
    t.deepEqual([...isr].sort(), [0, 1, 2], 'the follower caught up and rejoined the ISR');
    await producer.disconnect();
    await admin.disconnect();
    t.deepEqual(await consumeAll(kafka, 'p', 'p-g', 50), values);
  } finally {
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('control port: status, fault validation, unknown paths', async (t) => {
  t.throws(() => parseFaultCommand('{"fault":"explode","broker":0}'), { message: /fault must be one of/ });
  t.throws(() => parseFaultCommand('{"fault":"crash"}'), { message: /needs an integer broker/ });
  t.deepEqual(parseFaultCommand('{"fault":"heal"}'), { fault: 'heal' });
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-control-'));
  const cluster = await start(dataDir, 2);
  const control = await startControlServer(cluster, '127.0.0.1', 0);
  try {
    const base = `http://127.0.0.1:${control.port}`;
    const status = (await (await fetch(`${base}/status`)).json()) as { brokers: { running: boolean }[] };
    t.deepEqual(
      status.brokers.map((b) => b.running),
      [true, true],
    );
    const bad = await fetch(`${base}/fault`, { method: 'POST', body: '{"fault":"crash","broker":7}' });
    t.is(bad.status, 400);
    t.regex(((await bad.json()) as { error: string }).error, /no broker 7/);
    t.is((await fetch(`${base}/fault`, { method: 'POST', body: 'not json' })).status, 400);
    t.is((await fetch(`${base}/nothing`)).status, 404);
    const crash = await fetch(`${base}/fault`, { method: 'POST', body: '{"fault":"crash","broker":1}' });
    t.is(crash.status, 200);
    t.deepEqual(
      cluster.status().map((b) => b.running),
      [true, false],
    );
    await t.throwsAsync(startControlServer(cluster, '0.0.0.0', 0), { message: /loopback only/ });
  } finally {
    await control.stop();
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
