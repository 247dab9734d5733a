// Open choices beyond elections (see faults.test.ts for those): what a power loss leaves on disk,
// the order followers fetch in; and the state check that reports what no choice explains.
import test from 'ava';
import { DataPlaneDriver, observedWith, produceAnswer } from './testing/data-plane-driver.ts';

async function powerLossOfAll(d: DataPlaneDriver): Promise<void> {
  await d.produce(['a'], 1);
  await d.produce(['b', 'c'], 1);
  for (const broker of [0, 1, 2]) await d.fail(broker, 'power-loss');
}

test('LG-8: after a power loss a disk may keep part of the unflushed tail; the model adopts the recovered length', async (t) => {
  const d = await DataPlaneDriver.start();
  await powerLossOfAll(d);
  await d.step({ type: 'broker-restart', broker: 0 });
  t.is((await d.partition()).replicaStates[0]!.logEndOffset, 0, 'the model keeps the flushed prefix (none)');
  const observed = await observedWith(d, (p) => {
    p.replicaStates[0]!.logEndOffset = 1;
    p.replicaStates[0]!.lastEpoch = 0;
  });
  t.deepEqual(d.model.adopt(observed), []);
  t.like((await d.partition()).replicaStates[0], { logEndOffset: 1, lastEpoch: 0 });
});

test('RP-16: a recovered log longer than what was ever appended is reported', async (t) => {
  const d = await DataPlaneDriver.start();
  await powerLossOfAll(d);
  await d.step({ type: 'broker-restart', broker: 0 });
  const observed = await observedWith(d, (p) => {
    p.replicaStates[0]!.logEndOffset = 4;
  });
  const [problem] = d.model.adopt(observed);
  t.is(problem?.rule, 'RP-16');
  t.regex(problem!.message, /replica 0/);
});

test('RP-5: the order followers fetch in is adopted from their HWs; an ISR no order gives is reported', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.produce(['a'], 1);
  await d.replicate();
  await d.replicate();
  // Assignment order: broker 1 fetched while the HW was still 0, broker 2 moved it to 1.
  t.deepEqual(
    (await d.partition()).replicaStates.map((r) => r.highWatermark),
    [1, 0, 1],
  );
  const e = await DataPlaneDriver.start();
  await e.produce(['a'], 1);
  await e.replicate();
  await e.replicate();
  const reversed = await observedWith(e, (p) => {
    p.replicaStates[1]!.highWatermark = 1;
    p.replicaStates[2]!.highWatermark = 0;
  });
  t.deepEqual(e.model.adopt(reversed), []);
  t.deepEqual(
    (await e.partition()).replicaStates.map((r) => r.highWatermark),
    [1, 1, 0],
  );
  const f = await DataPlaneDriver.start();
  await f.produce(['a'], 1);
  await f.replicate();
  await f.replicate();
  const impossible = await observedWith(f, (p) => {
    p.replicaStates[1]!.highWatermark = 0;
    p.replicaStates[2]!.highWatermark = 0;
  });
  t.is(f.model.adopt(impossible)[0]?.rule, 'RP-5');
});

test('the state check: an ISR shrink the rules do not allow is reported as RP-6, a wrong HW as RP-2', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.produce(['a'], 1);
  await d.step({ type: 'advance-time', ms: 100 });
  const shrunk = await observedWith(d, (p) => {
    p.isr = [0, 1];
  });
  t.is(d.model.adopt(shrunk)[0]?.rule, 'RP-6');
  const e = await DataPlaneDriver.start();
  t.like(produceAnswer(await e.produce(['a'], 1)), { error: 'NONE' });
  await e.step({ type: 'advance-time', ms: 100 });
  const early = await observedWith(e, (p) => {
    p.highWatermark = 1;
  });
  t.is(e.model.adopt(early)[0]?.rule, 'RP-2');
});

test('RP-6: when lagging followers leave the ISR is the system choice; the model follows an earlier or a later lag-out and answers from the adopted ISR', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.produce(['a'], 1); // followers behind from t=0
  await d.step({ type: 'advance-time', ms: 10_001 });
  t.deepEqual((await d.partition()).isr, [0, 1, 2], 'the model checks at 5000 and 10000: not yet lagging');
  const early = await observedWith(d, (p) => {
    p.isr = [0];
  });
  t.deepEqual(d.model.adopt(early), [], 'lagging by 10001 ms: a system checking at 10001 may drop them');
  t.deepEqual((await d.partition()).isr, [0]);
  t.like(produceAnswer(await d.produce(['b'], -1)), { error: 'NOT_ENOUGH_REPLICAS' });
  const e = await DataPlaneDriver.start();
  await e.produce(['a'], 1);
  await e.step({ type: 'advance-time', ms: 15_000 });
  t.deepEqual((await e.partition()).isr, [0]);
  const late = await observedWith(e, (p) => {
    p.isr = [0, 1, 2];
  });
  t.deepEqual(e.model.adopt(late), [], 'a system whose check comes later still has them');
  t.deepEqual((await e.partition()).isr, [0, 1, 2]);
});

test('RP-7: a lagging follower the ISR did not have cannot appear in it with time alone', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.produce(['a'], 1);
  await d.step({ type: 'advance-time', ms: 15_000 });
  t.deepEqual((await d.partition()).isr, [0]);
  await d.step({ type: 'advance-time', ms: 100 });
  const added = await observedWith(d, (p) => {
    p.isr = [0, 1];
  });
  t.is(d.model.adopt(added)[0]?.rule, 'RP-7');
});
