// The idempotent producer and the transaction APIs over the wire against kspec broker: InitProducerId
// hands out fresh ids (IP-7), the produce handler deduplicates by the batch's producer id, epoch and
// sequence (IP-2, IP-3), and every transactional request gets a documented answer (IP-7).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { KafkaConnection } from '../../properties/client/wire/connection.ts';
import { buildRecordBatch } from '../log/batch/build.ts';
import { encodeRequestFrame } from '../protocol/frame.ts';
import { APIS } from '../protocol/registry.ts';
import { recordingLogger } from '../server/logger.ts';
import { ReferenceBroker } from './reference-broker.ts';
import { hasTransactionalRecords } from './transactions.ts';

async function withBroker(run: (connection: KafkaConnection) => Promise<void>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-txn-'));
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
      topics: [{ name: 't', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 5000,
      validateOnly: false,
    });
    if (created.topics[0]!.errorCode !== 0) throw new Error('CreateTopics failed');
    await run(connection);
  } finally {
    await connection.close();
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function produce(connection: KafkaConnection, records: Buffer, transactionalId: string | null = null) {
  return connection
    .request('Produce', 9, {
      transactionalId,
      acks: -1,
      timeoutMs: 5000,
      topicData: [{ name: 't', partitionData: [{ index: 0, records }] }],
    })
    .then((answer) => answer.responses[0]!.partitionResponses[0]!);
}

const idempotent = (producerId: number, baseSequence: number, values: string[], isTransactional = false) =>
  buildRecordBatch(
    values.map((value) => ({ value, timestamp: Date.now() })),
    { producerId, producerEpoch: 0, baseSequence, isTransactional },
  );

test('IP-7 InitProducerId: a new id at epoch 0 each time; a transactional id is refused, an empty one is INVALID_REQUEST', async (t) => {
  await withBroker(async (connection) => {
    const first = await connection.request('InitProducerId', 4, {
      transactionalId: null,
      transactionTimeoutMs: 60000,
    });
    t.like(first, { errorCode: 0, producerEpoch: 0 });
    // KIP-360: a producer naming its id and epoch still gets a new id (TransactionCoordinator.handleInitProducerId).
    const again = await connection.request('InitProducerId', 4, {
      transactionalId: null,
      transactionTimeoutMs: 60000,
      producerId: first.producerId,
      producerEpoch: first.producerEpoch,
    });
    t.like(again, { errorCode: 0, producerEpoch: 0 });
    t.not(again.producerId, first.producerId);
    const named = await connection.request('InitProducerId', 4, {
      transactionalId: 'tx',
      transactionTimeoutMs: 60000,
    });
    t.like(named, { errorCode: 53, producerId: -1, producerEpoch: -1 }); // TRANSACTIONAL_ID_AUTHORIZATION_FAILED
    const empty = await connection.request('InitProducerId', 4, {
      transactionalId: '',
      transactionTimeoutMs: 60000,
    });
    t.is(empty.errorCode, 42); // INVALID_REQUEST
  });
});

test('IP-2 IP-3 a retried idempotent batch gets its first offsets over the wire; a gap is OUT_OF_ORDER_SEQUENCE_NUMBER', async (t) => {
  await withBroker(async (connection) => {
    const { producerId } = await connection.request('InitProducerId', 4, {
      transactionalId: null,
      transactionTimeoutMs: 60000,
    });
    const id = Number(producerId);
    t.like(await produce(connection, idempotent(id, 0, ['a', 'b'])), { errorCode: 0, baseOffset: 0 });
    t.like(await produce(connection, idempotent(id, 2, ['c'])), { errorCode: 0, baseOffset: 2 });
    t.like(await produce(connection, idempotent(id, 0, ['a', 'b'])), { errorCode: 0, baseOffset: 0 });
    t.like(await produce(connection, idempotent(id, 5, ['d'])), { errorCode: 45, baseOffset: -1 });
    t.like(await produce(connection, buildRecordBatch([{ value: 'plain', timestamp: 0 }])), {
      baseOffset: 3,
    });
  });
});

test('IP-7 a transactional batch is refused with TRANSACTIONAL_ID_AUTHORIZATION_FAILED and nothing is written; a transaction API closes the connection', async (t) => {
  await withBroker(async (connection) => {
    t.like(await produce(connection, idempotent(1000, 0, ['x'], true), 'tx'), {
      errorCode: 53,
      baseOffset: -1,
    });
    t.like(await produce(connection, buildRecordBatch([{ value: 'after', timestamp: 0 }])), {
      baseOffset: 0,
    });
    const versions = await connection.request('ApiVersions', 0, {});
    const keys = versions.apiKeys.map((api) => api.apiKey);
    for (const transactional of [24, 25, 26, 27, 28, 65, 66]) t.false(keys.includes(transactional));
    // AddPartitionsToTxn (24) is not registered: WP-4 closes the connection.
    const frame = encodeRequestFrame(APIS.ApiVersions, 0, { correlationId: 9, clientId: 'c' }, {});
    frame.writeInt16BE(24, 4);
    await t.throwsAsync(connection.exchange(9, frame), { message: /closed/ });
  });
});

test('a batch header with an int64 field beyond 2^53 is not read as numbers: no throw, not transactional (found by the wire fuzzer)', (t) => {
  const record = { key: null, value: Buffer.from('v'), timestamp: 0 };
  const batch = buildRecordBatch([record]);
  batch.writeUInt32BE(0xffffffff, 27); // base timestamp, high word: far outside the safe integers
  t.false(hasTransactionalRecords(batch));
  const transactional = buildRecordBatch([record], { isTransactional: true });
  transactional.writeUInt32BE(0xffffffff, 27);
  t.true(hasTransactionalRecords(transactional));
});
