import test from 'ava';
import fc from 'fast-check';
import { buildRecordBatch } from './batch/build.ts';
import { parseRecordBatches } from './batch/decode.ts';
import { readBatchHeader } from './batch/header.ts';
import type { PartitionLog } from './partition-log.ts';
import {
  DIRECTORY,
  expectAppended,
  ManualClock,
  numberedBatch,
  openLog,
  recordArbitrary,
  simulatedDisk,
} from './testing/log-fixtures.ts';
import type { ReadResult } from './types.ts';

function readOk(log: PartitionLog, offset: number, maxBytes: number, upperBound?: number): ReadResult {
  const result = log.read(offset, maxBytes, upperBound);
  if ('error' in result) throw new Error(result.message);
  return result;
}

/** Every record of the log, by reading from the start with small fetches. */
function readAllRecords(log: PartitionLog): { offset: number; value: string | undefined }[] {
  const records: { offset: number; value: string | undefined }[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const result = readOk(log, offset, 1);
    const batches = parseRecordBatches(log.readBytes(result));
    for (const batch of batches)
      for (const record of batch.records)
        if (record.offset >= offset) records.push({ offset: record.offset, value: record.value?.toString() });
    offset =
      batches[batches.length - 1]!.header.baseOffset +
      batches[batches.length - 1]!.header.lastOffsetDelta +
      1;
  }
  return records;
}

test('LG-2: append assigns consecutive offsets and reads return the same records (fast-check)', (t) => {
  fc.assert(
    fc.property(
      fc.array(fc.array(recordArbitrary, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 25 }),
      fc.integer({ min: 200, max: 3000 }),
      fc.integer({ min: 0, max: 500 }),
      (batches, segmentBytes, indexInterval) => {
        const clock = new ManualClock();
        const { log } = openLog(simulatedDisk(), clock, {
          'segment.bytes': segmentBytes,
          'index.interval.bytes': indexInterval,
        });
        const expected: { offset: number; value: string | undefined }[] = [];
        for (const records of batches) {
          const batch = buildRecordBatch(records);
          if (batch.length > segmentBytes) continue;
          const result = expectAppended(log.append(batch, 2));
          if (result.baseOffset !== expected.length) return false;
          records.forEach((r, i) => {
            expected.push({
              offset: result.baseOffset + i,
              value: r.value === null ? undefined : Buffer.from(r.value).toString(),
            });
          });
        }
        t.is(log.logEndOffset, expected.length);
        t.deepEqual(readAllRecords(log), expected);
        return true;
      },
    ),
    { seed: 101, numRuns: 60 },
  );
});

test('LG-5: read(offset) through the index finds the same batch as a linear scan, for every offset', (t) => {
  const clock = new ManualClock();
  const { log } = openLog(simulatedDisk(), clock, { 'segment.bytes': 2000, 'index.interval.bytes': 150 });
  const layout: { base: number; last: number }[] = [];
  for (let i = 0; i < 80; i++) {
    const result = expectAppended(log.append(numberedBatch(i, 1 + (i % 4), clock.now()), 0));
    layout.push({ base: result.baseOffset, last: result.lastOffset });
  }
  t.true(log.segmentInfo().length > 3);
  for (let offset = 0; offset < log.logEndOffset; offset++) {
    const linear = layout.find((batch) => batch.last >= offset)!;
    const result = readOk(log, offset, 1);
    t.is(result.slices[0]!.firstOffset, linear.base, `offset ${offset}`);
    t.is(readBatchHeader(log.readBytes(result)).baseOffset, linear.base);
  }
});

