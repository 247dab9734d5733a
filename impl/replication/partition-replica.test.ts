import test from 'ava';
import { openPartitionLog, SimulatedFileSystem, seededRandom } from '../log/index.ts';
import { LogPartitionStore } from './log-store.ts';
import { type LeaderAndIsr, PartitionReplica } from './partition-replica.ts';
import { recordText, valuesBatch } from './value-batch.ts';

const settings = { minInsyncReplicas: 2, replicaLagTimeMaxMs: 30_000 };
const clock = { now: () => 0 };
function replica(broker: number): PartitionReplica {
  const fs = new SimulatedFileSystem(seededRandom(broker + 1));
  const { log } = openPartitionLog({ fs, directory: `/broker-${broker}/t-0`, clock });
  return new PartitionReplica('t', 0, broker, new LogPartitionStore(log), settings);
}
const batch = (...values: string[]) => valuesBatch(values, 0);
const state = (leader: number, leaderEpoch: number, isr = [0, 1, 2]): LeaderAndIsr => ({
  leader,
  leaderEpoch,
  isr,
  replicas: [0, 1, 2],
});

function fetch(leader: PartitionReplica, follower: PartitionReplica, nowMs = 0) {
  const { response, proposeIsr } = leader.handleReplicaFetch(
    follower.broker,
    follower.logEndOffset(),
    follower.store.latestEpoch(),
    follower.leaderEpoch,
    nowMs,
    1 << 20,
  );
  follower.applyFetchResponse(response);
  return { response, proposeIsr };
}

test('HW advances only as ISR followers fetch; acks=all completes when it covers the batch', (t) => {
  const [a, b, c] = [replica(0), replica(1), replica(2)];
  a.becomeLeader(state(0, 1), 0);
  b.becomeFollower(state(0, 1));
  c.becomeFollower(state(0, 1));
  const appended = a.appendAsLeader(batch('x', 'y'), -1);
  t.deepEqual(appended, { error: 'NONE', baseOffset: 0, lastOffset: 1 });
  t.is(a.highWatermark, 0);
  t.is(a.produceCompletion(1), undefined);
  fetch(a, b);
  fetch(a, c);
  t.is(a.highWatermark, 0, 'the leader learns follower LEOs on the next fetch');
  fetch(a, b);
  t.is(a.highWatermark, 0, 'c has not confirmed yet');
  fetch(a, c);
  t.is(a.highWatermark, 2);
  t.is(a.produceCompletion(1), 'NONE');
  fetch(a, b);
  t.is(b.highWatermark, 2, 'follower HW = min(leader HW, own LEO)');
});

test('acks=all is refused below min.insync.replicas, and a shrink after append is reported', (t) => {
  const a = replica(0);
  a.becomeLeader(state(0, 1, [0]), 0);
  t.deepEqual(a.appendAsLeader(batch('x'), -1), { error: 'NOT_ENOUGH_REPLICAS' });
  t.is(a.logEndOffset(), 0, 'nothing appended');
  t.is(a.appendAsLeader(batch('x'), 1).error, 'NONE', 'acks=1 does not need the ISR');
  const b = replica(0);
  b.becomeLeader({ ...state(0, 1), replicas: [0, 1, 2] }, 0);
  b.appendAsLeader(batch('v'), -1);
  b.applyIsr([0]);
  t.is(b.produceCompletion(0), undefined, 'HW frozen: |ISR| < min.insync.replicas');
});

test('a lagging follower is proposed out of the ISR and re-enters when caught up', (t) => {
  const [a, b, c] = [replica(0), replica(1), replica(2)];
  a.becomeLeader(state(0, 1), 0);
  b.becomeFollower(state(0, 1));
  c.becomeFollower(state(0, 1));
  a.appendAsLeader(batch('x'), 1);
  fetch(a, b, 10_000);
  fetch(a, b, 10_000);
  t.is(a.proposeShrink(30_000), undefined);
  t.deepEqual(a.proposeShrink(30_001), [0, 1]);
  a.applyIsr([0, 1]);
  t.is(a.highWatermark, 1, 'with c out, HW = min(a, b)');
  fetch(a, c, 40_000);
  const { proposeIsr } = fetch(a, c, 40_001);
  t.deepEqual(proposeIsr, [0, 1, 2]);
});

