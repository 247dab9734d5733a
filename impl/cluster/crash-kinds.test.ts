// What survives each crash kind, on one broker's log (replication factor 1, so nothing is
// re-fetched), and how replication restores a replica that lost its disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { BrokerFailureKind } from '../../spec/events.ts';
import { recordText, valuesBatch } from '../replication/value-batch.ts';
import { Cluster } from './cluster.ts';

/** RP-25: the controller fences a stopped broker once broker.session.timeout.ms has passed. */
function expireSession(cluster: Cluster, kind: BrokerFailureKind = 'process-crash'): void {
  if (kind !== 'clean-shutdown') cluster.advanceTo(cluster.now() + cluster.config.brokerSessionTimeoutMs);
}

function singleBrokerRun(kind: BrokerFailureKind, seed = 1, storage: 'simulated' | 'real' = 'simulated') {
  const directory = storage === 'real' ? mkdtempSync(join(tmpdir(), 'kspec-crash-')) : undefined;
  const cluster = new Cluster({
    seed,
    config: { brokers: 1, 'replication.factor': 1 },
    storage: directory ? { kind: 'real', directory } : { kind: 'simulated' },
  });
  cluster.createTopic('t', 1, 1);
  const produce = (values: string[]) =>
    cluster.data.produce(
      0,
      { from: 'client:p', topic: 't', partition: 0, acks: 1, records: valuesBatch(values, cluster.now()) },
      () => {},
    );
  produce(['a']);
  produce(['b']);
  cluster.flush(0);
  produce(['c']);
  produce(['d']);
  cluster.failBroker(0, kind);
  expireSession(cluster, kind);
  cluster.restartBroker(0);
  const broker = cluster.broker(0);
  const replica = broker.replica('t', 0)!;
  const survived = replica.store.readRecords(0, 100, 100).map(recordText);
  const recovery = broker.recoveries.get('t-0')!;
  cluster.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
  return { survived, recovery, leaderAgain: replica.role === 'leader' };
}

test('clean shutdown: everything survives and recovery skips validation', (t) => {
  const { survived, recovery, leaderAgain } = singleBrokerRun('clean-shutdown');
  t.deepEqual(survived, ['a', 'b', 'c', 'd']);
  t.true(recovery.cleanShutdown);
  t.true(leaderAgain, 'the only replica is elected again when it returns');
});

test('process crash: written bytes survive in the page cache; recovery validates them', (t) => {
  const { survived, recovery } = singleBrokerRun('process-crash');
  t.deepEqual(survived, ['a', 'b', 'c', 'd']);
  t.false(recovery.cleanShutdown);
});

test('power loss: the flushed prefix survives; unflushed writes survive only in part, and torn batches are cut', (t) => {
  const outcomes = Array.from({ length: 24 }, (_, i) => singleBrokerRun('power-loss', i + 1).survived);
  for (const survived of outcomes) {
    t.deepEqual(survived.slice(0, 2), ['a', 'b'], 'fsynced data is durable');
    t.deepEqual(
      survived,
      ['a', 'b', 'c', 'd'].slice(0, survived.length),
      'what remains is a prefix of what was written',
    );
  }
  t.true(
    outcomes.some((s) => s.length < 4),
    'some seeds lose unflushed writes',
  );
});

test('disk loss: nothing survives on the broker', (t) => {
  const { survived } = singleBrokerRun('disk-loss');
  t.deepEqual(survived, []);
});

test('real segment files: crash kinds leave what they leave in the simulation (power loss: a flushed prefix)', (t) => {
  for (const kind of ['clean-shutdown', 'process-crash', 'disk-loss'] as const)
    t.deepEqual(singleBrokerRun(kind, 1, 'real').survived, singleBrokerRun(kind, 1).survived, kind);
  const real = Array.from({ length: 8 }, (_, i) => singleBrokerRun('power-loss', i + 1, 'real').survived);
  for (const survived of real)
    t.deepEqual(survived, ['a', 'b', 'c', 'd'].slice(0, Math.max(2, survived.length)));
  t.true(
    real.some((survived) => survived.length < 4),
    'some seeds lose unflushed writes on disk too',
  );
});

test('disk loss of a follower: it refetches everything from the leader and rejoins the ISR', (t) => {
  const cluster = new Cluster({ seed: 9, config: { 'min.insync.replicas': 2 } });
  cluster.createTopic('t', 1, 3);
  const meta = cluster.controller.partition('t', 0)!;
  const leader = meta.leader!;
  const follower = meta.replicas.find((b) => b !== leader)!;
  cluster.data.produce(
    leader,
    { from: 'client:p', topic: 't', partition: 0, acks: 1, records: valuesBatch(['x', 'y'], 0) },
    () => {},
  );
  cluster.data.replicate();
  cluster.failBroker(follower, 'disk-loss');
  t.true(meta.isr.includes(follower), 'crashed but not fenced yet (RP-25)');
  expireSession(cluster);
  t.false(meta.isr.includes(follower));
  cluster.restartBroker(follower);
  t.deepEqual(cluster.broker(follower).replica('t', 0)!.store.readRecords(0, 10, 10), []);
  cluster.data.replicate();
  cluster.data.replicate();
  t.deepEqual(cluster.broker(follower).replica('t', 0)!.store.readRecords(0, 10, 10).map(recordText), [
    'x',
    'y',
  ]);
  t.true(meta.isr.includes(follower));
  cluster.close();
});

test('a restarted replica resumes from its checkpointed high watermark (replication-offset-checkpoint)', (t) => {
  const cluster = new Cluster({ seed: 4, config: { 'min.insync.replicas': 2 } });
  cluster.createTopic('t', 1, 3);
  const meta = cluster.controller.partition('t', 0)!;
  cluster.data.produce(
    meta.leader!,
    { from: 'client:p', topic: 't', partition: 0, acks: -1, records: valuesBatch(['x', 'y'], 0) },
    () => {},
  );
  cluster.data.replicate();
  cluster.data.replicate();
  cluster.data.replicate();
  cluster.advanceTo(5_000); // the periodic checkpoint
  for (const id of [0, 1, 2]) cluster.failBroker(id, 'process-crash');
  expireSession(cluster);
  for (const id of [0, 1, 2]) cluster.restartBroker(id);
  const leader = cluster.broker(meta.leader!).replica('t', 0)!;
  t.is(leader.highWatermark, 2, 'committed records stay visible without waiting for followers');
  cluster.close();
});

test('RP-25: a restarted process that has not registered yet opens no replica, so a clean shutdown of it leaves the last replication-offset-checkpoint as it was', (t) => {
  const cluster = new Cluster({ seed: 4, config: { 'min.insync.replicas': 2 } });
  cluster.createTopic('t', 1, 3);
  const meta = cluster.controller.partition('t', 0)!;
  const follower = meta.replicas.find((b) => b !== meta.leader)!;
  cluster.data.produce(
    meta.leader!,
    { from: 'client:p', topic: 't', partition: 0, acks: -1, records: valuesBatch(['x'], 0) },
    () => {},
  );
  for (let round = 0; round < 3; round++) cluster.data.replicate();
  cluster.advanceTo(5_000); // the periodic checkpoint: the follower's HW is 1
  cluster.failBroker(follower, 'process-crash');
  cluster.restartBroker(follower); // waits to register
  cluster.failBroker(follower, 'clean-shutdown');
  expireSession(cluster);
  cluster.restartBroker(follower);
  t.is(cluster.broker(follower).replica('t', 0)?.highWatermark, 1);
  cluster.close();
});