test('LG-6: reads stop at the upper bound (high watermark), return whole batches within maxBytes, at least one', (t) => {
  const clock = new ManualClock();
  const { log } = openLog(simulatedDisk(), clock);
  const sizes: number[] = [];
  for (let i = 0; i < 10; i++)
    sizes.push(expectAppended(log.append(numberedBatch(i * 2, 2, clock.now()), 0)).bytes);
  const hw = readOk(log, 0, 1 << 20, 7);
  t.is(hw.slices[0]!.lastOffset, 5, 'the batch 6-7 straddles HW 7 and is cut');
  t.deepEqual(readOk(log, 6, 1 << 20, 7).slices, []);
  const small = readOk(log, 0, sizes[0]! + sizes[1]! + 1);
  t.is(small.bytes, sizes[0]! + sizes[1]!);
  t.is(readOk(log, 0, 1).bytes, sizes[0]!, 'one batch even if larger than maxBytes');
  t.deepEqual(readOk(log, 20, 100).slices, [], 'a read at the log end offset is empty');
});

test('LG-6: read slices equal a reference walk over the appended batches (fast-check)', (t) => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 60 }),
      fc.integer({ min: 0, max: 600 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3000 }), fc.nat()), {
        minLength: 1,
        maxLength: 20,
      }),
      (counts, indexInterval, reads) => {
        const clock = new ManualClock();
        const { log } = openLog(simulatedDisk(), clock, {
          'segment.bytes': 2500,
          'index.interval.bytes': indexInterval,
        });
        const appended = counts.map((count, i) => {
          const result = expectAppended(log.append(numberedBatch(i, count, clock.now()), 0));
          return { base: result.baseOffset, last: result.lastOffset, size: result.bytes };
        });
        const segments = log.segmentInfo();
        const segmentOf = (offset: number) =>
          segments.findIndex((s) => offset >= s.baseOffset && offset < s.nextOffset);
        for (const [rawOffset, maxBytes, rawBound] of reads) {
          const offset = rawOffset % log.logEndOffset;
          const bound = rawBound % (log.logEndOffset + 1);
          const first = appended.findIndex((b) => b.last >= offset);
          const expected: number[] = [];
          let total = 0;
          for (let i = first; i < appended.length; i++) {
            const batch = appended[i]!;
            if (segmentOf(batch.base) !== segmentOf(appended[first]!.base) || batch.last >= bound) break;
            if (total + batch.size > maxBytes && total > 0) break;
            expected.push(batch.base);
            total += batch.size;
          }
          const result = readOk(log, offset, maxBytes, bound);
          const actual = parseRecordBatches(log.readBytes(result)).map((b) => b.header.baseOffset);
          if (JSON.stringify(actual) !== JSON.stringify(expected)) return false;
          if (
            result.slices[0] &&
            result.slices[0].lastOffset !== appended.find((b) => b.base === expected.at(-1))!.last
          )
            return false;
        }
        return true;
      },
    ),
    { seed: 606, numRuns: 150 },
  );
  t.pass();
});

test('LG-6: reads below the log start offset or above the log end offset are OFFSET_OUT_OF_RANGE', (t) => {
  const clock = new ManualClock();
  const { log } = openLog(simulatedDisk(), clock, { 'segment.bytes': 500 });
  for (let i = 0; i < 20; i++) expectAppended(log.append(numberedBatch(i, 1, clock.now()), 0));
  log.increaseLogStartOffset(5);
  for (const offset of [4, 21, -1]) {
    const result = log.read(offset, 100);
    t.true('error' in result && result.error === 'OFFSET_OUT_OF_RANGE', `offset ${offset}`);
  }
  t.false('error' in log.read(5, 100));
});

test('LG-4: segments roll on segment.bytes and on segment.ms (from the first batch timestamp)', (t) => {
  const clock = new ManualClock();
  const { log } = openLog(simulatedDisk(), clock, { 'segment.bytes': 1000, 'segment.ms': 60000 });
  const size = numberedBatch(0, 1, clock.now()).length;
  for (let i = 0; i < 20; i++) expectAppended(log.append(numberedBatch(i, 1, clock.now()), 0));
  const bySize = log.segmentInfo();
  t.true(
    bySize.every((s, i) => i === bySize.length - 1 || (s.sizeInBytes <= 1000 && s.sizeInBytes + size > 1000)),
  );
  t.is(bySize[1]!.name, String(bySize[0]!.nextOffset).padStart(20, '0'));
  const before = bySize.length;
  clock.advance(60001);
  expectAppended(log.append(numberedBatch(20, 1, clock.now()), 0));
  t.is(log.segmentInfo().length, before + 1, 'an old active segment rolls');
});

