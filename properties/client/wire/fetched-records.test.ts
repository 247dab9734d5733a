// What the client reads from a Fetch answer's record bytes: whole batches from the fetch offset, and
// CORRUPT_MESSAGE, not a crash, when a broker returns records that do not decode (kfake stores
// malformed batches: docs/kfake-report.md).
import test from 'ava';
import { buildRecordBatch } from '../../../impl/log/batch/build.ts';
import { malformBatch } from '../malformed-batch.ts';
import { fetchedRecords } from './fetched-records.ts';

const batch = (values: string[]) =>
  buildRecordBatch(values.map((value) => ({ value: Buffer.from(value), timestamp: 1 })));

test('whole batches only, from the fetch offset on, at most max records', (t) => {
  const bytes = Buffer.concat([batch(['a', 'b', 'c'])]);
  t.deepEqual(fetchedRecords(bytes, 1, 10), [
    { offset: 1, value: 'b' },
    { offset: 2, value: 'c' },
  ]);
  t.deepEqual(fetchedRecords(bytes, 0, 1), [{ offset: 0, value: 'a' }]);
  t.deepEqual(fetchedRecords(bytes.subarray(0, bytes.length - 3), 0, 10), [], 'a cut batch is not read');
});

test('records that do not decode are corrupt, as the Java consumer finds them', (t) => {
  for (const kind of [
    'header-count-above',
    'null-header-key',
    'six-byte-length',
    'more-records-claimed',
  ] as const)
    t.is(fetchedRecords(malformBatch(batch(['a', 'b']), kind), 0, 10), 'corrupt', kind);
});
