// Produce as the rule book answers it (RP-8..RP-11), on the data-plane model alone.
import test from 'ava';
import { DataPlaneDriver, fetchAnswer, produceAnswer } from './testing/data-plane-driver.ts';

test('RP-8: acks=1 is answered at the leader append with the base offset; acks=0 gets no answer but is appended', async (t) => {
  const d = await DataPlaneDriver.start();
  const first = produceAnswer(await d.produce(['a', 'b'], 1));
  t.like(first, { error: 'NONE', baseOffset: 0, acks: 1, values: ['a', 'b'] });
  t.deepEqual(await d.produce(['c'], 0), []);
  const p = await d.partition();
  t.is(p.replicaStates[0]!.logEndOffset, 3);
});

test('RP-8: any acks other than -1, 0, 1 is answered INVALID_REQUIRED_ACKS and nothing is appended', async (t) => {
  const d = await DataPlaneDriver.start();
  t.like(produceAnswer(await d.produce(['x'], 2)), { error: 'INVALID_REQUIRED_ACKS', baseOffset: -1 });
  t.is((await d.partition()).replicaStates[0]!.logEndOffset, 0);
});

test('RP-8, RP-2, RP-5: acks=all waits until the HW passes the batch: two fetch rounds (the leader learns a follower copied it on its next fetch)', async (t) => {
  const d = await DataPlaneDriver.start();
  const seq = d.next;
  t.deepEqual(await d.produce(['a'], -1), []);
  t.deepEqual(
    await d.replicate(),
    [],
    'after one round the followers hold the record but the leader does not know',
  );
  t.is((await d.partition()).highWatermark, 0);
  const answer = produceAnswer(await d.replicate());
  t.like(answer, { request: seq, error: 'NONE', baseOffset: 0, acks: -1 });
  t.is((await d.partition()).highWatermark, 1);
  t.deepEqual(fetchAnswer(await d.fetch()).records, [{ offset: 0, value: 'a' }]);
});

test('LG-6 RP-22: a fetch reads only below the HW; above the LEO it is OFFSET_OUT_OF_RANGE with HW and log start -1', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.produce(['a', 'b'], 1);
  t.like(fetchAnswer(await d.fetch(0)), { error: 'NONE', highWatermark: 0, logStartOffset: 0, records: [] });
  t.like(fetchAnswer(await d.fetch(3)), {
    error: 'OFFSET_OUT_OF_RANGE',
    highWatermark: -1,
    logStartOffset: -1,
    records: [],
  });
  await d.replicate();
  await d.replicate();
  t.deepEqual(fetchAnswer(await d.fetch(1)).records, [{ offset: 1, value: 'b' }]);
});

test('RP-6, RP-9: followers behind the leader past replica.lag.time.max.ms leave the ISR; then acks=all is refused NOT_ENOUGH_REPLICAS and acks=1 still appends', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.produce(['a'], 1);
  await d.step({ type: 'advance-time', ms: 10_000 });
  t.deepEqual((await d.partition()).isr, [0, 1, 2], 'not yet: lagging exactly the limit is allowed');
  await d.step({ type: 'advance-time', ms: 5_000 });
  t.deepEqual((await d.partition()).isr, [0]);
  t.like(produceAnswer(await d.produce(['b'], -1)), { error: 'NOT_ENOUGH_REPLICAS', baseOffset: -1 });
  t.like(produceAnswer(await d.produce(['c'], 1)), { error: 'NONE', baseOffset: 1 });
  t.is((await d.partition()).replicaStates[0]!.logEndOffset, 2);
});

test('RP-6: caught-up followers stay in the ISR however long nothing is written', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.step({ type: 'advance-time', ms: 120_000 });
  t.deepEqual((await d.partition()).isr, [0, 1, 2]);
});

