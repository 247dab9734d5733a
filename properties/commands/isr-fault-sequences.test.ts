// The ISR fault sequences lose an acknowledged write exactly under the flip they are for, on the
// reference in process (roles from snapshots) and without snapshots (roles from replicas(), as over
// the wire), and the safe profile survives both.
import test from 'ava';
import { createReferenceSystem } from '../adapters/reference/reference-system.ts';
import { withoutSnapshots } from '../adapters/reference/testing/without-snapshots.ts';
import { suiteConfig } from '../check/run-suite.ts';
import { LockstepRun } from '../lockstep/run.ts';
import { PRODUCER_MATRIX_SUITE } from '../suites/matrix-suite.ts';
import type { RunCommand } from './command.ts';
import { LeaderLeftAloneCommand, StaleFollowerFirstCommand } from './isr-fault-sequences.ts';

type Verdict = { lost: boolean; events: string[]; produceErrors: string[] };

async function afterSequence(profile: string, command: RunCommand, snapshots: boolean): Promise<Verdict> {
  const reference = createReferenceSystem({ storage: 'simulated' });
  const system = snapshots ? reference : withoutSnapshots(reference);
  const run = new LockstepRun({ system, config: suiteConfig(PRODUCER_MATRIX_SUITE, profile), systemSeed: 1 });
  try {
    await run.start();
    await run.step({
      type: 'produce',
      producer: 'p9',
      topic: 't',
      partition: 0,
      values: ['first'],
      acks: -1,
    });
    for (let round = 0; round < 2; round++) await run.step({ type: 'replicate' });
    if (command.check(run.knowledge)) await command.run(run.knowledge, run);
    const events = run.recorder.history().steps.map((s) => {
      const e = s.event;
      return e.type === 'broker-failure'
        ? `${e.kind} b${e.broker}`
        : e.type === 'broker-restart'
          ? `restart b${e.broker}`
          : e.type;
    });
    const produceErrors = run.recorder
      .history()
      .steps.flatMap((step) => step.observations)
      .flatMap((o) => (o.type === 'produce-response' && o.producer !== 'p9' ? [o.error] : []));
    try {
      await run.finish();
      return { lost: false, events, produceErrors };
    } catch (error) {
      if (!String(error).includes('no-acknowledged-loss')) throw error;
      return { lost: true, events, produceErrors };
    }
  } finally {
    await system.close();
  }
}

const aloneThenDiskLoss = new LeaderLeftAloneCommand('process-crash', 0, 2, 'disk-loss');
const staleFirst = new StaleFollowerFirstCommand('process-crash', 0, 2, 'process-crash');

for (const snapshots of [true, false]) {
  const how = snapshots ? 'with snapshots' : 'from replicas() alone';
  test(`leader left alone, then its disk lost: min.insync.replicas=1 loses the write, safe does not (${how})`, async (t) => {
    const unsafe = await afterSequence('min-insync-1', aloneThenDiskLoss, snapshots);
    // Both followers crash, their fences pass, the write, then the sole ISR member's disk: over the
    // wire RP-20 claims any crashes and one disk loss; with snapshots the disk loss waits until every
    // other broker is back (storageFaultAllowed), so the sequence ends with the write.
    const failures = ['process-crash b1', 'process-crash b2', 'advance-time', 'produce'];
    t.deepEqual(unsafe.events.slice(4), snapshots ? failures : [...failures, 'disk-loss b0']);
    t.is(unsafe.lost, !snapshots);
    const safe = await afterSequence('safe', aloneThenDiskLoss, snapshots);
    t.false(safe.lost);
    t.false(
      safe.events.includes('disk-loss b0'),
      'the refused write leaves nothing the safe profile may lose',
    );
  });

  test(`a stale follower first: unclean election loses the write, safe does not (${how})`, async (t) => {
    const unsafe = await afterSequence('unclean-election', staleFirst, snapshots);
    t.deepEqual(unsafe.events.slice(4), [
      'process-crash b1',
      'advance-time',
      'produce',
      'replicate',
      'replicate',
      'process-crash b0',
      'process-crash b2',
      'advance-time',
      'restart b1',
    ]);
    t.true(unsafe.lost);
    t.false((await afterSequence('safe', staleFirst, snapshots)).lost);
  });
}

test('leader left alone after the write: an appended acks=all write waits through the ISR shrink (the HW stays below the minimum ISR, RP-9)', async (t) => {
  const writeFirst = new LeaderLeftAloneCommand('process-crash', 0, 1, 'disk-loss', true);
  const safe = await afterSequence('safe', writeFirst, false);
  t.deepEqual(safe.events.slice(4), ['produce', 'process-crash b1', 'process-crash b2', 'advance-time']);
  // not answered while the ISR is the leader alone; nothing acknowledged, so no disk loss either
  t.deepEqual(safe.produceErrors, []);
  t.false(safe.lost);
  // with min.insync.replicas=1 the leader alone completes it once the followers are fenced out;
  // the followers were up when it was sent and may hold it, so its leader keeps its disk (RP-20)
  const unsafe = await afterSequence('min-insync-1', writeFirst, false);
  t.deepEqual(unsafe.produceErrors, ['NONE']);
  t.is(unsafe.events.at(-1), 'advance-time');
  t.false(unsafe.lost);
});
