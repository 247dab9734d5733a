import test from 'ava';
import fc from 'fast-check';
import { parseRecordBatches } from './batch/decode.ts';
import { dumpLog, resolveDumpPaths } from './dump/dump-log.ts';
import type { PartitionLog } from './partition-log.ts';
import { segmentPaths } from './segment/segment-names.ts';
import {
  DIRECTORY,
  expectAppended,
  ManualClock,
  numberedBatch,
  openLog,
  simulatedDisk,
} from './testing/log-fixtures.ts';

/** Every (offset, value) in the log, read through the public read path. */
function contents(log: PartitionLog): string[] {
  const values: string[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const result = log.read(offset, 1 << 16);
    if ('error' in result) throw new Error(result.message);
    const batches = parseRecordBatches(log.readBytes(result));
    for (const batch of batches)
      for (const record of batch.records) values.push(`${record.offset}:${record.value?.toString()}`);
    const last = batches[batches.length - 1]!.header;
    offset = last.baseOffset + last.lastOffsetDelta + 1;
  }
  return values;
}

test('LG-8: a torn final batch is cut at every possible byte, with or without a zero-filled tail', (t) => {
  const clock = new ManualClock();
  const config = { 'index.interval.bytes': 40 };
  const final = numberedBatch(15, 3, clock.now());
  const path = segmentPaths(DIRECTORY, 0).log;
  for (const zeroFill of [false, true]) {
    for (let kept = 0; kept < final.length; kept++) {
      const fs = simulatedDisk();
      const { log } = openLog(fs, clock, config);
      for (let i = 0; i < 5; i++) expectAppended(log.append(numberedBatch(i * 3, 3, clock.now()), 1));
      const expected = contents(log);
      const validEnd = log.sizeInBytes;
      expectAppended(log.append(Buffer.from(final), 1));
      fs.crash(); // nothing flushed: the torn bytes are above the recovery point
      const handle = fs.open(path);
      handle.truncate(validEnd + kept);
      if (zeroFill) handle.write(Buffer.alloc(final.length - kept), validEnd + kept);
      handle.close();
      const reopened = openLog(fs, clock, config);
      const label = `kept ${kept} bytes${zeroFill ? ' + zeros' : ''}`;
      // Zeros over bytes that were zeros anyway leave the batch intact (its last bytes can be 0).
      const intact = zeroFill && final.subarray(kept).every((byte) => byte === 0);
      const survivors = intact ? [...expected, '15:15........', '16:16........', '17:17........'] : expected;
      t.deepEqual(contents(reopened.log), survivors, label);
      t.is(reopened.log.logEndOffset, intact ? 18 : 15, label);
      t.deepEqual(reopened.recovery.corruptions, [], label);
      const cut = reopened.recovery.truncations.reduce((total, x) => total + x.bytesTruncated, 0);
      t.is(cut, intact ? 0 : zeroFill ? final.length : kept, label);
      const next = expectAppended(reopened.log.append(numberedBatch(99, 1, clock.now()), 1));
      t.is(next.baseOffset, reopened.log.logEndOffset - 1, label);
    }
  }
});

interface Step {
  kind: 'append' | 'flush' | 'tick';
  count: number;
}

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('append' as const), count: fc.integer({ min: 1, max: 6 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('flush' as const), count: fc.constant(0) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), count: fc.integer({ min: 1, max: 5000 }) }),
  },
);

test('LG-8: after random power losses in multi-segment logs, recovery keeps a prefix holding every flushed record', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.array(fc.array(stepArbitrary, { minLength: 1, maxLength: 40, size: 'max' }), {
        minLength: 1,
        maxLength: 3,
        size: 'max',
      }),
      fc.record({
        'segment.bytes': fc.integer({ min: 400, max: 1500 }),
        'index.interval.bytes': fc.integer({ min: 0, max: 400 }),
        'segment.ms': fc.integer({ min: 1000, max: 20000 }),
        'flush.messages': fc.constantFrom(2147483647, 7),
      }),
      (seed, rounds, config) => {
        const fs = simulatedDisk(seed);
        const clock = new ManualClock();
        let appended: string[] = [];
        let flushed = 0;
        let sequence = 0;
        for (const steps of rounds) {
          const { log, recovery } = openLog(fs, clock, config);
          const survived = contents(log);
          // A prefix of what was appended, containing everything flushed.
          t.deepEqual(survived, appended.slice(0, survived.length));
          t.true(survived.length >= flushed, `kept ${survived.length} of ${flushed} flushed`);
          t.deepEqual(recovery.corruptions, []);
          appended = survived;
          flushed = survived.length;
          for (const step of steps) {
            if (step.kind === 'tick') clock.advance(step.count);
            else if (step.kind === 'flush') {
              log.flush();
              flushed = appended.length;
            } else {
              const result = expectAppended(log.append(numberedBatch(sequence, step.count, clock.now()), 0));
              for (let i = 0; i < step.count; i++)
                appended.push(`${result.baseOffset + i}:${`${sequence + i}`.padEnd(10, '.')}`);
              sequence += step.count;
              flushed = Math.max(flushed, log.flushedOffset - log.logStartOffset);
            }
          }
          fs.powerLoss();
        }
        const { log } = openLog(fs, clock, config);
        const survived = contents(log);
        t.deepEqual(survived, appended.slice(0, survived.length));
        t.true(survived.length >= flushed);
        // The dump tool's independent checks agree: valid batches, indexes consistent with the log.
        log.close();
        const files = resolveDumpPaths(fs, [DIRECTORY], () => true);
        t.deepEqual(
          dumpLog(fs, files, { printRecords: false }).files.flatMap((f) => f.errors),
          [],
        );
      },
    ),
    { seed: 202, numRuns: 120 },
  );
});

