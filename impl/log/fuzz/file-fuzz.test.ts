// A fixed-seed slice of `npm run fuzz`'s file fuzzer (the full run damages 20,000 logs).
import test from 'ava';
import { runFileFuzz } from './file-fuzz.ts';

test('file fuzz slice: 600 damaged logs recover without throwing, serve no corrupt record, cut no earlier than the damage and report what they drop', (t) => {
  const result = runFileFuzz({ iterations: 600, seed: 23 });
  t.log(
    `${result.iterations} logs, ${result.recordsAppended} records, ${result.recordsDropped} dropped; ` +
      `recovery: ${JSON.stringify(result.recovery)}`,
  );
  t.deepEqual(result.failures, []);
  t.true(result.recovery.truncations > 0 && result.recovery.indexesRebuilt > 0);
});