test('RP-11, RP-7: with the ISR below min.insync.replicas the HW stands still; a follower that catches up rejoins and the HW moves', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.produce(['a'], 1);
  await d.step({ type: 'advance-time', ms: 15_000 });
  t.deepEqual((await d.partition()).isr, [0]);
  await d.produce(['b'], 1);
  t.is((await d.partition()).highWatermark, 0, 'a lone leader does not advance the HW (KIP-966)');
  await d.replicate();
  t.deepEqual((await d.partition()).isr, [0, 1, 2], 'both followers fetched from offset 0 >= HW 0');
  await d.replicate();
  t.is((await d.partition()).highWatermark, 2);
});

test('RP-8: an acks=all produce nobody can complete times out after request.timeout.ms', async (t) => {
  const d = await DataPlaneDriver.start();
  const seq = d.next;
  await d.produce(['a'], -1);
  t.deepEqual(await d.step({ type: 'advance-time', ms: 29_999 }), []);
  t.like(produceAnswer(await d.step({ type: 'advance-time', ms: 1 })), {
    request: seq,
    error: 'REQUEST_TIMED_OUT',
    baseOffset: -1,
  });
});

test('RP-9 RP-10 RP-11: min.insync.replicas above the replica count is capped at it (KAFKA-15583): acks=all is accepted and completes NONE', async (t) => {
  const d = await DataPlaneDriver.start({ brokers: 2, 'min.insync.replicas': 3 }, 2);
  const seq = d.next;
  t.deepEqual(await d.produce(['a'], -1), [], 'accepted, waiting for the follower');
  await d.replicate();
  t.like(produceAnswer(await d.replicate()), { request: seq, error: 'NONE', baseOffset: 0 });
});

test('RP-2: the HW waits for a follower outside the ISR that is caught up and eligible; once its broker is fenced it does not', async (t) => {
  const d = await DataPlaneDriver.start(
    { brokers: 2, 'min.insync.replicas': 1, 'replica.lag.time.max.ms': 2000 },
    2,
  );
  await d.produce(['a'], 1);
  await d.step({ type: 'advance-time', ms: 3000 });
  const { leader, isr } = await d.partition();
  t.deepEqual(isr, [leader], 'the follower lagged out');
  await d.produce(['b', 'c'], 1);
  await d.replicate(); // fetch at 0, leader LEO 3: not caught up, copies a..c
  await d.produce(['d'], 1);
  t.is((await d.partition()).highWatermark, 4);
  await d.replicate(); // fetch at 3 >= the LEO its last fetch saw: caught up as of then; 3 < HW 4
  t.deepEqual((await d.partition()).isr, [leader], 'still outside the ISR');
  await d.produce(['e'], 1);
  t.is((await d.partition()).highWatermark, 4, "held at the caught-up follower's known LEO (3)");
  const follower = leader === 0 ? 1 : 0;
  await d.fail(follower, 'process-crash');
  t.is(
    (await d.partition()).highWatermark,
    4,
    'fencing a follower outside the ISR changes no partition state',
  );
  await d.produce(['f'], 1);
  t.is((await d.partition()).highWatermark, 6, 'the next append no longer waits for the fenced follower');
});

test('RP-6 RP-11: a shrink to the leader alone advances the HW to its LEO when the effective minimum ISR is 1, not under min.insync.replicas=2 (Partition.handleAlterPartitionUpdate recomputes it)', async (t) => {
  for (const [minIsr, hw] of [
    [1, 1],
    [2, 0],
  ] as const) {
    const d = await DataPlaneDriver.start(
      { brokers: 2, 'min.insync.replicas': minIsr, 'replica.lag.time.max.ms': 2000 },
      2,
    );
    await d.produce(['a'], 1);
    await d.step({ type: 'advance-time', ms: 3000 }); // the follower never fetched: it lags out
    const p = await d.partition();
    t.deepEqual(p.isr, [p.leader!]);
    t.is(p.highWatermark, hw, `min.insync.replicas=${minIsr}`);
  }
});
