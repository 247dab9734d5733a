import test from 'ava';
import { recordText, valuesBatch } from '../replication/value-batch.ts';
import { Cluster } from './cluster.ts';
import type { ProduceAnswer } from './requests.ts';

const safe = { 'min.insync.replicas': 2, 'replication.factor': 3, 'unclean.leader.election.enable': false };

function produce(cluster: Cluster, values: string[], acks = -1, partition = 0) {
  const leader = cluster.controller.partition('t', partition)!.leader!;
  const answers: ProduceAnswer[] = [];
  cluster.data.produce(
    leader,
    { from: 'client:p', topic: 't', partition, acks, records: valuesBatch(values, cluster.now()) },
    (a) => answers.push(a),
  );
  return answers;
}

function read(cluster: Cluster, partition = 0): string[] {
  const leader = cluster.controller.partition('t', partition)!.leader!;
  return cluster.data
    .fetch(leader, { from: 'client:c', topic: 't', partition, offset: 0 })
    .records.map(recordText);
}

test('acks=all is answered once followers replicated; consumers see only committed records', (t) => {
  const cluster = new Cluster({ seed: 1, config: safe });
  t.is(cluster.createTopic('t', 1, 3).error, 'NONE');
  const answers = produce(cluster, ['a', 'b']);
  t.deepEqual(answers, []);
  t.deepEqual(read(cluster), []);
  cluster.data.replicate();
  t.deepEqual(answers, [], 'the leader learns follower progress on the next fetch');
  cluster.data.replicate();
  t.deepEqual(answers, [{ error: 'NONE', baseOffset: 0, logStartOffset: 0 }]);
  t.deepEqual(read(cluster), ['a', 'b']);
  cluster.close();
});

test('followers that do not fetch leave the ISR after replica.lag.time.max.ms; acks=all then fails fast or times out', (t) => {
  const cluster = new Cluster({ seed: 2, config: safe });
  cluster.createTopic('t', 1, 3);
  const meta = cluster.controller.partition('t', 0)!;
  const [leader, f1, f2] = meta.replicas as [number, number, number];
  const answers = produce(cluster, ['x']);
  cluster.advanceTo(29_000);
  t.deepEqual(answers, []);
  cluster.advanceTo(31_000);
  t.deepEqual(
    answers.map((a) => a.error),
    ['REQUEST_TIMED_OUT'],
  );
  cluster.advanceTo(46_000);
  t.deepEqual(meta.isr, [leader], 'followers that never fetched leave the ISR');
  t.true(cluster.controller.isAlive(f1) && cluster.controller.isAlive(f2), 'while still alive');
  t.deepEqual(
    produce(cluster, ['y']).map((a) => a.error),
    ['NOT_ENOUGH_REPLICAS'],
  );
  cluster.data.replicate();
  cluster.data.replicate();
  t.deepEqual([...meta.isr].sort(), [leader, f1, f2].sort(), 'caught-up followers rejoin');
  cluster.close();
});

test('leader failure elects an ISR follower; the old leader returns, truncates and follows', (t) => {
  const cluster = new Cluster({ seed: 3, config: safe });
  cluster.createTopic('t', 1, 3);
  const meta = cluster.controller.partition('t', 0)!;
  const first = meta.leader!;
  produce(cluster, ['committed']);
  cluster.data.replicate();
  cluster.data.replicate();
  produce(cluster, ['unreplicated'], 1);
  cluster.failBroker(first, 'process-crash');
  t.is(meta.leader, first, 'crashed but not fenced: the controller still has it lead (RP-25)');
  cluster.advanceTo(cluster.now() + cluster.config.brokerSessionTimeoutMs);
  t.not(meta.leader, first);
  t.is(meta.leaderEpoch, 1);
  produce(cluster, ['after']);
  cluster.restartBroker(first);
  t.is(cluster.broker(first).replica('t', 0)!.role, 'follower');
  cluster.data.replicate();
  cluster.data.replicate();
  cluster.data.replicate();
  const oldLeader = cluster.broker(first).replica('t', 0)!;
  t.deepEqual(
    oldLeader.store.readRecords(0, 10, 10).map(recordText),
    ['committed', 'after'],
    'the unreplicated tail is gone',
  );
  t.deepEqual(read(cluster), ['committed', 'after']);
  cluster.close();
});

test('a zombie leader cut off from the controller loses its acks=1 writes after the heal', (t) => {
  const cluster = new Cluster({ seed: 4, config: safe });
  cluster.createTopic('t', 1, 3);
  const meta = cluster.controller.partition('t', 0)!;
  const zombie = meta.leader!;
  cluster.isolate([zombie], ['p']);
  const acked = produce(cluster, ['zombie-write'], 1);
  t.deepEqual(
    acked.map((a) => a.error),
    ['NONE'],
  );
  cluster.advanceTo(10_000);
  t.not(meta.leader, zombie, 'fenced after broker.session.timeout.ms');
  cluster.heal();
  cluster.data.replicate();
  cluster.data.replicate();
  t.deepEqual(read(cluster), []);
  t.deepEqual(cluster.broker(zombie).replica('t', 0)!.store.readRecords(0, 10, 10), []);
  cluster.close();
});

