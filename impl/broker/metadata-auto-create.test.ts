// Metadata that auto-creates a topic answers it UNKNOWN_TOPIC_OR_PARTITION, as Kafka 4.4's brokers do
// while the controller creates it (DefaultAutoTopicCreationManager.sendCreateTopicRequest); the next
// Metadata finds it with num.partitions partitions. Without allowAutoTopicCreation nothing is created.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { KafkaConnection } from '../../properties/client/wire/connection.ts';
import { recordingLogger } from '../server/logger.ts';
import { ReferenceBroker } from './reference-broker.ts';

test('auto-creating Metadata: UNKNOWN_TOPIC_OR_PARTITION first, then the topic; not created when the request does not allow it', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-auto-create-'));
  const broker = await ReferenceBroker.start({
    dataDir,
    port: 0,
    config: { 'offsets.topic.num.partitions': 1, 'num.partitions': 2 },
    logger: recordingLogger(),
  });
  const [host, port] = broker.bootstrap().split(':');
  const connection = await KafkaConnection.connect(host!, Number(port));
  const metadata = (name: string, allowAutoTopicCreation: boolean) =>
    connection
      .request('Metadata', 4, { topics: [{ name }], allowAutoTopicCreation })
      .then((answer) => answer.topics[0]!);
  try {
    const first = await metadata('auto-t', true);
    t.is(first.errorCode, 3, 'UNKNOWN_TOPIC_OR_PARTITION while it is being created');
    t.deepEqual(first.partitions, []);
    const second = await metadata('auto-t', true);
    t.is(second.errorCode, 0);
    t.is(second.partitions.length, 2, 'num.partitions');
    t.is((await metadata('not-allowed', false)).errorCode, 3);
    t.is((await metadata('not-allowed', false)).errorCode, 3, 'never created');
  } finally {
    await connection.close();
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
