// The edited records sections a produce may carry (`produce.recordEdit`, LG-1): the client's batch
// and the model's judgement agree byte for byte on what is sent, and the reference's log validation
// (impl/log) gives the answer spec/record-section.ts reads from Kafka's DefaultRecord, edit by edit.
import test from 'ava';
import fc from 'fast-check';
import { validateBatches } from '../../impl/log/append-validation.ts';
import { buildRecordBatch } from '../../impl/log/batch/index.ts';
import { type RecordEdit, readEditedSection, writeSection } from '../../spec/record-section.ts';
import { withRecordEdit } from './malformed-batch.ts';

const RECORDS = 61;
const values = fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 3 });
const timestamps = fc.array(fc.nat({ max: 4_000_000 }), { minLength: 3, maxLength: 3 });
const edit: fc.Arbitrary<RecordEdit> = fc.record({
  op: fc.constantFrom('set', 'set', 'insert', 'delete'),
  at: fc.nat({ max: 60 }),
  byte: fc.oneof(
    fc.constantFrom(0x00, 0x01, 0x02, 0x03, 0x7f, 0x80, 0x81, 0x82, 0xfe, 0xff),
    fc.nat({ max: 255 }),
  ),
});

const build = (vs: string[], ts: number[]) =>
  buildRecordBatch(
    vs.map((value, i) => ({ key: null, value, timestamp: ts[i]! })),
    {},
  );

test('the records section the model writes is the one the client builds', (t) => {
  fc.assert(
    fc.property(values, timestamps, (vs, ts) => {
      const section = writeSection(vs.map((value, i) => ({ value, timestamp: ts[i]! })));
      t.deepEqual(build(vs, ts).subarray(RECORDS), section);
    }),
    { seed: 7, numRuns: 300 },
  );
});

test("the reference's log refuses or stores an edited section as Kafka's record reader does", (t) => {
  fc.assert(
    fc.property(values, timestamps, edit, (vs, ts, e) => {
      const batch = withRecordEdit(build(vs, ts), e);
      const reference = validateBatches(batch, Number.POSITIVE_INFINITY, true);
      const spec = readEditedSection(vs, ts, e);
      const answer = 'error' in reference ? reference.error : 'NONE';
      if (answer !== spec.error)
        t.fail(
          `${JSON.stringify({ vs, ts, e })}: reference ${answer}, DefaultRecord ${spec.error} (${'why' in spec ? spec.why : ''})`,
        );
    }),
    { seed: 7, numRuns: 3000 },
  );
  t.pass();
});
