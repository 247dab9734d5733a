// CreateTopics v7 (Kafka 4.4's newest): the created topic's id, the zero Uuid with an error.
// @platformatic/kafka 1.x ships CreateTopics v7 only, so without it its admin cannot create a topic.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { errorCode } from '../../spec/errors.ts';
import { ZERO_UUID } from '../protocol/schema.ts';
import { ProbeConnection } from '../server/fuzz/probe-connection.ts';
import { recordingLogger } from '../server/logger.ts';
import { CLUSTER_ID } from './metadata-handlers.ts';
import { ReferenceBroker } from './reference-broker.ts';
import { topicIdOf } from './topic-ids.ts';

const directory = mkdtempSync(join(tmpdir(), 'kspec-topic-ids-'));
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

const create = (name: string, validateOnly = false) =>
  connection.request('CreateTopics', 7, {
    topics: [{ name, numPartitions: 2, replicationFactor: -1, assignments: [], configs: [] }],
    timeoutMs: 5000,
    validateOnly,
  });

test.serial(
  'CreateTopics v7 answers the new topic with its id; a refused one with the zero Uuid',
  async (t) => {
    const created = (await create('orders')).topics[0]!;
    t.is(created.errorCode, 0);
    t.is(created.topicId, topicIdOf(CLUSTER_ID, 'orders'));
    t.not(created.topicId, ZERO_UUID);
    t.is(Buffer.from(created.topicId, 'base64url').length, 16);
    const again = (await create('orders')).topics[0]!;
    t.is(again.errorCode, errorCode('TOPIC_ALREADY_EXISTS'));
    t.is(again.topicId, ZERO_UUID);
    const checked = (await create('payments', true)).topics[0]!;
    t.is(checked.errorCode, 0);
    t.is(checked.topicId, topicIdOf(CLUSTER_ID, 'payments'));
  },
);

test('topic ids: one per name, never a reserved id or text starting with "-"', (t) => {
  const ids = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const id = topicIdOf(CLUSTER_ID, `topic-${i}`);
    t.false(id.startsWith('-'));
    t.not(id, ZERO_UUID);
    t.not(id, 'AAAAAAAAAAAAAAAAAAAAAQ'); // Uuid.METADATA_TOPIC_ID
    ids.add(id);
  }
  t.is(ids.size, 2000);
  t.is(topicIdOf(CLUSTER_ID, 'topic-1'), topicIdOf(CLUSTER_ID, 'topic-1'));
});