test('a stale leader epoch is fenced; a deposed leader truncates its divergent tail', (t) => {
  const [a, b] = [replica(0), replica(1)];
  a.becomeLeader(state(0, 1), 0);
  b.becomeFollower(state(0, 1));
  a.appendAsLeader(batch('x'), 1);
  fetch(a, b);
  a.appendAsLeader(batch('lost-1', 'lost-2'), 1); // acks=1, never replicated
  // b is elected with epoch 2 and writes its own tail.
  b.becomeLeader(state(1, 2, [1, 2]), 0);
  b.appendAsLeader(batch('new'), 1);
  t.is(b.handleReplicaFetch(0, 3, 1, 1, 0, 1 << 20).response.error, 'FENCED_LEADER_EPOCH');
  a.becomeFollower(state(1, 2, [1, 2]));
  const first = fetch(b, a);
  t.deepEqual(first.response.divergingEpoch, { epoch: 1, endOffset: 1 });
  t.is(a.logEndOffset(), 1, 'truncated to where epoch 1 ends on the new leader');
  fetch(b, a);
  t.deepEqual(
    a.store.readRecords(0, 10, 10).map((r) => [r.offset, recordText(r), r.leaderEpoch]),
    [
      [0, 'x', 1],
      [1, 'new', 2],
    ],
  );
});

test('consumers read below the HW only, from the leader only', (t) => {
  const [a, b] = [replica(0), replica(1)];
  a.becomeLeader(state(0, 1, [0, 1]), 0);
  b.becomeFollower(state(0, 1, [0, 1]));
  a.appendAsLeader(batch('x', 'y'), 1);
  t.deepEqual(a.readForConsumer(0, 10).records, []);
  fetch(a, b);
  fetch(a, b);
  t.deepEqual(a.readForConsumer(0, 10).records.map(recordText), ['x', 'y']);
  t.is(a.readForConsumer(5, 10).error, 'OFFSET_OUT_OF_RANGE');
  t.is(b.readForConsumer(0, 10).error, 'NOT_LEADER_OR_FOLLOWER');
});

test('lastBatchEpoch is the epoch of the last written batch, not a new leader epoch without writes', (t) => {
  const a = replica(0);
  t.is(a.store.lastBatchEpoch(), -1);
  a.becomeLeader(state(0, 1), 0);
  a.appendAsLeader(batch('x'), 1);
  a.becomeLeader(state(0, 2), 0);
  t.is(a.store.latestEpoch(), 2);
  t.is(a.store.lastBatchEpoch(), 1);
  a.appendAsLeader(batch('y'), 1);
  t.is(a.store.lastBatchEpoch(), 2);
});

/** Leader a and followers b, c after one appended batch and two fetch rounds: all caught up. */
function replicatedOnce(): [PartitionReplica, PartitionReplica, PartitionReplica] {
  const [a, b, c] = [replica(0), replica(1), replica(2)];
  a.becomeLeader(state(0, 1), 0);
  b.becomeFollower(state(0, 1));
  c.becomeFollower(state(0, 1));
  a.appendAsLeader(batch('x'), 1);
  for (const follower of [b, c, b, c]) fetch(a, follower);
  return [a, b, c];
}

test('RP-6: a follower whose last fetch reached the leader LEO stays in the ISR while the LEO stands, fetching or cut off; it ages out once the LEO moves on (Replica.isCaughtUp; found by lockstep with the data-plane model)', (t) => {
  const [a, b, c] = replicatedOnce();
  const logEnd = (broker: number) => [a, b, c][broker]!.logEndOffset();
  t.is(
    a.proposeShrink(60_000, () => true, logEnd),
    undefined,
    'caught up and fetching: no shrink however long idle',
  );
  t.is(
    a.proposeShrink(120_000, (broker) => broker !== 2, logEnd),
    undefined,
    'c cannot reach the leader, but its last fetch reached the LEO: still caught up',
  );
  a.appendAsLeader(batch('y'), 1);
  fetch(a, b, 120_000);
  t.deepEqual(
    a.proposeShrink(120_001, (broker) => broker !== 2, logEnd),
    [0, 1],
    'the LEO moved on and c last caught up long ago',
  );
});