test('LG-12: deleted segments stay readable for file.delete.delay.ms (renamed *.deleted), then go', (t) => {
  const clock = new ManualClock();
  const fs = simulatedDisk();
  const { log } = openLog(fs, clock, {
    'segment.bytes': 400,
    'retention.bytes': 500,
    'file.delete.delay.ms': 1000,
  });
  for (let i = 0; i < 20; i++) expectAppended(log.append(numberedBatch(i, 1, clock.now()), 0));
  const early = readOk(log, 0, 100);
  const bytes = log.readBytes(early);
  const deleted = log.deleteOldSegments().segmentsDeleted;
  t.true(deleted.length > 0);
  t.deepEqual(log.sliceBytes(early.slices[0]!), bytes, 'a slice handed out before the deletion still reads');
  t.true(fs.list(DIRECTORY).includes(`${deleted[0]}.log.deleted`));
  t.false(fs.list(DIRECTORY).includes(`${deleted[0]}.log`));
  clock.advance(1000);
  log.closeDeletedSegments();
  t.false(fs.list(DIRECTORY).some((name) => name.endsWith('.deleted')));
  t.throws(() => log.sliceBytes(early.slices[0]!), { message: /gone/ });
});

test('LG-4: a segment also rolls when its offset index is full (segment.index.bytes)', (t) => {
  const clock = new ManualClock();
  const { log } = openLog(simulatedDisk(), clock, { 'segment.index.bytes': 24, 'index.interval.bytes': 0 });
  for (let i = 0; i < 12; i++) expectAppended(log.append(numberedBatch(i, 1, clock.now()), 0));
  // 24 bytes hold 3 offset entries; the first batch of a segment is never indexed (no bytes before
  // it); equal timestamps add no time-index entries. So a segment holds 4 batches.
  t.deepEqual(
    log.segmentInfo().map((s) => s.nextOffset - s.baseOffset),
    [4, 4, 4],
  );
  // With rising timestamps the time index (12-byte entries: 2 fit) fills first: 3 batches a segment.
  const rising = openLog(simulatedDisk(2), clock, {
    'segment.index.bytes': 24,
    'index.interval.bytes': 0,
  }).log;
  for (let i = 0; i < 12; i++) {
    clock.advance(1);
    expectAppended(rising.append(numberedBatch(i, 1, clock.now()), 0));
  }
  t.deepEqual(
    rising.segmentInfo().map((s) => s.nextOffset - s.baseOffset),
    [3, 3, 3, 3],
  );
});

test('LG-10: truncateTo removes whole batches at and after the offset, across segments, and trims the epoch cache', (t) => {
  const clock = new ManualClock();
  const { log } = openLog(simulatedDisk(), clock, { 'segment.bytes': 400, 'index.interval.bytes': 50 });
  for (let i = 0; i < 30; i++)
    expectAppended(log.append(numberedBatch(i * 2, 2, clock.now()), i < 15 ? 1 : 2));
  t.deepEqual(log.endOffsetForEpoch(1), { epoch: 1, endOffset: 30 });
  log.truncateTo(21); // inside the batch 20-21: the whole batch goes
  t.is(log.logEndOffset, 20);
  t.deepEqual(log.epochEntries(), [{ epoch: 1, startOffset: 0 }]);
  t.deepEqual(
    readAllRecords(log).map((r) => r.offset),
    [...Array(20).keys()],
  );
  const appended = expectAppended(log.append(numberedBatch(0, 3, clock.now()), 3));
  t.is(appended.baseOffset, 20);
  t.deepEqual(log.endOffsetForEpoch(1), { epoch: 1, endOffset: 20 });
  log.truncateTo(0);
  t.is(log.logEndOffset, 0);
  t.deepEqual(readOk(log, 0, 100).slices, []);
});

