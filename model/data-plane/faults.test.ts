// Broker failures, elections, truncation and the network (RP-12..RP-16, RP-14), and how the model
// adopts the system's open choices (spec/oracle.ts adopt).
import test from 'ava';
import { DataPlaneDriver, fetchAnswer, observedWith, produceAnswer } from './testing/data-plane-driver.ts';

test('RP-12: a failed leader is replaced by a live ISR member with epoch + 1; the rule book lets the system pick any of them and the model adopts its pick', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.fail(0, 'process-crash');
  const mine = await d.partition();
  t.like(mine, { leader: 1, leaderEpoch: 1, isr: [1, 2] });
  const observed = await observedWith(d, (p) => {
    p.leader = 2;
  });
  t.deepEqual(d.model.adopt(observed), []);
  t.like(await d.partition(), { leader: 2, leaderEpoch: 1, isr: [1, 2] });
  t.like(produceAnswer(await d.produce(['a'], 1)), { error: 'NONE', baseOffset: 0 });
  t.is((await d.partition()).replicaStates[2]!.logEndOffset, 1, 'the write went to the adopted leader');
});

test('RP-12: a pick outside the live ISR is disallowed and not adopted', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.fail(0, 'process-crash');
  const observed = await observedWith(d, (p) => {
    p.leader = 0;
  });
  const disallowed = d.model.adopt(observed);
  t.is(disallowed.length, 1);
  t.is(disallowed[0]!.rule, 'RP-12');
  t.is((await d.partition()).leader, 1);
});

test('RP-1: the system places replicas; the model adopts a placement of distinct live brokers and refuses others', async (t) => {
  const d = await DataPlaneDriver.start();
  const placed = await observedWith(d, (p) => {
    p.replicas = [2, 0, 1];
    p.leader = 2;
    p.isr = [2, 0, 1];
  });
  t.deepEqual(d.model.adopt(placed), []);
  t.like(await d.partition(), { replicas: [2, 0, 1], leader: 2 });
  const e = await DataPlaneDriver.start();
  const twice = await observedWith(e, (p) => {
    p.replicas = [1, 1, 2];
  });
  t.is(e.model.adopt(twice)[0]?.rule, 'RP-1');
});

test('RP-13: with unclean election off a partition whose only ISR member died stays offline; with it on a live out-of-sync replica leads and its log wins', async (t) => {
  for (const unclean of [false, true]) {
    const d = await DataPlaneDriver.start({ 'unclean.leader.election.enable': unclean });
    await d.produce(['a'], 1);
    await d.step({ type: 'advance-time', ms: 15_000 }); // followers lag out: ISR [0]
    await d.fail(0, 'process-crash');
    const p = await d.partition();
    if (!unclean) {
      t.like(p, { leader: null, isr: [0] });
      t.like(produceAnswer(await d.produce(['b'], 1)), { error: 'LEADER_NOT_AVAILABLE' });
      t.like(fetchAnswer(await d.fetch()), { error: 'LEADER_NOT_AVAILABLE', highWatermark: -1 });
    } else {
      t.like(p, { leader: 1, isr: [1], leaderEpoch: 1 });
      t.like(produceAnswer(await d.produce(['b'], 1)), { error: 'NONE', baseOffset: 0 });
      await d.step({ type: 'broker-restart', broker: 0 });
      await d.replicate(); // broker 0 diverges at offset 0: this round truncates it
      t.is((await d.partition()).replicaStates[0]!.logEndOffset, 0);
      await d.replicate();
      await d.replicate();
      t.deepEqual(
        fetchAnswer(await d.fetch()).records,
        [{ offset: 0, value: 'b' }],
        "'a' is gone everywhere",
      );
    }
  }
});