test('RP-6: what the leader last heard from a fetching follower counts as caught up only while the follower’s own log still ends there (a follower that lost its disk fetches from 0)', (t) => {
  const [a, b, c] = replicatedOnce();
  // c's disk is gone: its own log is empty, though the leader last heard LEO 1 from it.
  const logEnd = (broker: number) => (broker === 2 ? 0 : [a, b, c][broker]!.logEndOffset());
  t.is(
    a.proposeShrink(20_000, () => true, logEnd),
    undefined,
    'c is still caught up by offset',
  );
  a.appendAsLeader(batch('y'), 1);
  fetch(a, b, 20_000);
  t.deepEqual(
    a.proposeShrink(40_000, () => true, logEnd),
    [0, 1],
    'c is not caught up now: it ages out from its last real catch-up',
  );
});

test('followers that never fetched in this term stay in the ISR while idle at the leader LEO and reachable; behind or cut off, they age out', (t) => {
  const [a, b, c] = [replica(0), replica(1), replica(2)];
  a.becomeLeader(state(0, 1), 0);
  b.becomeFollower(state(0, 1));
  c.becomeFollower(state(0, 1));
  const logEnd = (broker: number) => [a, b, c][broker]!.logEndOffset();
  t.is(
    a.proposeShrink(60_000, () => true, logEnd),
    undefined,
    'a new, idle partition: its followers fetch continuously and find nothing to copy',
  );
  t.deepEqual(
    a.proposeShrink(120_000, (broker) => broker !== 2, logEnd),
    [0, 1],
    'c cannot reach the leader',
  );
  const [d, e, f] = [replica(0), replica(1), replica(2)];
  d.becomeLeader(state(0, 1), 0);
  e.becomeFollower(state(0, 1));
  f.becomeFollower(state(0, 1));
  d.appendAsLeader(batch('x'), 1);
  t.deepEqual(
    d.proposeShrink(
      60_000,
      () => true,
      (broker) => [d, e, f][broker]!.logEndOffset(),
    ),
    [0],
    'the leader appended and nobody fetched: both followers are behind',
  );
});

test('RP-2: a follower takes the HW of the fetch answer even when it is lower than its own (found by lockstep with the data-plane model)', (t) => {
  // b learned HW 1 from leader a; c leads the next epoch knowing only HW 0 (its own lagged).
  const [a, b, c] = [replica(0), replica(1), replica(2)];
  a.becomeLeader(state(0, 1), 0);
  b.becomeFollower(state(0, 1));
  c.becomeFollower(state(0, 1));
  a.appendAsLeader(batch('x'), -1);
  fetch(a, c);
  fetch(a, b);
  fetch(a, c);
  t.is(c.highWatermark, 0, 'b has not confirmed when c fetches: HW 0');
  fetch(a, b);
  t.is(a.highWatermark, 1);
  t.is(b.highWatermark, 1);
  c.becomeLeader(state(2, 2), 0);
  a.becomeFollower(state(2, 2));
  b.becomeFollower(state(2, 2));
  t.is(c.highWatermark, 0, 'a new leader starts from the HW it knew (RP-3 Differs)');
  fetch(c, b);
  t.is(c.highWatermark, 0, 'a has not fetched from the new leader yet');
  t.is(b.highWatermark, 0, "the follower's HW follows the leader's answer down");
  fetch(c, a);
  t.is(c.highWatermark, 1);
  fetch(c, b);
  t.is(b.highWatermark, 1);
});

