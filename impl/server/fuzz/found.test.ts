// What the wire fuzzer found, kept as regressions: each request below once made a handler throw
// (the connection closed with an internal error) or the broker run out of memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { errorCode } from '../../../spec/errors.ts';
import { ReferenceBroker } from '../../broker/reference-broker.ts';
import { buildRecordBatch } from '../../log/batch/build.ts';
import { CRC_OFFSET, computeBatchCrc, RECORD_BATCH_OVERHEAD } from '../../log/batch/header.ts';
import { recordingLogger } from '../logger.ts';
import { ProbeConnection } from './probe-connection.ts';

const directory = mkdtempSync(join(tmpdir(), 'kspec-fuzz-found-'));
const logger = recordingLogger();
let broker: ReferenceBroker;
let connection: ProbeConnection;

test.before(async () => {
  broker = await ReferenceBroker.start({ port: 0, dataDir: directory, logger });
  const [host, port] = broker.bootstrap().split(':') as [string, string];
  connection = await ProbeConnection.connect(host, Number(port));
  await connection.request('CreateTopics', 5, {
    topics: [{ name: 'found', numPartitions: 1, replicationFactor: -1, assignments: [], configs: [] }],
    timeoutMs: 5000,
  });
});

test.after.always(async () => {
  connection?.close();
  await broker?.stop();
  rmSync(directory, { recursive: true, force: true });
});

const produce = (records: Buffer) =>
  connection.request('Produce', 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 5000,
    topicData: [{ name: 'found', partitionData: [{ index: 0, records }] }],
  });

test.serial('OffsetCommit v2 with a retention near 2^53 is answered, not thrown', async (t) => {
  const answer = await connection.request('OffsetCommit', 2, {
    groupId: 'found-g',
    generationId: -1,
    memberId: '',
    retentionTimeMs: Number.MAX_SAFE_INTEGER,
    topics: [
      { name: 'found', partitions: [{ partitionIndex: 0, committedOffset: 0, committedMetadata: '' }] },
    ],
  });
  t.is(answer.topics[0]!.partitions[0]!.errorCode, 0);
});

test.serial('CreateTopics and CreatePartitions asking for 2^31-1 partitions: POLICY_VIOLATION', async (t) => {
  const created = await connection.request('CreateTopics', 5, {
    topics: [
      { name: 'huge', numPartitions: 0x7fffffff, replicationFactor: -1, assignments: [], configs: [] },
    ],
    timeoutMs: 5000,
  });
  t.is(created.topics[0]!.errorCode, errorCode('POLICY_VIOLATION'));
  t.is(created.topics[0]!.errorMessage, 'Excessively large number of partitions per request.');
  const grown = await connection.request('CreatePartitions', 3, {
    topics: [{ name: 'found', count: 0x7fffffff, assignments: null }],
    timeoutMs: 5000,
    validateOnly: false,
  });
  t.is(grown.results[0]!.errorCode, errorCode('POLICY_VIOLATION'));
  const ten = await connection.request('CreatePartitions', 3, {
    topics: [{ name: 'found', count: 10_001, assignments: null }],
    timeoutMs: 5000,
    validateOnly: true,
  });
  t.is(ten.results[0]!.errorCode, 0, '10,000 new partitions are still allowed');
});

test.serial(
  'a batch with a valid CRC whose record lies about a length is refused (INVALID_RECORD)',
  async (t) => {
    const batch = buildRecordBatch([{ key: 'k', value: 'v', timestamp: 1_700_000_000_000 }]);
    batch[RECORD_BATCH_OVERHEAD + 4] = 0x7f; // the key's length varint: -64
    batch.writeUInt32BE(computeBatchCrc(batch, 0, batch.length), CRC_OFFSET);
    const answer = await produce(batch);
    t.is(answer.responses[0]!.partitionResponses[0]!.errorCode, errorCode('INVALID_RECORD'));
  },
);

test.serial('ListOffsets by timestamp over a snappy batch answers its first offset', async (t) => {
  const batch = buildRecordBatch([{ value: 'plain', timestamp: 1_700_000_000_000 }]);
  batch.writeInt16BE(2, 21); // attributes: snappy (the section is not really snappy; kspec stores it as sent)
  batch.writeUInt32BE(computeBatchCrc(batch, 0, batch.length), CRC_OFFSET);
  const produced = await produce(batch);
  t.is(produced.responses[0]!.partitionResponses[0]!.errorCode, 0);
  const offset = produced.responses[0]!.partitionResponses[0]!.baseOffset;
  const listed = await connection.request('ListOffsets', 1, {
    replicaId: -1,
    topics: [{ name: 'found', partitions: [{ partitionIndex: 0, timestamp: 1_600_000_000_000 }] }],
  });
  const partition = listed.topics[0]!.partitions[0]!;
  t.is(partition.errorCode, 0);
  t.true(partition.offset <= offset);
  t.false(
    logger.entries.some((entry) => /handler failed|internal error/.test(entry.message)),
    'no handler threw',
  );
});
