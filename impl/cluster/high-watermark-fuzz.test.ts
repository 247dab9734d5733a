// A fixed-seed slice of `npm run fuzz`'s high-watermark checkpoint damage (part of the file fuzzer).
import test from 'ava';
import { runHighWatermarkFuzz } from './high-watermark-fuzz.ts';

test('damaged replication-offset-checkpoint files read as nothing or as offsets a log can hold', (t) => {
  t.deepEqual(runHighWatermarkFuzz({ iterations: 3000, seed: 23 }).failures, []);
});