test('LG-9: a corrupt batch in the middle of a flushed segment is reported as corruption, not skipped', (t) => {
  const clock = new ManualClock();
  const fs = simulatedDisk();
  const { log } = openLog(fs, clock);
  const positions: number[] = [];
  for (let i = 0; i < 10; i++) {
    positions.push(log.sizeInBytes);
    expectAppended(log.append(numberedBatch(i * 2, 2, clock.now()), 0));
  }
  log.flush();
  fs.crash();
  fs.corrupt(segmentPaths(DIRECTORY, 0).log, positions[4]! + 70);
  const { log: reopened, recovery } = openLog(fs, clock);
  t.is(recovery.corruptions.length, 1);
  t.is(recovery.corruptions[0]!.problem, 'crc-mismatch');
  t.is(recovery.corruptions[0]!.position, positions[4]!);
  t.regex(recovery.corruptions[0]!.detail, /followed by valid data/);
  t.is(reopened.logEndOffset, 8, 'what remains is the valid prefix');
});

test('LG-8: missing or inconsistent index files are rebuilt and reported', (t) => {
  const clock = new ManualClock();
  const fs = simulatedDisk();
  const config = { 'segment.bytes': 600, 'index.interval.bytes': 60 };
  const { log } = openLog(fs, clock, config);
  for (let i = 0; i < 30; i++) expectAppended(log.append(numberedBatch(i, 1, clock.now()), 0));
  const expected = contents(log);
  log.close();
  const paths = segmentPaths(DIRECTORY, 0);
  fs.remove(paths.index);
  const second = segmentPaths(DIRECTORY, log.segmentInfo()[1]!.baseOffset);
  const handle = fs.open(second.index);
  handle.write(Buffer.from('0000000f00000fff', 'hex'), handle.size());
  handle.close();
  const { log: reopened, recovery } = openLog(fs, clock, config);
  t.true(recovery.cleanShutdown);
  t.deepEqual(recovery.indexesRebuilt, ['00000000000000000000', log.segmentInfo()[1]!.name]);
  t.deepEqual(contents(reopened), expected);
  t.true(fs.readFile(paths.index).length > 0);
});

test('a clean shutdown skips batch validation; an unclean one validates from the recovery point', (t) => {
  const clock = new ManualClock();
  const fs = simulatedDisk();
  const config = { 'segment.bytes': 500 };
  const { log } = openLog(fs, clock, config);
  for (let i = 0; i < 20; i++) expectAppended(log.append(numberedBatch(i, 1, clock.now()), 0));
  log.close();
  const clean = openLog(fs, clock, config);
  t.true(clean.recovery.cleanShutdown);
  t.deepEqual(clean.recovery.segmentsRecovered, []);
  expectAppended(clean.log.append(numberedBatch(20, 1, clock.now()), 0));
  fs.crash();
  const unclean = openLog(fs, clock, config);
  t.false(unclean.recovery.cleanShutdown);
  t.deepEqual(unclean.recovery.segmentsRecovered, [unclean.log.segmentInfo().at(-1)!.name]);
  t.is(unclean.log.logEndOffset, 21, 'a process crash loses nothing');
});

test('after disk loss the log opens empty', (t) => {
  const clock = new ManualClock();
  const fs = simulatedDisk();
  const { log } = openLog(fs, clock);
  expectAppended(log.append(numberedBatch(0, 3, clock.now()), 0));
  log.flush();
  fs.diskLoss();
  const { log: fresh, recovery } = openLog(fs, clock);
  t.is(fresh.logEndOffset, 0);
  t.is(recovery.logEndOffset, 0);
});
