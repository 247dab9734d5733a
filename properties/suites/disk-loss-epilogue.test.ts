// The producer matrix suite's epilogue: on a system that reports its replicas but gives no
// snapshots (the reference with inspect() hidden, standing in for a cluster over the wire) a run
// without a disk loss gets one, on the leader of the partition written last; with snapshots, or
// after a disk loss, it does nothing.
import test from 'ava';
import type { Event } from '../../spec/events.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';
import { createReferenceSystem } from '../adapters/reference/reference-system.ts';
import { withoutSnapshots } from '../adapters/reference/testing/without-snapshots.ts';
import { suiteConfig } from '../check/run-suite.ts';
import { LockstepRun } from '../lockstep/run.ts';
import { diskLossIfNoneYet } from './disk-loss-epilogue.ts';
import { PRODUCER_MATRIX_SUITE } from './matrix-suite.ts';

async function runWith(system: SystemUnderTest, steps: readonly Event[]): Promise<Event[]> {
  const run = new LockstepRun({ system, config: suiteConfig(PRODUCER_MATRIX_SUITE, 'safe'), systemSeed: 1 });
  try {
    await run.start();
    for (const event of steps) await run.step(event);
    await diskLossIfNoneYet(run);
    return run.recorder.history().steps.map((s) => s.event);
  } finally {
    await system.close();
  }
}

const WRITE: Event = { type: 'produce', producer: 'p0', topic: 't', partition: 1, values: ['a'], acks: -1 };

test('without snapshots, a run with no disk loss gets one on the leader of the partition written last', async (t) => {
  const events = await runWith(withoutSnapshots(createReferenceSystem({ storage: 'simulated' })), [
    WRITE,
    { type: 'replicate' },
    { type: 'broker-failure', broker: 2, kind: 'process-crash' },
  ]);
  const tail = events.slice(4);
  // broker 2 comes back, its fence passes, replication settles, then t-1's leader loses its disk
  t.deepEqual(tail[0], { type: 'broker-restart', broker: 2 });
  t.is(tail[1]?.type, 'advance-time');
  const loss = tail.at(-1);
  t.is(loss?.type, 'broker-failure');
  t.like(loss, { kind: 'disk-loss', broker: 1 });
});

test('with snapshots (in process), or once the run had its disk loss, the epilogue does nothing', async (t) => {
  const inProcess = await runWith(createReferenceSystem({ storage: 'simulated' }), [
    WRITE,
    { type: 'replicate' },
  ]);
  t.is(inProcess.length, 3);
  const hadOne = await runWith(withoutSnapshots(createReferenceSystem({ storage: 'simulated' })), [
    WRITE,
    { type: 'replicate' },
    { type: 'replicate' },
    { type: 'broker-failure', broker: 0, kind: 'disk-loss' },
  ]);
  t.is(hadOne.length, 5);
});
