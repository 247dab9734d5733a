// Damaged replication-offset-checkpoint files (the brokers' high watermarks): whatever the bytes,
// readHighWatermarks must not throw and must give either nothing or offsets a log can hold
// (non-negative integers up to 2^53), so a restarted replica never resumes from a nonsense HW.

import { seededRandom } from '../log/fs/random.ts';
import { SimulatedFileSystem } from '../log/fs/simulated.ts';
import { damage } from '../log/fuzz/damage.ts';
import { SeededRandom } from '../sim/random.ts';
import {
  HIGH_WATERMARK_CHECKPOINT,
  readHighWatermarks,
  writeHighWatermarks,
} from './high-watermark-checkpoint.ts';

export function runHighWatermarkFuzz(options: { iterations: number; seed: number }): {
  iterations: number;
  failures: string[];
} {
  const root = new SeededRandom(options.seed >>> 0);
  const failures: string[] = [];
  for (let i = 0; i < options.iterations && failures.length < 20; i++) {
    const random = root.derive(`hw-${i}`);
    const fs = new SimulatedFileSystem(seededRandom(random.int(2 ** 31)));
    fs.mkdir('/data');
    const entries = Array.from({ length: 1 + random.int(6) }, (_, p) => ({
      topic: `t${random.int(3)}`,
      partition: p,
      highWatermark: random.int(1_000_000),
    }));
    writeHighWatermarks(fs, '/data', entries);
    const damaged = damage(fs, '/data', HIGH_WATERMARK_CHECKPOINT, random);
    try {
      for (const [name, offset] of readHighWatermarks(fs, '/data'))
        if (!Number.isSafeInteger(offset) || offset < 0)
          failures.push(`iteration ${i}: ${name} read as ${offset} after ${JSON.stringify(damaged)}`);
    } catch (error) {
      failures.push(`iteration ${i}: threw ${(error as Error).message} after ${JSON.stringify(damaged)}`);
    }
  }
  return { iterations: options.iterations, failures };
}