test('RP-9 RP-10 RP-11: min.insync.replicas above the replica count is capped at it (Partition.effectiveMinIsr, KAFKA-15583)', (t) => {
  const strict = { minInsyncReplicas: 3, replicaLagTimeMaxMs: 30_000 };
  const make = (broker: number) => {
    const fs = new SimulatedFileSystem(seededRandom(broker + 1));
    const { log } = openPartitionLog({ fs, directory: `/broker-${broker}/t-0`, clock });
    return new PartitionReplica('t', 0, broker, new LogPartitionStore(log), strict);
  };
  const two = (leader: number): LeaderAndIsr => ({ leader, leaderEpoch: 1, isr: [0, 1], replicas: [0, 1] });
  const [a, b] = [make(0), make(1)];
  a.becomeLeader(two(0), 0);
  b.becomeFollower(two(0));
  t.deepEqual(a.appendAsLeader(batch('x'), -1), { error: 'NONE', baseOffset: 0, lastOffset: 0 });
  fetch(a, b);
  fetch(a, b);
  t.is(a.highWatermark, 1);
  t.is(
    a.produceCompletion(0),
    'NONE',
    'not NOT_ENOUGH_REPLICAS_AFTER_APPEND: the ISR (2) is the effective minimum',
  );
  a.applyIsr([0]);
  t.deepEqual(a.appendAsLeader(batch('y'), -1), { error: 'NOT_ENOUGH_REPLICAS' });
});

test('RP-2: the HW waits for a follower outside the ISR while it is caught up and eligible (Partition.maybeIncrementLeaderHW)', (t) => {
  let nowMs = 0;
  let eligible = true;
  const make = (broker: number) => {
    const fs = new SimulatedFileSystem(seededRandom(broker + 1));
    const { log } = openPartitionLog({ fs, directory: `/broker-${broker}/t-0`, clock });
    return new PartitionReplica('t', 0, broker, new LogPartitionStore(log), {
      ...settings,
      now: () => nowMs,
      isrEligible: () => eligible,
    });
  };
  const [a, b, c] = [make(0), make(1), make(2)];
  a.becomeLeader(state(0, 1, [0, 1]), 0);
  b.becomeFollower(state(0, 1, [0, 1]));
  c.becomeFollower(state(0, 1, [0, 1]));
  a.appendAsLeader(batch('x', 'y'), 1);
  fetch(a, b);
  fetch(a, b);
  t.is(a.highWatermark, 2);
  t.is(
    fetch(a, c).proposeIsr,
    undefined,
    'c fetches at 0 < HW 2: it stays out; it was never caught up in this term',
  );
  a.appendAsLeader(batch('z'), 1);
  fetch(a, b);
  fetch(a, b);
  t.is(a.highWatermark, 3, 'c does not hold the HW: not caught up');
  t.is(fetch(a, c).proposeIsr, undefined, 'c fetches at 2 < HW 3');
  // c reached the LEO its previous fetch saw (2): caught up as of that fetch (time 0).
  a.appendAsLeader(batch('w'), 1);
  fetch(a, b);
  t.is(a.highWatermark, 3, 'b is at 4, but c (caught up, eligible) is known at 2: the HW stays');
  nowMs = 30_001;
  fetch(a, b);
  t.is(a.highWatermark, 4, 'c last caught up more than replica.lag.time.max.ms ago: no longer waited for');
  nowMs = 0;
  const [d, e, f] = [make(0), make(1), make(2)];
  d.becomeLeader(state(0, 1, [0, 1]), 0);
  e.becomeFollower(state(0, 1, [0, 1]));
  f.becomeFollower(state(0, 1, [0, 1]));
  d.appendAsLeader(batch('x', 'y'), 1);
  for (const follower of [e, e, f]) fetch(d, follower);
  d.appendAsLeader(batch('z'), 1);
  for (const follower of [e, e, f]) fetch(d, follower);
  d.appendAsLeader(batch('w'), 1);
  eligible = false;
  fetch(d, e);
  fetch(d, e);
  t.is(d.highWatermark, 4, 'a fenced (or re-registered) follower is not waited for');
});
