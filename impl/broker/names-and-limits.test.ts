// Names and limits (issue 23 part 5): CreateTopics refuses what Kafka 4.4 refuses, with its error
// codes and messages; group ids must be non-empty for the group APIs; connections past
// max.connections / max.connections.per.ip are closed at once with a log line.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { errorCode } from '../../spec/errors.ts';
import { BrokerServer } from '../server/broker-server.ts';
import { ProbeConnection } from '../server/fuzz/probe-connection.ts';
import { recordingLogger } from '../server/logger.ts';
import { testHandler } from '../server/testing/test-handler.ts';
import { openFileLimit, openFilesProblem } from './admin-limits.ts';
import { ReferenceBroker } from './reference-broker.ts';

const directory = mkdtempSync(join(tmpdir(), 'kspec-names-'));
let broker: ReferenceBroker;
let connection: ProbeConnection;

test.before(async () => {
  broker = await ReferenceBroker.start({ port: 0, dataDir: directory, logger: recordingLogger() });
  const [host, port] = broker.bootstrap().split(':') as [string, string];
  connection = await ProbeConnection.connect(host, Number(port));
});

test.after.always(async () => {
  connection?.close();
  await broker?.stop();
  rmSync(directory, { recursive: true, force: true });
});

async function create(name: string) {
  const answer = await connection.request('CreateTopics', 5, {
    topics: [{ name, numPartitions: 1, replicationFactor: -1, assignments: [], configs: [] }],
    timeoutMs: 5000,
  });
  return answer.topics[0]!;
}

test.serial(
  'CreateTopics: __cluster_metadata is prohibited (INVALID_REQUEST), as Kafka 4.4 says it',
  async (t) => {
    const answer = await create('__cluster_metadata');
    t.is(answer.errorCode, errorCode('INVALID_REQUEST'));
    t.is(answer.errorMessage, 'Creation of internal topic __cluster_metadata is prohibited.');
  },
);

test.serial("CreateTopics: names Kafka's Topic.validate refuses, with its messages", async (t) => {
  const cases: [string, string][] = [
    ['', 'Topic name is invalid: the empty string is not allowed'],
    ['.', "Topic name is invalid: '.' is not allowed"],
    ['..', "Topic name is invalid: '..' is not allowed"],
    [
      'x'.repeat(250),
      `Topic name is invalid: the length of '${'x'.repeat(250)}' is longer than the max allowed length 249`,
    ],
    [
      'a/b',
      "Topic name is invalid: 'a/b' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'",
    ],
  ];
  for (const [name, message] of cases) {
    const answer = await create(name);
    t.is(answer.errorCode, errorCode('INVALID_TOPIC_EXCEPTION'), name);
    t.is(answer.errorMessage, message);
  }
  t.is((await create('x'.repeat(249))).errorCode, 0, '249 characters are allowed');
});

test.serial(
  "CreateTopics: a name colliding through '.' and '_' with an existing topic is refused",
  async (t) => {
    t.is((await create('orders_eu')).errorCode, 0);
    const answer = await create('orders.eu');
    t.is(answer.errorCode, errorCode('INVALID_TOPIC_EXCEPTION'));
    t.is(answer.errorMessage, "Topic 'orders.eu' collides with existing topic: orders_eu");
    t.is((await create('orders_eu')).errorCode, errorCode('TOPIC_ALREADY_EXISTS'));
  },
);

test.serial(
  'group APIs refuse an empty group id with INVALID_GROUP_ID (OffsetCommit/OffsetFetch take "")',
  async (t) => {
    const joined = await connection.request('JoinGroup', 5, {
      groupId: '',
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: 10000,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
    });
    t.is(joined.errorCode, errorCode('INVALID_GROUP_ID'));
  },
);

test('max.connections and max.connections.per.ip: extra connections are closed at once and logged', async (t) => {
  const logger = recordingLogger();
  const server = new BrokerServer({
    brokerId: 0,
    handler: testHandler({}),
    logger,
    maxConnections: 2,
    fetchPath: 'copy',
  });
  const { port } = await server.start();
  const open = () =>
    new Promise<{ closed: Promise<void>; destroy: () => void }>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () =>
        resolve({
          closed: new Promise((done) => socket.once('close', () => done())),
          destroy: () => socket.destroy(),
        }),
      );
      socket.on('error', () => {});
    });
  const first = await open();
  const second = await open();
  const third = await open();
  await third.closed;
  t.true(logger.entries.some((entry) => entry.message === 'refusing connection: max.connections 2 reached'));
  first.destroy();
  second.destroy();
  await server.stop();

  const perIp = new BrokerServer({
    brokerId: 0,
    handler: testHandler({}),
    logger,
    maxConnectionsPerIp: 1,
    fetchPath: 'copy',
  });
  const address = await perIp.start();
  const sockets = [
    connect({ host: '127.0.0.1', port: address.port }),
    connect({ host: '127.0.0.1', port: address.port }),
  ];
  for (const socket of sockets) socket.on('error', () => {});
  await new Promise((resolve) => sockets[1]!.once('close', resolve));
  t.true(
    logger.entries.some((entry) =>
      /^refusing connection: max.connections.per.ip 1 reached for /.test(entry.message),
    ),
  );
  for (const socket of sockets) socket.destroy();
  await perIp.stop();
});

test("kspec's open-file guard: replicas whose files would pass 3/4 of the process's limit are refused", (t) => {
  const limit = openFileLimit();
  if (limit === null) {
    t.pass('no /proc/self/limits here: no guard');
    return;
  }
  t.is(openFilesProblem(0, 10), undefined);
  t.regex(openFilesProblem(Math.ceil(limit / 4), 1) ?? '', /past three quarters of this process's limit/);
});
