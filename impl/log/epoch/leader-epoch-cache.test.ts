import test from 'ava';
import { seededRandom } from '../fs/random.ts';
import { SimulatedFileSystem } from '../fs/simulated.ts';
import { LeaderEpochCache } from './leader-epoch-cache.ts';

function cacheWith(entries: [number, number][]): LeaderEpochCache {
  const cache = new LeaderEpochCache(undefined, undefined);
  for (const [epoch, offset] of entries) cache.assign(epoch, offset);
  return cache;
}

test('LG-11: endOffsetFor answers as OffsetsForLeaderEpoch does', (t) => {
  const cache = cacheWith([
    [1, 0],
    [3, 10],
    [5, 20],
  ]);
  const leo = 30;
  t.deepEqual(cache.endOffsetFor(5, leo), { epoch: 5, endOffset: 30 }, 'latest epoch: the log end offset');
  t.deepEqual(cache.endOffsetFor(3, leo), { epoch: 3, endOffset: 20 }, 'known epoch: next epoch start');
  t.deepEqual(cache.endOffsetFor(4, leo), { epoch: 3, endOffset: 20 }, 'unknown epoch between: floor epoch');
  t.deepEqual(cache.endOffsetFor(0, leo), { epoch: 0, endOffset: 0 }, 'below every epoch: first start');
  t.deepEqual(cache.endOffsetFor(6, leo), { epoch: -1, endOffset: -1 }, 'above every epoch: undefined');
  t.deepEqual(cache.endOffsetFor(-1, leo), { epoch: -1, endOffset: -1 });
});

test('LG-11: assign keeps epochs and start offsets strictly increasing', (t) => {
  const cache = cacheWith([
    [1, 0],
    [2, 5],
    [3, 10],
  ]);
  cache.assign(3, 12); // same epoch, later offset: no change
  t.deepEqual(cache.all(), [
    { epoch: 1, startOffset: 0 },
    { epoch: 2, startOffset: 5 },
    { epoch: 3, startOffset: 10 },
  ]);
  cache.assign(4, 7); // a new epoch starting below older entries removes them
  t.deepEqual(cache.all(), [
    { epoch: 1, startOffset: 0 },
    { epoch: 2, startOffset: 5 },
    { epoch: 4, startOffset: 7 },
  ]);
});

test('LG-10: truncation from the end and the start', (t) => {
  const cache = cacheWith([
    [1, 0],
    [2, 5],
    [3, 10],
  ]);
  cache.truncateFromEnd(10);
  t.deepEqual(cache.latest(), { epoch: 2, startOffset: 5 });
  cache.truncateFromStart(7);
  t.deepEqual(cache.all(), [{ epoch: 2, startOffset: 7 }]);
});

test('the checkpoint file survives power loss and reloads', (t) => {
  const fs = new SimulatedFileSystem(seededRandom(9));
  fs.mkdir('/p');
  const cache = new LeaderEpochCache(fs, '/p/leader-epoch-checkpoint');
  cache.assign(0, 0);
  cache.assign(4, 17);
  fs.powerLoss();
  t.is(fs.readFile('/p/leader-epoch-checkpoint').toString(), '0\n2\n0 0\n4 17\n');
  const reloaded = new LeaderEpochCache(fs, '/p/leader-epoch-checkpoint');
  t.is(reloaded.load(), undefined);
  t.deepEqual(reloaded.all(), cache.all());
});

test('a malformed checkpoint is reported, not thrown', (t) => {
  const fs = new SimulatedFileSystem(seededRandom(9));
  fs.mkdir('/p');
  const handle = fs.open('/p/leader-epoch-checkpoint', { create: true });
  handle.write(Buffer.from('0\n3\n1 0\n'), 0);
  const cache = new LeaderEpochCache(fs, '/p/leader-epoch-checkpoint');
  t.regex(cache.load() ?? '', /malformed/);
  t.deepEqual(cache.all(), []);
});

test('epochForOffset: the epoch of the last entry starting at or below the offset, -1 below them all', (t) => {
  const fs = new SimulatedFileSystem(seededRandom(9));
  fs.mkdir('/p');
  const cache = new LeaderEpochCache(fs, '/p/leader-epoch-checkpoint');
  t.is(cache.epochForOffset(0), -1, 'no entries');
  cache.assign(2, 3);
  cache.assign(5, 8);
  t.deepEqual(
    [0, 2, 3, 7, 8, 100].map((offset) => cache.epochForOffset(offset)),
    [-1, -1, 2, 2, 5, 5],
  );
});
