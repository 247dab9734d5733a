// LG-1 on the data-plane model: a malformed batch is answered as Kafka 4.4 answers it
// (spec/malformed-batches.ts) and nothing is appended; the request's own check comes before
// leadership and min.insync.replicas, the log's after them.
import test from 'ava';
import { MALFORMED_BATCH_RULES, MALFORMED_BATCHES } from '../../spec/malformed-batches.ts';
import { DataPlaneDriver, produceAnswer } from './testing/data-plane-driver.ts';

const malformed = (d: DataPlaneDriver, kind: (typeof MALFORMED_BATCHES)[number], acks = 1) =>
  d.step({
    type: 'produce',
    producer: 'p',
    topic: 't',
    partition: 0,
    values: ['a', 'b'],
    acks,
    malformed: kind,
  });

test('LG-1 every malformed batch gets its table answer; only what Kafka stores is stored', async (t) => {
  for (const kind of MALFORMED_BATCHES) {
    const d = await DataPlaneDriver.start();
    const answer = produceAnswer(await malformed(d, kind));
    const expected = MALFORMED_BATCH_RULES[kind].error;
    t.like(answer, { error: expected, baseOffset: expected === 'NONE' ? 0 : -1 }, kind);
    t.is((await d.partition()).replicaStates[0]!.logEndOffset, expected === 'NONE' ? 2 : 0, kind);
  }
});

test('LG-1 below min.insync.replicas the request check still refuses first; the log checks come after NOT_ENOUGH_REPLICAS', async (t) => {
  for (const [kind, first] of [
    ['empty', 'INVALID_RECORD'],
    ['truncated', 'INVALID_RECORD'],
    ['bad-crc', 'NOT_ENOUGH_REPLICAS'],
    ['six-byte-length', 'NOT_ENOUGH_REPLICAS'],
  ] as const) {
    const d = await DataPlaneDriver.start();
    await d.fail(1, 'process-crash');
    await d.fail(2, 'process-crash');
    t.like(produceAnswer(await malformed(d, kind, -1)), { error: first }, kind);
  }
});

test('LG-1 acks=0 gets no answer for a malformed batch either, and nothing is stored', async (t) => {
  const d = await DataPlaneDriver.start();
  t.deepEqual(await malformed(d, 'bad-crc', 0), []);
  t.is((await d.partition()).replicaStates[0]!.logEndOffset, 0);
});
