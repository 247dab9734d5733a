import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildRecordBatch } from './batch/build.ts';
import { RealFileSystem } from './fs/real.ts';
import { PartitionLog } from './partition-log.ts';

const value = Buffer.alloc(100, 3);
const batch = buildRecordBatch(
  Array.from({ length: 145 }, (_, i) => ({ value, timestamp: 1_700_000_000_000 + i })),
);
const batches = Array.from({ length: 8192 }, () => Buffer.from(batch));
for (const round of [0, 1, 2, 3]) {
  rmSync('/tmp/zz-a', { recursive: true, force: true });
  let c = process.cpuUsage();
  let t = performance.now();
  const fd = openSync('/tmp/zz-base', 'w');
  let p = 0;
  for (const b of batches) {
    writeSync(fd, b, 0, b.length, p);
    p += b.length;
  }
  closeSync(fd);
  const base = performance.now() - t;
  const baseCpu = process.cpuUsage(c);
  const { log } = PartitionLog.open({
    fs: new RealFileSystem(),
    directory: '/tmp/zz-a',
    clock: { now: () => 1 },
  });
  c = process.cpuUsage();
  t = performance.now();
  for (const b of batches) log.append(b, 0);
  const l = performance.now() - t;
  const logCpu = process.cpuUsage(c);
  log.close();
  console.log(
    'base',
    base.toFixed(0),
    'log',
    l.toFixed(0),
    'ratio',
    (base / l).toFixed(2),
    'cpu ratio',
    ((baseCpu.user + baseCpu.system) / (logCpu.user + logCpu.system)).toFixed(2),
  );
}