test('RP-14: a restarted former leader truncates the tail no one else has, by leader epoch, then copies the new leader', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.produce(['a'], 1); // only broker 0 has it
  await d.fail(0, 'process-crash');
  t.like(produceAnswer(await d.produce(['b'], 1)), { error: 'NONE', baseOffset: 0 });
  await d.step({ type: 'broker-restart', broker: 0 });
  t.like((await d.partition()).replicaStates[0], { logEndOffset: 1, lastEpoch: 0 });
  await d.replicate();
  t.like(
    (await d.partition()).replicaStates[0],
    { logEndOffset: 0, lastEpoch: -1 },
    'a round spent truncating',
  );
  await d.replicate();
  t.like((await d.partition()).replicaStates[0], { logEndOffset: 1, lastEpoch: 1 });
});

test('RP-16, RP-17: a power loss keeps the flushed prefix; a process crash keeps everything; a clean shutdown hands leadership over first', async (t) => {
  const d = await DataPlaneDriver.start({ 'min.insync.replicas': 1 });
  await d.produce(['a'], 1);
  await d.step({ type: 'flush', broker: 0 });
  await d.produce(['b'], 1);
  await d.fail(0, 'power-loss');
  await d.step({ type: 'broker-restart', broker: 0 });
  t.is((await d.partition()).replicaStates[0]!.logEndOffset, 1);
  const e = await DataPlaneDriver.start();
  await e.produce(['a', 'b'], 1);
  await e.fail(0, 'process-crash');
  await e.step({ type: 'broker-restart', broker: 0 });
  t.is((await e.partition()).replicaStates[0]!.logEndOffset, 2);
  const f = await DataPlaneDriver.start();
  const seq = f.next;
  await f.produce(['a'], -1);
  const answers = await f.step({ type: 'broker-failure', broker: 0, kind: 'clean-shutdown' });
  t.like(
    produceAnswer(answers),
    { request: seq, error: 'NOT_LEADER_OR_FOLLOWER' },
    'the old leader still answers',
  );
  const g = await DataPlaneDriver.start();
  const crashSeq = g.next;
  await g.produce(['a'], -1);
  t.like(produceAnswer(await g.step({ type: 'broker-failure', broker: 0, kind: 'process-crash' })), {
    request: crashSeq,
    error: 'NETWORK_EXCEPTION',
  });
});

test('RP-16: a disk loss restarts empty; the broker copies the log back from the leader', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.produce(['a'], -1);
  await d.replicate();
  await d.replicate();
  await d.fail(2, 'disk-loss');
  await d.step({ type: 'broker-restart', broker: 2 });
  t.like((await d.partition()).replicaStates[2], { logEndOffset: 0, highWatermark: 0 });
  await d.replicate();
  t.like((await d.partition()).replicaStates[2], { logEndOffset: 1 });
  t.deepEqual((await d.partition()).isr, [0, 1], 'it fetched from offset 0, below the HW (RP-7)');
  await d.replicate();
  t.deepEqual((await d.partition()).isr, [0, 1, 2]);
});

test('network: a client cut off from the leader sees NETWORK_EXCEPTION; cut off from everyone too; after broker.session.timeout.ms the leader is fenced and another leads', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.step({ type: 'network-partition', isolate: { brokers: [0], clients: [] } });
  t.like(produceAnswer(await d.produce(['a'], 1)), { error: 'NETWORK_EXCEPTION' });
  t.like(fetchAnswer(await d.fetch()), { error: 'NETWORK_EXCEPTION', highWatermark: -1 });
  await d.step({ type: 'advance-time', ms: 9_000 });
  t.like(await d.partition(), { leader: 1, isr: [1, 2], leaderEpoch: 1 });
  t.like(produceAnswer(await d.produce(['a'], 1)), { error: 'NONE', baseOffset: 0 });
  await d.step({ type: 'network-heal' });
  await d.replicate();
  t.like((await d.partition()).replicaStates[0], { logEndOffset: 1 });
  const e = await DataPlaneDriver.start();
  await e.step({ type: 'network-partition', isolate: { brokers: [], clients: ['p'] } });
  t.like(produceAnswer(await e.produce(['a'], 1)), { error: 'NETWORK_EXCEPTION' });
  t.like(fetchAnswer(await e.fetch(0, 'p')), { error: 'LEADER_NOT_AVAILABLE' });
});

