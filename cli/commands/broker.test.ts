// `kspec broker` as a service (issue 21): it logs like a server (settings at startup, topics
// created, leader and ISR changes, group states and generations, faults), one line each, at a
// chosen level, as text or JSON; a temporary data dir is printed and removed on exit; a port in use
// is one line saying so and how to choose another.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { Kafka, logLevel } from 'kafkajs';
import {
  eventually,
  FAST_GROUP_CONFIG,
  sleep,
  startKspecBroker,
} from '../../impl/broker/testing/kspec-broker-process.ts';
import { cli, cliWith } from '../testing/run-cli.ts';

process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';
const KSPEC = fileURLToPath(new URL('../../bin/kspec.js', import.meta.url));

test('the broker logs topics, groups and generations, faults, leader and ISR changes, one line each', async (t) => {
  const broker = await startKspecBroker({ brokers: 3, config: FAST_GROUP_CONFIG });
  const kafka = new Kafka({ clientId: 'log-test', brokers: broker.bootstrap, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId: 'log-g', heartbeatInterval: 500, maxWaitTimeInMs: 300 });
  const has = (pattern: RegExp) => broker.stderr.some((line) => pattern.test(line));
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'log-t', numPartitions: 2, replicationFactor: 3 }] });
    await consumer.connect();
    await consumer.subscribe({ topic: 'log-t', fromBeginning: true });
    await consumer.run({ eachMessage: async () => {} });
    await eventually(
      async () => has(/group log-g: CompletingRebalance -> Stable \(generation 1, 1 member\)/),
      (seen) => seen,
      20_000,
    );
    // Clients leave first: kafkajs spins on a crashed broker's refused connections.
    await consumer.disconnect();
    await admin.disconnect();
    await eventually(
      async () => has(/group log-g: generation 2 \(Empty/),
      (seen) => seen,
      10_000,
    );
    await broker.fault('crash', 1);
    await eventually(
      async () => has(/broker 1 is down/),
      (seen) => seen,
      10_000,
    );
    t.true(has(/INFO {2}kspec broker \S+ starting: 3 brokers/), broker.stderr.join('\n'));
    t.true(has(/INFO {2}settings: group.initial.rebalance.delay.ms=0 offsets.topic.num.partitions=5/));
    t.true(has(/INFO {2}created topic log-t: 2 partitions, replication factor 3$/));
    t.true(has(/INFO {2}group log-g: Empty -> PreparingRebalance \(generation 0, 1 member\)/));
    t.true(has(/INFO {2}group log-g: generation 1 \(CompletingRebalance, protocol \w+, 1 member\)/));
    t.true(has(/WARN {2}fault: crash broker 1$/));
    // RP-25: a crashed broker leaves the ISRs only when the controller fences it, once
    // broker.session.timeout.ms (9 s) has passed without its heartbeat.
    const isrLine = /partition log-t-\d: (ISR shrinks \[[\d,]*1[\d,]*\] -> \[|leader 1 -> )/;
    t.true(
      await eventually(
        async () => has(isrLine),
        (seen) => seen,
        30_000,
      ),
      'broker 1 leaves the ISRs',
    );
    for (const line of broker.stderr) t.regex(line, /^\d{4}-\d\d-\d\dT[\d:.]+Z (DEBUG|INFO |WARN |ERROR) \S/);
  } finally {
    // Bounded: with a broker down, kafkajs may retry its leave for a long time.
    await Promise.race([
      Promise.all([consumer.disconnect(), admin.disconnect()]).catch(() => {}),
      sleep(5_000),
    ]);
    t.is(await broker.stop(), 0);
  }
});

test('--log-format json writes one JSON object a line; --log-level warn keeps warnings only', async (t) => {
  const broker = await startKspecBroker({
    brokers: 2,
    args: ['--log-format', 'json', '--log-level', 'warn'],
  });
  try {
    await broker.fault('crash', 1);
    await eventually(
      async () => broker.stderr.length,
      (count) => count >= 2,
      10_000,
    );
    const lines = broker.stderr.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const line of lines) {
      t.regex(String(line.time), /^\d{4}-/);
      t.true(line.level === 'warn' || line.level === 'error', JSON.stringify(line));
    }
    t.true(
      lines.some(
        (line) => line.message === 'fault: crash broker 1' && line.fault === 'crash' && line.broker === 1,
      ),
    );
    t.true(lines.some((line) => line.message === 'broker 1 is down' && line.running === false));
  } finally {
    t.is(await broker.stop(), 0);
  }
});

test('without --data-dir the temporary data dir is printed at start and removed on exit', async (t) => {
  const child = spawn(process.execPath, [KSPEC, 'broker', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  let stdout = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no bootstrap line: ${stderr}`)), 30_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (/^bootstrap: /m.test(stdout)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const directory = /data dir: (\S+) \(temporary: removed on exit/.exec(stderr)?.[1];
  t.truthy(directory, stderr);
  t.true(existsSync(directory!));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  t.is(await exited, 0);
  t.false(existsSync(directory!), 'the temporary data dir is gone');
  t.regex(stderr, /removed the temporary data dir/);
});

test('a port in use is one line naming it and how to choose another (exit 2); bad log options exit 2', async (t) => {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const clash = await cliWith({ timeoutMs: 30_000 }, 'broker', '--port', String(port));
    t.is(clash.code, 2, clash.stderr);
    const errors = clash.stderr.split('\n').filter(Boolean);
    t.is(errors.length, 1, clash.stderr);
    t.regex(
      errors[0]!,
      new RegExp(
        `127\\.0\\.0\\.1:${port} is already in use .*choose another port with --port P, or --port 0 for any free port`,
      ),
    );
    t.notRegex(clash.stderr, /\n\s+at /, 'no stack trace');
  } finally {
    server.close();
  }
  const level = await cli('broker', '--log-level', 'loud');
  t.is(level.code, 2);
  t.regex(level.stderr, /--log-level must be one of debug, info, warn, error, got 'loud'/);
  const format = await cli('broker', '--log-format', 'xml');
  t.is(format.code, 2);
  t.regex(format.stderr, /--log-format must be text or json/);
});
