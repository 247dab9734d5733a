import test from 'ava';
import fc from 'fast-check';
import { seededRandom } from './random.ts';
import { SimulatedFileSystem } from './simulated.ts';

function disk(seed: number): SimulatedFileSystem {
  const fs = new SimulatedFileSystem(seededRandom(seed));
  fs.mkdir('/d');
  return fs;
}

test('a process crash keeps every write but invalidates open handles', (t) => {
  const fs = disk(1);
  const handle = fs.open('/d/a', { create: true });
  handle.write(Buffer.from('hello'), 0);
  fs.crash();
  t.throws(() => handle.write(Buffer.from('x'), 5), { message: /did not survive a crash/ });
  t.is(fs.readFile('/d/a').toString(), 'hello');
});

test('power loss keeps synced bytes and a prefix of later writes, the last one possibly torn', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 8 }),
      (seed, sizes) => {
        const fs = disk(seed);
        const handle = fs.open('/d/a', { create: true });
        handle.write(Buffer.from('synced'), 0);
        handle.sync();
        let written = Buffer.from('synced');
        for (const [i, size] of sizes.entries()) {
          const data = Buffer.alloc(size, 65 + i);
          handle.write(data, written.length);
          written = Buffer.concat([written, data]);
        }
        fs.powerLoss();
        const survived = fs.readFile('/d/a');
        t.true(survived.length >= 6 && survived.length <= written.length);
        t.deepEqual(survived, written.subarray(0, survived.length));
      },
    ),
    { seed: 7, numRuns: 200 },
  );
});

test('power loss outcomes are reproducible from the seed and vary across seeds', (t) => {
  const run = (seed: number) => {
    const fs = disk(seed);
    const handle = fs.open('/d/a', { create: true });
    for (let i = 0; i < 10; i++) handle.write(Buffer.alloc(100, i), i * 100);
    fs.powerLoss();
    return fs.readFile('/d/a').length;
  };
  t.is(run(5), run(5));
  t.true(new Set([1, 2, 3, 4, 5, 6, 7, 8].map(run)).size > 1);
});

test('disk loss removes everything; rename and remove are durable at once', (t) => {
  const fs = disk(3);
  const handle = fs.open('/d/a', { create: true });
  handle.write(Buffer.from('x'), 0);
  handle.sync();
  fs.rename('/d/a', '/d/b');
  fs.powerLoss();
  t.deepEqual(fs.list('/d'), ['b']);
  fs.diskLoss();
  t.false(fs.exists('/d/b'));
  t.throws(() => fs.list('/d'));
});

test('corrupt() flips a byte durably and open handles see it', (t) => {
  const fs = disk(4);
  const handle = fs.open('/d/a', { create: true });
  handle.write(Buffer.from([1, 2, 3]), 0);
  handle.sync();
  fs.corrupt('/d/a', 1, 0xff);
  const read = Buffer.alloc(3);
  handle.read(read, 0, 3, 0);
  t.deepEqual([...read], [1, 0xfd, 3]);
  fs.powerLoss();
  t.deepEqual([...fs.readFile('/d/a')], [1, 0xfd, 3]);
});
