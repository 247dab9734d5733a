import test from 'ava';
import { buildRecordBatch } from './batch/build.ts';
import { parseRecordBatches } from './batch/decode.ts';
import type { PartitionLog } from './partition-log.ts';
import { expectAppended, ManualClock, openLog, simulatedDisk } from './testing/log-fixtures.ts';

const COMPACTED = {
  'cleanup.policy': 'compact',
  'segment.bytes': 400,
  'delete.retention.ms': 10000,
} as const;

function keyed(
  key: string | null,
  value: string | null,
  timestamp: number,
  compression: 'none' | 'gzip' = 'none',
): Buffer {
  return buildRecordBatch([{ key, value, timestamp }], { compression });
}

/** (offset, key, value) of every record, through the public read path. */
function contents(log: PartitionLog): string[] {
  const out: string[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const result = log.read(offset, 1 << 16);
    if ('error' in result) throw new Error(result.message);
    if (result.slices.length === 0) break;
    for (const batch of parseRecordBatches(log.readBytes(result))) {
      for (const r of batch.records)
        out.push(`${r.offset}:${r.key?.toString() ?? '-'}=${r.value?.toString() ?? 'null'}`);
      offset = batch.header.baseOffset + batch.header.lastOffsetDelta + 1;
    }
  }
  return out;
}

test('LG-14: compaction keeps the latest record per key at its offset, and records without a key', (t) => {
  const clock = new ManualClock();
  const fs = simulatedDisk();
  const { log } = openLog(fs, clock, COMPACTED as never);
  const writes: [string | null, string][] = [];
  for (let i = 0; i < 30; i++) writes.push([i % 7 === 6 ? null : `k${i % 4}`, `v${i}`]);
  for (const [key, value] of writes)
    expectAppended(log.append(keyed(key, value, clock.now(), writes.length % 2 ? 'gzip' : 'none'), 1));
  const before = contents(log);
  const activeBase = log.segmentInfo().at(-1)!.baseOffset;
  const result = log.compact();
  t.true(result.recordsRemoved > 0);
  t.true(result.bytesAfter < result.bytesBefore);
  // Expected: in the cleaned range, a keyed record stays iff no later record in that range has its key.
  const expected = before.filter((line) => {
    const [offsetText, rest] = line.split(':') as [string, string];
    const offset = Number(offsetText);
    const key = rest.split('=')[0]!;
    if (offset >= activeBase || key === '-') return true;
    return !before.some((other) => {
      const [o, r] = other.split(':') as [string, string];
      return Number(o) > offset && Number(o) < activeBase && r.split('=')[0] === key;
    });
  });
  t.deepEqual(contents(log), expected);
  t.is(log.logEndOffset, 30, 'offsets never move');
  fs.powerLoss(); // compaction fsyncs what it rewrote: only the unflushed active tail may go
  const reopened = openLog(fs, clock, COMPACTED as never);
  t.deepEqual(reopened.recovery.corruptions, []);
  const survived = contents(reopened.log);
  t.deepEqual(survived, expected.slice(0, survived.length));
  t.true(survived.length >= expected.filter((line) => Number(line.split(':')[0]) < activeBase).length);
});

test('LG-14: tombstones stay until delete.retention.ms has passed, then go', (t) => {
  const clock = new ManualClock();
  const { log } = openLog(simulatedDisk(), clock, COMPACTED as never);
  expectAppended(log.append(keyed('a', 'one', clock.now()), 0));
  expectAppended(log.append(keyed('a', null, clock.now()), 0));
  for (let i = 0; i < 12; i++) expectAppended(log.append(keyed(`other${i}`, 'x', clock.now()), 0));
  log.compact();
  t.true(contents(log).includes('1:a=null'));
  t.false(contents(log).some((line) => line.startsWith('0:')));
  clock.advance(10001);
  const result = log.compact();
  t.is(result.tombstonesRemoved, 1);
  t.false(contents(log).some((line) => line.startsWith('1:')));
});

test('LG-14: compaction only under cleanup.policy=compact; compact-only logs skip time and size retention', (t) => {
  const clock = new ManualClock();
  const plain = openLog(simulatedDisk(1), clock, { 'segment.bytes': 400 }).log;
  for (let i = 0; i < 20; i++) expectAppended(plain.append(keyed('same', `v${i}`, clock.now()), 0));
  t.is(plain.compact().recordsRemoved, 0);
  const compacted = openLog(simulatedDisk(2), clock, {
    ...COMPACTED,
    'retention.ms': 1000,
    'retention.bytes': 10,
  } as never).log;
  for (let i = 0; i < 20; i++) expectAppended(compacted.append(keyed('same', `v${i}`, clock.now()), 0));
  clock.advance(5000);
  t.deepEqual(compacted.deleteOldSegments().segmentsDeleted, []);
});

test('LG-14: a compacted log replicates to a follower with its offset gaps', (t) => {
  const clock = new ManualClock();
  const leader = openLog(simulatedDisk(1), clock, COMPACTED as never).log;
  for (let i = 0; i < 20; i++) expectAppended(leader.append(keyed(`k${i % 3}`, `v${i}`, clock.now()), 2));
  leader.compact();
  const follower = openLog(simulatedDisk(2), clock, COMPACTED as never).log;
  let offset = 0;
  while (offset < leader.logEndOffset) {
    const read = leader.read(offset, 1 << 16);
    if ('error' in read) throw new Error(read.message);
    if (read.slices.length === 0) break;
    expectAppended(follower.appendAsFollower(leader.readBytes(read)));
    offset = read.slices.at(-1)!.lastOffset + 1;
  }
  t.deepEqual(contents(follower), contents(leader));
  t.is(follower.logEndOffset, leader.logEndOffset);
});