test('network: an acks=all answer from a leader the producer can no longer reach is lost (NETWORK_EXCEPTION) although the write happened', async (t) => {
  const d = await DataPlaneDriver.start();
  const seq = d.next;
  await d.produce(['a'], -1);
  await d.step({ type: 'network-partition', isolate: { brokers: [], clients: ['p'] } });
  await d.replicate();
  t.like(produceAnswer(await d.replicate()), { request: seq, error: 'NETWORK_EXCEPTION', baseOffset: -1 });
  t.deepEqual(fetchAnswer(await d.fetch()).records, [{ offset: 0, value: 'a' }]);
});

test('RP-14: a leader cut off together with a producer keeps leading in its own view (a zombie): it answers acks=1, lets acks=all time out, and loses those writes once it hears of the new leader', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.step({ type: 'network-partition', isolate: { brokers: [0], clients: ['p'] } });
  await d.step({ type: 'advance-time', ms: 10_000 }); // fenced after broker.session.timeout.ms
  t.like(await d.partition(), { leader: 1, leaderEpoch: 1 });
  t.like(produceAnswer(await d.produce(['zombie'], 1, 'p')), { error: 'NONE', baseOffset: 0 });
  t.like((await d.partition()).replicaStates[0], { logEndOffset: 1, lastEpoch: 0 });
  const seq = d.next;
  await d.produce(['waits'], -1, 'p');
  t.like(produceAnswer(await d.step({ type: 'advance-time', ms: 30_000 })), {
    request: seq,
    error: 'REQUEST_TIMED_OUT',
  });
  t.like(produceAnswer(await d.produce(['real'], 1, 'q')), { error: 'NONE', baseOffset: 0 });
  await d.step({ type: 'network-heal' });
  await d.replicate(); // broker 0 learns it follows epoch 1 and truncates its epoch-0 tail
  await d.replicate();
  await d.replicate();
  t.like((await d.partition()).replicaStates[0], { logEndOffset: 1, lastEpoch: 1 });
  t.deepEqual(fetchAnswer(await d.fetch()).records, [{ offset: 0, value: 'real' }]);
});

test('RP-25: a crashed broker stays registered until its session expires (it keeps leading, writes to it fail, its restarted process cannot register), then it is fenced, another leads and the process registers', async (t) => {
  const d = await DataPlaneDriver.start();
  await d.produce(['a'], -1);
  await d.replicate();
  await d.replicate();
  await d.step({ type: 'broker-failure', broker: 0, kind: 'process-crash' });
  t.like(await d.partition(), { leader: 0, leaderEpoch: 0, isr: [0, 1, 2], highWatermark: -1 });
  t.like(produceAnswer(await d.produce(['b'], -1)), { error: 'NETWORK_EXCEPTION' });
  await d.step({ type: 'broker-restart', broker: 0 });
  t.like(
    (await d.partition()).replicaStates[0],
    { alive: true, logEndOffset: -1 },
    'a new incarnation is refused while the old session is valid: no log opened',
  );
  await d.step({ type: 'advance-time', ms: 8000 });
  t.like(await d.partition(), { leader: 0, leaderEpoch: 0 }, 'still within broker.session.timeout.ms');
  await d.step({ type: 'advance-time', ms: 1000 });
  const p = await d.partition();
  t.is(p.leaderEpoch, 1);
  t.true(p.leader === 1 || p.leader === 2);
  t.deepEqual(p.isr, [1, 2]);
  t.like(p.replicaStates[0], { alive: true, logEndOffset: 1 }, 'registered at the check that fenced it');
  await d.replicate();
  await d.replicate();
  t.deepEqual([...(await d.partition()).isr].sort(), [0, 1, 2], 'it catches up and rejoins');
});
