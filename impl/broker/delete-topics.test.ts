// DeleteTopics as Kafka 4.4 answers it with delete.topic.enable=false (the reference cluster never
// deletes a topic): TOPIC_DELETION_DISABLED (73) from v3, INVALID_REQUEST (42) before, for every
// topic named, and the topic is still there afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { KafkaConnection } from '../../properties/client/wire/connection.ts';
import { recordingLogger } from '../server/logger.ts';
import { ReferenceBroker } from './reference-broker.ts';

test('DeleteTopics: INVALID_REQUEST before v3, TOPIC_DELETION_DISABLED from v3; nothing is deleted', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-delete-'));
  const broker = await ReferenceBroker.start({
    dataDir,
    port: 0,
    config: { 'offsets.topic.num.partitions': 1 },
    logger: recordingLogger(),
  });
  const [host, port] = broker.bootstrap().split(':');
  const connection = await KafkaConnection.connect(host!, Number(port));
  try {
    const created = await connection.request('CreateTopics', 5, {
      topics: [{ name: 'doomed', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 5000,
      validateOnly: false,
    });
    t.is(created.topics[0]!.errorCode, 0);
    for (const version of [0, 1, 2, 3, 4, 5]) {
      const answer = await connection.request('DeleteTopics', version, {
        topicNames: ['doomed', 'unknown'],
        timeoutMs: 5000,
      });
      t.deepEqual(
        answer.responses.map((response) => [response.name, response.errorCode]),
        [
          ['doomed', version >= 3 ? 73 : 42],
          ['unknown', version >= 3 ? 73 : 42],
        ],
        `v${version}`,
      );
      if (version >= 5) t.is(answer.responses[0]!.errorMessage, 'Topic deletion is disabled.');
    }
    const metadata = await connection.request('Metadata', 4, {
      topics: [{ name: 'doomed' }],
      allowAutoTopicCreation: false,
    });
    t.is(metadata.topics[0]!.errorCode, 0, 'the topic is still there');
  } finally {
    await connection.close();
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
