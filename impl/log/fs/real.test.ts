import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { PartitionLog } from '../partition-log.ts';
import { expectAppended, ManualClock, numberedBatch } from '../testing/log-fixtures.ts';
import { RealFileSystem } from './real.ts';

test('LG-8: on the real disk, a chopped segment tail is cut on open and the log continues', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'kspec-real-'));
  const directory = join(root, 'orders-0');
  const clock = new ManualClock();
  const fs = new RealFileSystem();
  const { log } = PartitionLog.open({ fs, directory, clock, config: { 'segment.bytes': 600 } });
  for (let i = 0; i < 20; i++) expectAppended(log.append(numberedBatch(i, 2, clock.now()), 1));
  const active = log.segmentInfo().at(-1)!;
  // The process dies without closing the log; then the unflushed tail of the active segment is
  // torn, as a power loss would leave it.
  truncateSync(active.path, statSync(active.path).size - 7);
  const reopened = PartitionLog.open({ fs, directory, clock, config: { 'segment.bytes': 600 } });
  t.is(reopened.recovery.truncations.length, 1);
  t.deepEqual(reopened.recovery.corruptions, []);
  t.is(reopened.log.logEndOffset, 38, 'the last batch (offsets 38-39) was torn');
  t.is(expectAppended(reopened.log.append(numberedBatch(99, 1, clock.now()), 1)).baseOffset, 38);
  const read = reopened.log.read(0, 1 << 20);
  if ('error' in read) throw new Error(read.message);
  t.true(typeof read.slices[0]!.fd === 'number', 'real files expose their descriptor for sendfile');
  reopened.log.close();
  t.deepEqual(
    readdirSync(directory).filter((name) => !/^\d{20}\.(log|index|timeindex)$/.test(name)),
    [
      '.kafka_cleanshutdown',
      '00000000000000000038.snapshot', // the producer snapshot taken at the load (IP-6)
      'leader-epoch-checkpoint',
      'log-start-offset-checkpoint',
      'recovery-point-offset-checkpoint',
    ],
  );
  rmSync(root, { recursive: true });
});
