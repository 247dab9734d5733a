// Shared helpers for the log's tests: a manual clock, a simulated disk and record arbitraries.
import fc from 'fast-check';
import { buildRecordBatch } from '../batch/build.ts';
import type { SimpleRecord } from '../batch/record.ts';
import type { LogConfig } from '../config.ts';
import { seededRandom } from '../fs/random.ts';
import { SimulatedFileSystem } from '../fs/simulated.ts';
import { PartitionLog } from '../partition-log.ts';
import type { AppendResult, Clock, LogError, RecoveryReport } from '../types.ts';

export class ManualClock implements Clock {
  constructor(public time = 1_700_000_000_000) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export const DIRECTORY = '/data/topic-0';

export function simulatedDisk(seed = 1): SimulatedFileSystem {
  return new SimulatedFileSystem(seededRandom(seed));
}

export function openLog(
  fs: SimulatedFileSystem,
  clock: Clock,
  config: Partial<LogConfig> = {},
): { log: PartitionLog; recovery: RecoveryReport } {
  return PartitionLog.open({ fs, directory: DIRECTORY, clock, config });
}

export function expectAppended(result: AppendResult | LogError): AppendResult {
  if ('error' in result) throw new Error(`append failed: ${result.error} ${result.message}`);
  return result;
}

/** A batch of `count` records with distinct values, for tests that care about offsets. */
export function numberedBatch(first: number, count: number, timestamp: number, valueBytes = 10): Buffer {
  const records: SimpleRecord[] = [];
  for (let i = 0; i < count; i++)
    records.push({
      key: `k${(first + i) % 7}`,
      value: `${first + i}`.padEnd(valueBytes, '.'),
      timestamp: timestamp + i,
    });
  return buildRecordBatch(records);
}

export const recordArbitrary: fc.Arbitrary<SimpleRecord> = fc.record({
  key: fc.option(
    fc.uint8Array({ maxLength: 20 }).map((a) => Buffer.from(a)),
    { nil: null },
  ),
  value: fc.option(
    fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    { nil: null },
  ),
  timestamp: fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }),
  headers: fc.array(
    fc.record({
      key: fc.string({ maxLength: 10 }),
      value: fc.option(
        fc.uint8Array({ maxLength: 10 }).map((a) => Buffer.from(a)),
        { nil: null },
      ),
    }),
    { maxLength: 3 },
  ),
});
