import test from 'ava';
import { SeededRandom } from '../sim/random.ts';
import { Controller } from './controller.ts';
import { electLeader, isrWithout } from './election.ts';
import { assignReplicas } from './placement.ts';

const settings = (unclean = false) => ({ minInsyncReplicas: 2, uncleanLeaderElection: unclean, config: {} });

test('placement spreads leaders round-robin and never repeats a broker in a partition', (t) => {
  const assignment = assignReplicas({
    brokers: [0, 1, 2],
    partitions: 6,
    replicationFactor: 3,
    firstPartition: 0,
    start: 1,
    shift: 0,
  });
  t.deepEqual(
    assignment.map((r) => r[0]),
    [1, 2, 0, 1, 2, 0],
  );
  for (const replicas of assignment) t.is(new Set(replicas).size, 3);
  t.throws(() =>
    assignReplicas({
      brokers: [0, 1],
      partitions: 1,
      replicationFactor: 3,
      firstPartition: 0,
      start: 0,
      shift: 0,
    }),
  );
});

test('election: first alive ISR replica in assignment order; unclean only when enabled', (t) => {
  const alive = (b: number) => b !== 0;
  t.deepEqual(electLeader({ replicas: [0, 1, 2], isr: [0, 2], alive, uncleanAllowed: false }), {
    kind: 'clean',
    leader: 2,
    isr: [2],
  });
  t.deepEqual(electLeader({ replicas: [0, 1, 2], isr: [0], alive, uncleanAllowed: false }), { kind: 'none' });
  t.deepEqual(electLeader({ replicas: [0, 1, 2], isr: [0], alive, uncleanAllowed: true }), {
    kind: 'unclean',
    leader: 1,
    isr: [1],
  });
  t.deepEqual(isrWithout([0, 1], 0), [1]);
  t.deepEqual(isrWithout([0], 0), [0], 'the last ISR member stays');
});

test('fencing the leader elects the next ISR replica and bumps the epoch; the last one waits for its return', (t) => {
  const controller = new Controller([0, 1, 2], new SeededRandom(1));
  t.is(controller.createTopic('t', 1, 3, settings()).error, 'NONE');
  const p = controller.partition('t', 0)!;
  const [first, second, third] = p.replicas as [number, number, number];
  controller.brokerFenced(first);
  t.is(p.leader, second);
  t.is(p.leaderEpoch, 1);
  t.deepEqual([...p.isr].sort(), [second, third].sort());
  controller.brokerFenced(third);
  controller.brokerFenced(second);
  t.is(p.leader, null);
  t.deepEqual(p.isr, [second]);
  controller.brokerUnfenced(first);
  t.is(p.leader, null, 'no unclean election: first is out of sync');
  controller.brokerUnfenced(second);
  t.is(p.leader, second);
});

test('unclean election when enabled: an out-of-sync replica leads with ISR = [it]', (t) => {
  const controller = new Controller([0, 1, 2], new SeededRandom(1));
  controller.createTopic('t', 1, 2, settings(true));
  const p = controller.partition('t', 0)!;
  const [first, second] = p.replicas as [number, number];
  t.is(controller.alterIsr('t', 0, first, 0, [first]).error, 'NONE');
  controller.brokerFenced(first);
  t.is(p.leader, second);
  t.deepEqual(p.isr, [second]);
  t.is(controller.history.at(-1)?.election, 'unclean');
});

test('create-topic and create-partitions validate like Kafka', (t) => {
  const controller = new Controller([0, 1, 2], new SeededRandom(3));
  t.is(controller.createTopic('t', 2, 4, settings()).error, 'INVALID_REPLICATION_FACTOR');
  t.is(controller.createTopic('t', 2, 3, settings()).error, 'NONE');
  t.is(controller.createTopic('t', 2, 3, settings()).error, 'TOPIC_ALREADY_EXISTS');
  t.is(controller.createPartitions('t', 2).error, 'INVALID_PARTITIONS');
  t.is(controller.createPartitions('nope', 5).error, 'UNKNOWN_TOPIC_OR_PARTITION');
  const grown = controller.createPartitions('t', 5);
  t.is(grown.error, 'NONE');
  t.deepEqual(
    grown.changed.map((p) => p.partition),
    [2, 3, 4],
  );
  t.is(controller.topic('t')!.partitions.length, 5);
});

test('AlterPartition is accepted only from the current leader and epoch', (t) => {
  const controller = new Controller([0, 1, 2], new SeededRandom(5));
  controller.createTopic('t', 1, 3, settings());
  const p = controller.partition('t', 0)!;
  const leader = p.leader!;
  const other = p.replicas.find((b) => b !== leader)!;
  t.is(controller.alterIsr('t', 0, other, 0, [other]).error, 'NOT_LEADER_OR_FOLLOWER');
  t.is(controller.alterIsr('t', 0, leader, 0, [other]).error, 'INVALID_REQUEST');
  t.is(controller.alterIsr('t', 0, leader, 0, [leader]).error, 'NONE');
  t.deepEqual(p.isr, [leader]);
  t.is(p.partitionEpoch, 1);
});