test('fetchBatches hands the wire server whole batches below the HW, as bytes and as file slices', (t) => {
  const cluster = new Cluster({ seed: 6, config: safe });
  cluster.createTopic('t', 1, 3);
  const leader = cluster.controller.partition('t', 0)!.leader!;
  produce(cluster, ['a', 'b'], 1);
  produce(cluster, ['c'], 1);
  const request = { from: 'client:w', topic: 't', partition: 0, offset: 0, maxBytes: 1 << 20 };
  t.is(cluster.data.fetchBatches(leader, request).records.length, 0, 'nothing committed yet');
  cluster.data.replicate();
  cluster.data.replicate();
  const answer = cluster.data.fetchBatches(leader, request);
  t.is(answer.error, 'NONE');
  t.is(answer.highWatermark, 3);
  t.is(
    answer.slices.reduce((n, s) => n + s.length, 0),
    answer.records.length,
  );
  t.is(
    cluster.data.fetchBatches(leader, { ...request, currentLeaderEpoch: 5 }).error,
    'UNKNOWN_LEADER_EPOCH',
  );
  t.is(cluster.data.fetchBatches(leader, { ...request, offset: 9 }).error, 'OFFSET_OUT_OF_RANGE');
  cluster.close();
});

test('a lossy network: dropped requests are not applied, dropped answers hide applied writes', (t) => {
  const cluster = new Cluster({
    seed: 8,
    config: { 'replication.factor': 1 },
    network: { dropProbability: 0.3 },
  });
  cluster.createTopic('t', 1, 1);
  const leader = cluster.controller.partition('t', 0)!.leader!;
  const answers: string[] = [];
  for (let i = 0; i < 40; i++)
    cluster.data.produce(
      leader,
      { from: 'client:p', topic: 't', partition: 0, acks: 1, records: valuesBatch([`v${i}`], 0) },
      (a) => answers.push(a.error),
    );
  const acknowledged = answers.filter((e) => e === 'NONE').length;
  const lost = answers.filter((e) => e === 'NETWORK_EXCEPTION').length;
  t.is(acknowledged + lost, 40);
  t.true(lost > 0 && acknowledged > 0);
  const written = cluster.broker(leader).replica('t', 0)!.logEndOffset();
  t.true(written > acknowledged, 'some writes were applied but their answers lost');
  t.true(written < 40, 'some requests were lost before reaching the broker');
  cluster.close();
});

test('RP-25: a crashed leader stays leader and in the ISR until broker.session.timeout.ms; a restarted process registers only once the old session is fenced', (t) => {
  const cluster = new Cluster({ seed: 3, config: safe });
  cluster.createTopic('t', 1, 3);
  const meta = cluster.controller.partition('t', 0)!;
  const first = meta.leader!;
  produce(cluster, ['committed']);
  cluster.data.replicate();
  cluster.data.replicate();
  cluster.failBroker(first, 'process-crash');
  t.is(meta.leader, first);
  t.is(meta.isr.length, 3);
  cluster.restartBroker(first);
  t.is(cluster.broker(first).replica('t', 0), undefined, 'refused registration: no log opened');
  cluster.advanceTo(8_000);
  t.is(meta.leader, first, 'still within the session');
  cluster.advanceTo(9_000);
  t.not(meta.leader, first);
  t.false(meta.isr.includes(first));
  t.is(cluster.broker(first).replica('t', 0)?.role, 'follower', 'registered at the check that fenced it');
  cluster.close();
});

test('RP-6 RP-11: a shrink to the leader alone advances the HW to its LEO only when the effective minimum ISR is 1', (t) => {
  for (const [minIsr, hw] of [
    [1, 1],
    [2, 0],
  ] as const) {
    const cluster = new Cluster({
      seed: 1,
      config: {
        brokers: 2,
        'replication.factor': 2,
        'min.insync.replicas': minIsr,
        'replica.lag.time.max.ms': 2000,
      },
    });
    cluster.createTopic('t', 1, 2);
    const meta = cluster.controller.partition('t', 0)!;
    produce(cluster, ['a'], 1);
    cluster.advanceTo(3000);
    t.deepEqual(meta.isr, [meta.leader!]);
    t.is(cluster.broker(meta.leader!).replica('t', 0)!.highWatermark, hw, `min.insync.replicas=${minIsr}`);
    cluster.close();
  }
});
