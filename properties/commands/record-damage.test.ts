// Damaged records sections (`produce.records`, LG-1): the section the model writes is the one the
// client builds, the reference's log answers every damaged section as Kafka's record reader
// (spec/record-section.ts) does, and the generator reaches the lies that matter.
import test from 'ava';
import fc from 'fast-check';
import { validateBatches } from '../../impl/log/append-validation.ts';
import { buildRecordBatch } from '../../impl/log/batch/index.ts';
import { readSection, writeSection } from '../../spec/record-section.ts';
import { withRecordsSection } from '../client/malformed-batch.ts';
import { arbitraries } from './arbitraries.ts';
import type { ProduceCommand } from './produce.ts';
import { applyRecordEdit, damagedSection, HONEST, type RecordDamage, recordBytes } from './record-damage.ts';

const RECORDS = 61;
const values = fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 3 });
const timestamps = fc.array(fc.nat({ max: 4_000_000 }), { minLength: 3, maxLength: 3 });
const damages = fc
  .sample(arbitraries.damagedProduce, { seed: 11, numRuns: 4000 })
  .map((command) => (command as ProduceCommand).variant.damage!);
const damage = fc.constantFrom(...damages);

const build = (vs: readonly string[], ts: readonly number[]) =>
  buildRecordBatch(
    vs.map((value, i) => ({ key: null, value, timestamp: ts[i]! })),
    {},
  );

test('the records section the model writes is the one the client builds, and an honest crafted record is it too', (t) => {
  fc.assert(
    fc.property(values, timestamps, (vs, ts) => {
      const section = writeSection(vs.map((value, i) => ({ value, timestamp: ts[i]! })));
      t.deepEqual(build(vs, ts).subarray(RECORDS), section);
      const honest = Buffer.concat(
        vs.map((value, i) => recordBytes({ value, timestamp: ts[i]! }, ts[0]!, i, HONEST)),
      );
      t.deepEqual(honest, section);
    }),
    { seed: 7, numRuns: 300 },
  );
});

test("the reference's log refuses or stores every damaged section as Kafka's record reader does", (t) => {
  let refused = 0;
  fc.assert(
    fc.property(values, timestamps, damage, (vs, ts, d) => {
      const hex = damagedSection(d, vs, ts);
      if (hex === undefined) return;
      const section = Buffer.from(hex, 'hex');
      const reference = validateBatches(
        withRecordsSection(build(vs, ts), section),
        Number.POSITIVE_INFINITY,
        true,
      );
      const kafka = readSection(section, vs.length);
      const answer = 'error' in reference ? reference.error : 'NONE';
      if (answer !== kafka.error)
        t.fail(`${JSON.stringify({ vs, ts, d })}: reference ${answer}, DefaultRecord ${kafka.error}`);
      if (kafka.error !== 'NONE') refused += 1;
    }),
    { seed: 7, numRuns: 4000 },
  );
  t.true(refused > 1000, `${refused} refused`);
});

test('a damaged section that still reads reads back the values sent; one that would not is moved or dropped', (t) => {
  // Setting the first value's first byte changes what is stored: the edit moves on to a position
  // whose change is refused or harmless.
  const edit: RecordDamage = { kind: 'edit', op: 'set', at: 6, byte: 0x41 };
  const hex = damagedSection(edit, ['abc'], [0])!;
  const reading = readSection(Buffer.from(hex, 'hex'), 1);
  t.true(reading.error !== 'NONE' || reading.records[0]!.value === 'abc');
  t.not(hex, applyRecordEdit(writeSection([{ value: 'abc', timestamp: 0 }]), edit).toString('hex'));
});

test('the generator reaches the crafted records the fast walk must refuse', (t) => {
  type Crafted = Extract<RecordDamage, { kind: 'crafted' }>;
  const crafted = damages.filter((d): d is Crafted => d.kind === 'crafted');
  const has = (f: (d: Crafted) => boolean) => crafted.some(f);
  const otherwiseHonest = (d: Crafted) => d.lengthLie === 0 && d.varints !== 'inverted';
  t.true(
    has(
      (d) =>
        d.varints === 'inverted' &&
        d.headers === 0 &&
        d.countLie === 0 &&
        d.headerBytes.length === 0 &&
        d.lengthLie === 0,
    ),
    'varints ended by a high bit',
  );
  t.true(
    has((d) => d.headers === 1 && d.countLie === -1 && d.headerBytes.length === 0 && otherwiseHonest(d)),
    'a header after a count of 0',
  );
  t.true(
    has((d) => d.headers === 0 && d.countLie === 1 && d.headerBytes.join() === '1' && otherwiseHonest(d)),
    'a header key length of -1 counted as a header',
  );
  t.true(
    has((d) => d.headers === 0 && d.countLie === -1),
    'a header count of -1',
  );
  const edits = damages.filter((d) => d.kind === 'edit');
  for (const op of ['set', 'insert', 'delete'])
    t.true(
      edits.some((d) => d.op === op),
      op,
    );
  for (const byte of [0x00, 0x7f, 0x80, 0xff])
    t.true(
      edits.some((d) => d.byte === byte),
      String(byte),
    );
});
