// Property tests on the implementation alone: random produce / replicate / failure / restart /
// time sequences on the safe configuration (acks=all, RF=3, min.insync.replicas=2, no unclean
// election), with the replication invariants re-checked on the cluster's own state after every
// step, and, at the end, every acknowledged write still in the log at its offset.
//
// Fault budget (the faults the safe configuration claims to survive): process crashes and clean
// shutdowns at any time; a failure that loses unflushed data (power loss, disk loss) only while
// every other broker is running and in every ISR, i.e. at most min.insync.replicas - 1 = 1 replica
// without its data at a time.
import test from 'ava';
import fc from 'fast-check';
import type { BrokerFailureKind } from '../../spec/events.ts';
import { recordText, valuesBatch } from '../replication/value-batch.ts';
import { Cluster } from './cluster.ts';

type Step =
  | { kind: 'produce'; partition: number; value: string }
  | { kind: 'replicate'; partition: number | undefined }
  | { kind: 'fail'; broker: number; how: BrokerFailureKind }
  | { kind: 'restart'; broker: number }
  | { kind: 'time'; ms: number }
  | { kind: 'flush'; broker: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('produce' as const),
      partition: fc.integer({ min: 0, max: 1 }),
      value: fc.string({ minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('replicate' as const),
      partition: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('fail' as const),
      broker: fc.integer({ min: 0, max: 2 }),
      how: fc.constantFrom<BrokerFailureKind>('process-crash', 'clean-shutdown', 'power-loss', 'disk-loss'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('restart' as const), broker: fc.integer({ min: 0, max: 2 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 1, max: 40_000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('flush' as const), broker: fc.integer({ min: 0, max: 2 }) }),
  },
);

const SAFE = { 'min.insync.replicas': 2, 'replication.factor': 3, 'unclean.leader.election.enable': false };

interface Acked {
  partition: number;
  offset: number;
  value: string;
}

/** Whether every broker is running and in every ISR: the only time a data-losing failure is in budget. */
function fullyReplicated(cluster: Cluster, except: number): boolean {
  return cluster.brokers.every(
    (b) =>
      b.id === except || (b.running && cluster.controller.allPartitions().every((p) => p.isr.includes(b.id))),
  );
}

function checkInvariants(
  cluster: Cluster,
  leaderHw: Map<string, { epoch: number; hw: number }>,
): string | undefined {
  for (const meta of cluster.controller.allPartitions()) {
    if (meta.leader === null) continue;
    const leader = cluster.broker(meta.leader).replica(meta.topic, meta.partition);
    if (leader?.role !== 'leader') continue;
    for (const id of meta.isr) {
      const broker = cluster.broker(id);
      const replica = broker.running ? broker.replica(meta.topic, meta.partition) : undefined;
      if (replica && replica.logEndOffset() < leader.highWatermark)
        return `${meta.topic}-${meta.partition}: HW ${leader.highWatermark} above ISR member ${id}'s LEO ${replica.logEndOffset()}`;
    }
    const key = `${meta.topic}-${meta.partition}`;
    const previous = leaderHw.get(key);
    if (previous && previous.epoch === leader.leaderEpoch && leader.highWatermark < previous.hw)
      return `${key}: leader HW went back from ${previous.hw} to ${leader.highWatermark} in epoch ${leader.leaderEpoch}`;
    leaderHw.set(key, { epoch: leader.leaderEpoch, hw: leader.highWatermark });
  }
  return undefined;
}

/** What the runs exercised (asserted below, so the property cannot pass vacuously). */
const coverage = { acked: 0, lossyFailures: 0, leaderChanges: 0 };

function runSteps(seed: number, steps: readonly Step[], truncateToHighWatermark = false): string | undefined {
  const config = truncateToHighWatermark ? { ...SAFE, 'kspec.mutant': 'truncate-to-hw' } : SAFE;
  const cluster = new Cluster({ seed, config });
  try {
    cluster.createTopic('t', 2, 3);
    const acked: Acked[] = [];
    const leaderHw = new Map<string, { epoch: number; hw: number }>();
    for (const step of steps) {
      switch (step.kind) {
        case 'produce': {
          const leader = cluster.controller.partition('t', step.partition)!.leader;
          if (leader === null) break;
          cluster.data.produce(
            leader,
            {
              from: 'client:p',
              topic: 't',
              partition: step.partition,
              acks: -1,
              records: valuesBatch([step.value], cluster.now()),
            },
            (answer) => {
              if (answer.error === 'NONE')
                acked.push({ partition: step.partition, offset: answer.baseOffset, value: step.value });
            },
          );
          break;
        }
        case 'replicate':
          cluster.data.replicate('t', step.partition);
          break;
        case 'fail': {
          const losesData = step.how === 'power-loss' || step.how === 'disk-loss';
          if (losesData && !fullyReplicated(cluster, step.broker)) break;
          if (losesData && cluster.broker(step.broker).running) coverage.lossyFailures++;
          cluster.failBroker(step.broker, step.how);
          break;
        }
        case 'restart':
          cluster.restartBroker(step.broker);
          break;
        case 'time':
          cluster.advanceTo(cluster.now() + step.ms);
          break;
        case 'flush':
          cluster.flush(step.broker);
          break;
      }
      const broken = checkInvariants(cluster, leaderHw);
      if (broken) return broken;
    }
    coverage.acked += acked.length;
    coverage.leaderChanges += cluster.controller.history.filter((e) => e.kind === 'leader-change').length;
    // Liveness phase: everything back, replication settles, then every acknowledged write is there.
    // A broker restarted before its old session expired registers once the controller fences it
    // (RP-25), so the phase lets broker.session.timeout.ms pass before replicating.
    for (const broker of cluster.brokers) cluster.restartBroker(broker.id);
    cluster.advanceTo(cluster.now() + cluster.config.brokerSessionTimeoutMs + 1_000);
    for (let round = 0; round < 6; round++) cluster.data.replicate();
    for (const write of acked) {
      const meta = cluster.controller.partition('t', write.partition)!;
      if (meta.leader === null) return `t-${write.partition} has no leader after every broker restarted`;
      const records = cluster
        .broker(meta.leader)
        .replica('t', write.partition)!
        .store.readRecords(write.offset, write.offset + 1, 1);
      if (records.length === 0 || recordText(records[0]!) !== write.value)
        return `lost acknowledged write '${write.value}' at t-${write.partition}@${write.offset}`;
    }
    return undefined;
  } finally {
    cluster.close();
  }
}

test('safe configuration: invariants hold and no acknowledged write is lost', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      fc.array(stepArbitrary, { minLength: 5, maxLength: 80 }),
      (seed, steps) => {
        const broken = runSteps(seed, steps);
        if (broken) throw new Error(broken);
      },
    ),
    { seed: 20261122, numRuns: 300 },
  );
  t.true(coverage.acked > 100, `acknowledged writes: ${coverage.acked}`);
  t.true(coverage.lossyFailures > 20, `data-losing failures: ${coverage.lossyFailures}`);
  t.true(coverage.leaderChanges > 50, `leader changes: ${coverage.leaderChanges}`);
  t.log(JSON.stringify(coverage));
});

