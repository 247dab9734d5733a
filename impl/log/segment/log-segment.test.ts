// LogSegment's positional reads: the whole batches a bounded read returns.
import test from 'ava';
import { buildRecordBatch } from '../batch/build.ts';
import { setBaseOffset } from '../batch/header.ts';
import { seededRandom } from '../fs/random.ts';
import { SimulatedFileSystem } from '../fs/simulated.ts';
import { LogSegment } from './log-segment.ts';

/** A segment of three one-record batches at offsets 0, 1, 2, indexed at every batch. */
function threeBatches(): LogSegment {
  const fs = new SimulatedFileSystem(seededRandom(1));
  fs.mkdir('/p');
  const segment = LogSegment.open(fs, '/p', 0, 0, { indexIntervalBytes: 0, maxIndexBytes: 1024 });
  for (let offset = 0; offset < 3; offset++) {
    const batch = buildRecordBatch([{ value: Buffer.from(`v${offset}`), timestamp: 1000 + offset }]);
    setBaseOffset(batch, 0, offset);
    segment.append(batch, [
      { position: 0, size: batch.length, lastOffset: offset, maxTimestamp: 1000 + offset },
    ]);
  }
  return segment;
}

test('LG-6 a bounded read keeps whole batches from the first one on', (t) => {
  const segment = threeBatches();
  const first = segment.findBatch(0)!;
  t.deepEqual(segment.wholeBatchesEnd(first, first.position + first.size), {
    end: first.size,
    lastOffset: 0,
  });
  const second = segment.findBatch(1)!;
  t.deepEqual(segment.wholeBatchesEnd(first, second.position + second.size + 1), {
    end: second.position + second.size,
    lastOffset: 1,
  });
  t.is(segment.wholeBatchesEnd(first, first.position + first.size - 1), undefined, 'not even the first fits');
});

test('LG-6 a read ends even when the offset index names an entry past the read (a damaged index)', (t) => {
  const segment = threeBatches();
  const first = segment.findBatch(0)!;
  const third = segment.findBatch(2)!;
  // Every floor lookup answers the third batch, wherever the read stops: the walk must still end.
  segment.offsetIndex.floorByValue = () => ({ key: 2, value: third.position });
  t.deepEqual(segment.wholeBatchesEnd(first, first.position + first.size), {
    end: first.size,
    lastOffset: 0,
  });
  const second = segment.findBatch(1)!;
  t.deepEqual(segment.wholeBatchesEnd(first, second.position + second.size), {
    end: second.position + second.size,
    lastOffset: 1,
  });
});
