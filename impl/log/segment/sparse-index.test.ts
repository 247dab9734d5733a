import test from 'ava';
import fc from 'fast-check';
import { seededRandom } from '../fs/random.ts';
import { SimulatedFileSystem } from '../fs/simulated.ts';
import { SparseIndex } from './sparse-index.ts';

function index(layout: 'offset' | 'time', baseOffset = 100): { index: SparseIndex; fs: SimulatedFileSystem } {
  const fs = new SimulatedFileSystem(seededRandom(1));
  fs.mkdir('/i');
  return { index: new SparseIndex(fs.open('/i/x', { create: true }), layout, baseOffset, 1000), fs };
}

test('LG-5: floor lookups equal a linear scan, and the file reloads to the same entries', (t) => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 100000 }), { maxLength: 60 }),
      fc.array(fc.integer({ min: -10, max: 100200 }), { maxLength: 30 }),
      fc.constantFrom('offset' as const, 'time' as const),
      (rawKeys, targets, layout) => {
        const keys = [...rawKeys].sort((a, b) => a - b).map((k) => k + 100);
        const { index: sparse, fs } = index(layout);
        keys.forEach((key, i) => {
          sparse.append(key, layout === 'offset' ? i * 10 : 100 + i);
        });
        for (const target of targets) {
          let expected: number | undefined;
          for (const key of keys) if (key <= target) expected = key;
          if (sparse.floor(target)?.key !== expected) return false;
        }
        sparse.sync();
        const reloaded = new SparseIndex(fs.open('/i/x'), layout, 100, 1000);
        return (
          reloaded.load() === undefined &&
          JSON.stringify(reloaded.entries()) === JSON.stringify(sparse.entries())
        );
      },
    ),
    { seed: 11, numRuns: 200 },
  );
  t.pass();
});

test("LG-5: the on-disk layout is Kafka's: relative offset and position (8 bytes), timestamp and relative offset (12)", (t) => {
  const { index: offsets, fs } = index('offset', 1000);
  offsets.append(1005, 4242);
  offsets.sync();
  t.is(fs.readFile('/i/x').toString('hex'), '00000005' + '00001092');
  const times = index('time', 1000);
  times.index.append(1_700_000_000_000, 1005);
  times.index.sync();
  t.is(times.fs.readFile('/i/x').toString('hex'), '0000018bcfe56800' + '00000005');
});

test('a torn or unordered index file is rejected on load', (t) => {
  const { fs } = index('offset');
  const handle = fs.open('/i/x');
  handle.write(Buffer.from('0000000500000010000000', 'hex'), 0);
  t.regex(new SparseIndex(handle, 'offset', 100, 10).load() ?? '', /not a multiple/);
  handle.truncate(0);
  handle.write(Buffer.from('00000005000000100000000400000020', 'hex'), 0);
  t.regex(new SparseIndex(handle, 'offset', 100, 10).load() ?? '', /does not increase/);
});