test('LG-12: retention deletes whole old segments by retention.bytes and retention.ms, never the active one', (t) => {
  const clock = new ManualClock();
  const { log } = openLog(simulatedDisk(), clock, { 'segment.bytes': 500, 'retention.bytes': 1200 });
  for (let i = 0; i < 40; i++) expectAppended(log.append(numberedBatch(i, 1, clock.now()), 0));
  const before = log.segmentInfo();
  const result = log.deleteOldSegments();
  const after = log.segmentInfo();
  t.true(result.segmentsDeleted.length > 0);
  t.deepEqual(result.reason, ['retention.bytes']);
  t.is(log.logStartOffset, after[0]!.baseOffset);
  t.true(log.sizeInBytes >= 1200 - before[0]!.sizeInBytes);
  t.true(
    log.sizeInBytes - after[0]!.sizeInBytes < 1200,
    'deleting one more segment would go below the limit',
  );
  const timed = openLog(simulatedDisk(2), clock, { 'segment.bytes': 500, 'retention.ms': 1000 }).log;
  for (let i = 0; i < 20; i++) expectAppended(timed.append(numberedBatch(i, 1, clock.now()), 0));
  t.deepEqual(timed.deleteOldSegments().segmentsDeleted, []);
  clock.advance(5000);
  const expired = timed.deleteOldSegments();
  t.true(expired.segmentsDeleted.length > 0);
  t.deepEqual(expired.reason, ['retention.ms']);
  t.is(timed.segmentInfo().length, 1);
  t.is(timed.logStartOffset, timed.segmentInfo()[0]!.baseOffset);
});

test('LG-7: offsetForTimestamp equals a linear scan of record timestamps', (t) => {
  const clock = new ManualClock(1000);
  const { log } = openLog(simulatedDisk(), clock, { 'segment.bytes': 600, 'index.interval.bytes': 100 });
  const records: { offset: number; timestamp: number }[] = [];
  for (let i = 0; i < 40; i++) {
    const timestamps = [1000 + i * 10, 1000 + i * 10 + 7, 1000 + i * 10 + 3];
    const batch = buildRecordBatch(
      timestamps.map((timestamp) => ({ value: 'v', timestamp })),
      { compression: i % 2 ? 'gzip' : 'none' },
    );
    const result = expectAppended(log.append(batch, 0));
    timestamps.forEach((timestamp, j) => {
      records.push({ offset: result.baseOffset + j, timestamp });
    });
  }
  for (let target = 990; target < 1420; target += 1) {
    const linear = records.find((r) => r.timestamp >= target);
    t.deepEqual(log.offsetForTimestamp(target), linear, `timestamp ${target}`);
  }
});

test('LG-13: flush.messages fsyncs after that many records and moves the flushed offset', (t) => {
  const clock = new ManualClock();
  const fs = simulatedDisk();
  const { log } = openLog(fs, clock, { 'flush.messages': 5 });
  expectAppended(log.append(numberedBatch(0, 3, clock.now()), 0));
  t.is(log.flushedOffset, 0);
  expectAppended(log.append(numberedBatch(3, 3, clock.now()), 0));
  t.is(log.flushedOffset, 6);
  const timed = openLog(simulatedDisk(2), clock, { 'flush.ms': 1000 }).log;
  expectAppended(timed.append(numberedBatch(0, 1, clock.now()), 0));
  t.false(timed.maybeFlush());
  clock.advance(1000);
  expectAppended(timed.append(numberedBatch(1, 1, clock.now()), 0));
  t.is(timed.flushedOffset, 0, 'an append does not look at flush.ms: the log flusher does');
  t.true(timed.maybeFlush());
  t.is(timed.flushedOffset, 2);
  t.false(timed.maybeFlush(), 'nothing left to flush');
  clock.advance(999);
  expectAppended(timed.append(numberedBatch(2, 1, clock.now()), 0));
  t.false(timed.maybeFlush(), 'flushed 999 ms ago');
  clock.advance(1);
  t.true(timed.maybeFlush(), 'flushed flush.ms ago: due');
});