test('the same checker finds a loss when min.insync.replicas=1 lets the ISR shrink to the leader alone', (t) => {
  // acks=all with ISR = {leader}: acknowledged at once; the leader then loses power before flushing.
  const cluster = new Cluster({ seed: 5, config: { ...SAFE, 'min.insync.replicas': 1 } });
  cluster.createTopic('t', 1, 3);
  const meta = cluster.controller.partition('t', 0)!;
  const leader = meta.leader!;
  // The followers are cut off until they drop out of the ISR (an idle follower that can fetch stays in).
  const followers = meta.replicas.filter((b) => b !== leader);
  cluster.isolate(followers, []);
  cluster.advanceTo(46_000);
  cluster.heal();
  t.deepEqual(cluster.controller.partition('t', 0)!.isr, [leader]);
  const answers: string[] = [];
  cluster.data.produce(
    leader,
    { from: 'client:p', topic: 't', partition: 0, acks: -1, records: valuesBatch(['v'], cluster.now()) },
    (a) => answers.push(a.error),
  );
  t.deepEqual(answers, ['NONE']);
  cluster.failBroker(leader, 'disk-loss');
  cluster.advanceTo(cluster.now() + cluster.config.brokerSessionTimeoutMs); // fenced (RP-25)
  cluster.restartBroker(leader);
  cluster.data.replicate();
  t.deepEqual(
    cluster.broker(leader).replica('t', 0)!.store.readRecords(0, 10, 10),
    [],
    'the acknowledged write is gone',
  );
  cluster.close();
});

test('the same property finds a lost write when followers truncate to their high watermark (pre-KIP-101)', (t) => {
  const result = fc.check(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      fc.array(stepArbitrary, { minLength: 5, maxLength: 80 }),
      (seed, steps) => {
        const broken = runSteps(seed, steps, true);
        if (broken) throw new Error(broken);
      },
    ),
    { seed: 20261122, numRuns: 2000 },
  );
  t.true(result.failed, 'no counterexample found');
  t.log(
    `counterexample after ${result.numRuns} runs, shrunk to ${result.counterexample?.[1].length} steps: ${String(result.errorInstance)}`,
  );
});
