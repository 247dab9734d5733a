import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { buildRecordBatch } from '../batch/build.ts';
import { RealFileSystem } from '../fs/real.ts';
import { PartitionLog } from '../partition-log.ts';
import { ManualClock } from '../testing/log-fixtures.ts';
import { dumpLog, resolveDumpPaths } from './dump-log.ts';
import type { FileDump } from './dump-segment.ts';

const run = promisify(execFile);
const kspec = new URL('../../../bin/kspec.js', import.meta.url).pathname;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [kspec, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

interface Written {
  directory: string;
  appended: {
    baseOffset: number;
    lastOffset: number;
    count: number;
    size: number;
    position: number;
    segment: number;
  }[];
}

/** Writes a two-segment log on the real disk and remembers what every append reported. */
function writeLog(): Written {
  const directory = join(mkdtempSync(join(tmpdir(), 'kspec-dump-')), 'orders-0');
  const clock = new ManualClock(1_700_000_000_000);
  const { log } = PartitionLog.open({
    fs: new RealFileSystem(),
    directory,
    clock,
    config: { 'segment.bytes': 700, 'index.interval.bytes': 100 },
  });
  const appended: Written['appended'] = [];
  for (let i = 0; i < 14; i++) {
    const count = 1 + (i % 3);
    const records = Array.from({ length: count }, (_, j) => ({
      key: `k${i}`,
      value: `value ${i}.${j}`,
      timestamp: clock.now() + i,
    }));
    const result = log.append(buildRecordBatch(records, { compression: i % 4 === 0 ? 'gzip' : 'none' }), 2);
    if ('error' in result) throw new Error(result.message);
    const read = log.read(result.baseOffset, 1);
    if ('error' in read) throw new Error(read.message);
    const slice = read.slices[0]!;
    appended.push({
      baseOffset: result.baseOffset,
      lastOffset: result.lastOffset,
      count,
      size: result.bytes,
      position: slice.position,
      segment: log.segmentInfo().findIndex((s) => s.path === slice.path),
    });
  }
  log.close();
  return { directory, appended };
}

test('golden: the dump of a kspec-written log shows exactly the figures the log reported', (t) => {
  const { directory, appended } = writeLog();
  const fs = new RealFileSystem();
  const files = resolveDumpPaths(fs, [directory], (path) => path === directory);
  const report = dumpLog(fs, files, { printRecords: true });
  t.is(report.errorCount, 0);
  const logs = report.files.filter(
    (f): f is FileDump & { batches: NonNullable<FileDump['batches']> } => f.kind === 'log',
  );
  t.is(logs.length, appended.at(-1)!.segment + 1);
  t.true(logs.length > 1);
  const dumped = logs.flatMap((file, segment) =>
    file.batches.map((b) => ({
      baseOffset: b.baseOffset,
      lastOffset: b.lastOffset,
      count: b.count,
      size: b.size,
      position: b.position,
      segment,
    })),
  );
  t.deepEqual(dumped, appended);
  t.true(logs.every((file) => file.batches.every((b) => b.crcValid && b.partitionLeaderEpoch === 2)));
  t.deepEqual(
    logs[0]!.batches[1]!.records!.map((r) => r.value),
    ['value 1.0', 'value 1.1'],
  );
  const indexes = report.files.filter((f) => f.kind !== 'log');
  t.is(indexes.length, 2 * logs.length);
  t.true(indexes.some((f) => (f.entries?.length ?? 0) > 0));
  t.true(indexes.every((f) => f.entries!.every((e) => e.consistent)));
  rmSync(dirname(directory), { recursive: true });
});

test('the CLI reports a CRC failure, a torn tail and an inconsistent index with exit code 1', async (t) => {
  const { directory, appended } = writeLog();
  const logPath = join(directory, '00000000000000000000.log');
  const bytes = readFileSync(logPath);
  bytes[appended[1]!.position + 70] = bytes[appended[1]!.position + 70]! ^ 0xff;
  writeFileSync(logPath, bytes.subarray(0, bytes.length - 5));
  writeFileSync(join(directory, '00000000000000000000.index'), Buffer.from('000000010000000a', 'hex'));
  const text = await cli('log', 'dump', logPath, join(directory, '00000000000000000000.index'));
  t.is(text.code, 1);
  t.regex(text.stdout, /isvalid: false/);
  t.true(
    text.stdout.includes(
      `ERROR: position ${appended[1]!.position}: batch ${appended[1]!.baseOffset}-${appended[1]!.lastOffset} fails its CRC-32C check`,
    ),
  );
  t.regex(text.stdout, /ERROR: position \d+: truncated-batch/);
  t.regex(text.stdout, /INCONSISTENT: no batch starts at position 10/);
  const json = await cli('log', 'dump', '--json', logPath);
  const parsed = JSON.parse(json.stdout) as { errorCount: number; files: FileDump[] };
  t.is(json.code, 1);
  t.is(parsed.errorCount, 2);
  t.is(parsed.files[0]!.batches!.filter((b) => !b.crcValid).length, 1);
  const missing = await cli('log', 'dump', join(directory, 'nope.log'));
  t.is(missing.code, 2);
  t.regex(missing.stderr, /no such file or directory/);
  const notSegment = await cli('log', 'dump', join(directory, 'leader-epoch-checkpoint'));
  t.is(notSegment.code, 2);
  t.regex(notSegment.stderr, /not a segment file/);
  rmSync(dirname(directory), { recursive: true });
});