test('LG-13: a flush with nothing to flush leaves the last flush time (LocalLog.markFlushed)', (t) => {
  const clock = new ManualClock();
  const { log } = openLog(simulatedDisk(), clock, { 'flush.ms': 1000 });
  clock.advance(900);
  log.flush();
  clock.advance(100);
  expectAppended(log.append(numberedBatch(0, 1, clock.now()), 0));
  t.true(log.maybeFlush(), 'last flushed when opened, 1000 ms ago: the empty flush did not count');
});

test('LG-1: bad batches are refused with Kafka error names and nothing is written', (t) => {
  const clock = new ManualClock();
  const { log } = openLog(simulatedDisk(), clock, { 'segment.bytes': 300 });
  const batch = numberedBatch(0, 2, clock.now());
  const corrupt = Buffer.from(batch);
  corrupt[corrupt.length - 1] = corrupt[corrupt.length - 1]! ^ 1;
  t.like(log.append(corrupt, 0), { error: 'CORRUPT_MESSAGE' });
  t.like(log.append(batch.subarray(0, batch.length - 3), 0), { error: 'CORRUPT_MESSAGE' });
  t.like(log.append(numberedBatch(0, 30, clock.now()), 0), { error: 'RECORD_LIST_TOO_LARGE' });
  t.like(log.append(Buffer.alloc(0), 0), { error: 'INVALID_RECORD' });
  t.is(log.logEndOffset, 0);
  t.is(log.sizeInBytes, 0);
});

test('LG-3: follower appends keep the leader offsets and epochs and feed the epoch cache', (t) => {
  const clock = new ManualClock();
  const leader = openLog(simulatedDisk(1), clock).log;
  const follower = PartitionLogOpen(simulatedDisk(2), clock);
  for (let i = 0; i < 6; i++) expectAppended(leader.append(numberedBatch(i, 2, clock.now()), i < 3 ? 4 : 6));
  const fetched = leader.readBytes(readOk(leader, 0, 1 << 20));
  expectAppended(follower.appendAsFollower(fetched));
  t.is(follower.logEndOffset, 12);
  t.deepEqual(follower.epochEntries(), leader.epochEntries());
  t.deepEqual(follower.readBytes(readOk(follower, 0, 1 << 20)), fetched);
  t.throws(() => follower.appendAsFollower(fetched), { name: 'UnexpectedAppendOffsetError' });
});

function PartitionLogOpen(fs: ReturnType<typeof simulatedDisk>, clock: ManualClock): PartitionLog {
  return openLog(fs, clock).log;
}

test('log settings are validated by Kafka name', (t) => {
  const clock = new ManualClock();
  t.throws(() => openLog(simulatedDisk(), clock, { 'segment.bytes': 3 }), { message: /segment.bytes/ });
  t.throws(() => openLog(simulatedDisk(), clock, { 'segment.byte': 100 } as never), {
    message: /not a log setting/,
  });
});

test("max.message.bytes: a producer's batch above it is refused MESSAGE_TOO_LARGE before the segment size is looked at; a follower copies it anyway", (t) => {
  const clock = new ManualClock();
  const small = numberedBatch(0, 2, clock.now());
  const { log } = openLog(simulatedDisk(), clock, {
    'max.message.bytes': small.length,
    'segment.bytes': 100,
  });
  const large = numberedBatch(0, 3, clock.now());
  t.like(log.append(large, 0), {
    error: 'MESSAGE_TOO_LARGE',
    message: `The record batch size in the append is ${large.length} bytes which exceeds the maximum configured value of ${small.length}.`,
  });
  t.is(log.logEndOffset, 0);
  expectAppended(
    openLog(simulatedDisk(2), clock, { 'max.message.bytes': small.length }).log.append(small, 0),
  );
  const follower = openLog(simulatedDisk(3), clock, { 'max.message.bytes': small.length }).log;
  const leader = openLog(simulatedDisk(4), clock).log;
  expectAppended(leader.append(numberedBatch(0, 3, clock.now()), 0));
  const copied = leader.readBytes(readOk(leader, 0, 1 << 20));
  t.false('error' in follower.appendAsFollower(copied), 'a follower is not held to max.message.bytes');
  t.is(follower.logEndOffset, 3);
});
