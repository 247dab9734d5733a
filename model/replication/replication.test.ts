import test from 'ava';
import {
  committedRecordsUnchanged,
  followerEpochsWithinLeader,
  highWatermarkWithinIsr,
  leaderHighWatermarkMonotonic,
  leaderInIsr,
  noAcknowledgedWriteLost,
} from './invariants.ts';
import { replicationKey } from './key.ts';
import { requiredAcksError } from './produce.ts';
import { replicationSettings } from './settings.ts';
import { initialReplicationState } from './state.ts';
import { enabledEvents, stepReplication } from './step.ts';
import type { FailureKind, ReplicationEvent, ReplicationState } from './types.ts';

type Config = Record<string, string>;
const SAFE: Config = { 'min.insync.replicas': '2' };

function run(config: Config, events: ReplicationEvent[], writes = 3): ReplicationState {
  const settings = replicationSettings({ config, writes });
  let state = initialReplicationState(settings);
  for (const event of events) {
    const enabled = enabledEvents(state, settings).some((e) => JSON.stringify(e) === JSON.stringify(event));
    if (!enabled) throw new Error(`event ${JSON.stringify(event)} not enabled`);
    state = stepReplication(state, event, settings);
  }
  return state;
}
const produce: ReplicationEvent = { type: 'PRODUCE' };
const complete: ReplicationEvent = { type: 'COMPLETE_PRODUCE' };
const fetch = (broker: number): ReplicationEvent => ({ type: 'FETCH', broker });
const fail = (broker: number, kind: FailureKind = 'process-crash'): ReplicationEvent => ({
  type: 'FAIL',
  broker,
  kind,
});
const elect = (broker: number): ReplicationEvent => ({ type: 'ELECT', broker });
const restart = (broker: number): ReplicationEvent => ({ type: 'RESTART', broker });
const lagOut = (broker: number): ReplicationEvent => ({ type: 'LAG_OUT', broker });
const hw = (state: ReplicationState) => state.replicas[state.leader]!.highWatermark;
const leo = (state: ReplicationState, broker: number) => state.replicas[broker]!.log.length;
// Two fetch rounds by both followers: the followers copy, then the leader learns their LEOs.
const replicate = [fetch(1), fetch(2), fetch(1), fetch(2)];

test('RP-1 a new partition: broker 0 leads epoch 0 with every replica in the ISR; the checker flags a leader outside the ISR', (t) => {
  const state = run(SAFE, []);
  t.is(state.leader, 0);
  t.is(state.leaderEpoch, 0);
  t.deepEqual(state.isr, [0, 1, 2]);
  t.is(leaderInIsr.check(state), undefined);
  t.deepEqual(leaderInIsr.check({ ...state, isr: [1, 2] })?.rules, ['RP-1']);
  t.truthy(leaderInIsr.check({ ...state, isr: [] }));
});

test('RP-2 RP-5 the leader HW is the least LEO the leader knows in the ISR, learnt one fetch round late; a follower takes min(leader HW, own LEO)', (t) => {
  let state = run(SAFE, [produce, fetch(1), fetch(2)]);
  t.is(leo(state, 1), 1);
  t.is(hw(state), 0, 'the leader has only seen fetch offset 0 from each follower');
  t.is(state.replicas[1]!.remoteLogEndOffset, 0);
  state = run(SAFE, [produce, fetch(1), fetch(2), fetch(1)]);
  t.is(hw(state), 0, 'follower 2 is still known at 0');
  t.is(state.replicas[1]!.remoteLogEndOffset, 1);
  state = run(SAFE, [produce, ...replicate]);
  t.is(hw(state), 1);
  t.is(state.replicas[2]!.highWatermark, 1);
  t.is(state.replicas[1]!.highWatermark, 0, "follower 1's HW lags until its next fetch");
  t.deepEqual(state.committed, [1]);
});

test('RP-11 the HW does not advance while the ISR is smaller than min(min.insync.replicas, replicas)', (t) => {
  const state = run(SAFE, [produce, lagOut(1), lagOut(2)]);
  t.deepEqual(state.isr, [0]);
  t.is(hw(state), 0);
  const loose = run({ 'min.insync.replicas': '1' }, [produce, lagOut(1), lagOut(2)]);
  t.is(hw(loose), 1, 'with min.insync.replicas=1 the lone leader commits');
});

test('RP-3 the leader HW never falls within an epoch; the checker flags a fall', (t) => {
  const state = run(SAFE, [produce, ...replicate]);
  t.is(state.epochHighestHighWatermark, 1);
  t.is(leaderHighWatermarkMonotonic.check(state), undefined);
  const fallen = {
    ...state,
    replicas: state.replicas.map((r, i) => (i === 0 ? { ...r, highWatermark: 0 } : r)),
  };
  t.deepEqual(leaderHighWatermarkMonotonic.check(fallen)?.rules, ['RP-3']);
});

test('RP-4 the HW never exceeds a live ISR member LEO; the checker flags a short ISR member', (t) => {
  const state = run(SAFE, [produce, ...replicate]);
  t.is(highWatermarkWithinIsr.check(state), undefined);
  const short = { ...state, replicas: state.replicas.map((r, i) => (i === 2 ? { ...r, log: [] } : r)) };
  t.deepEqual(highWatermarkWithinIsr.check(short)?.rules, ['RP-4']);
});

test('RP-6 only a follower behind the leader LEO can lag out of the ISR; the HW may then advance', (t) => {
  const settings = replicationSettings({ config: SAFE, writes: 2 });
  const caughtUp = run(SAFE, [produce, ...replicate]);
  t.false(enabledEvents(caughtUp, settings).some((e) => e.type === 'LAG_OUT'));
  const behind = run(SAFE, [produce, fetch(1), fetch(1), lagOut(2)]);
  t.deepEqual(behind.isr, [0, 1]);
  t.is(hw(behind), 1, 'the shrink lets the HW reach what the remaining ISR holds');
});

test('RP-7 a follower rejoins the ISR once its LEO reaches the leader HW and the start of the leader epoch', (t) => {
  let state = run(SAFE, [produce, fetch(1), fetch(1), lagOut(2)]);
  t.false(state.isr.includes(2));
  state = run(SAFE, [produce, fetch(1), fetch(1), lagOut(2), fetch(2)]);
  t.false(state.isr.includes(2), 'fetch offset 0 is below the HW 1');
  state = run(SAFE, [produce, fetch(1), fetch(1), lagOut(2), fetch(2), fetch(2)]);
  t.true(state.isr.includes(2));
  // After an election the epoch start offset counts too: a follower below it stays out.
  const elected = run(SAFE, [produce, fetch(1), fetch(1), lagOut(2), fail(0), elect(1)]);
  t.is(elected.epochStartOffset, 1);
});

test('RP-8 acks=1 answers on the leader append, acks=0 counts as sent, acks=all waits for the HW; other acks values are INVALID_REQUIRED_ACKS', (t) => {
  t.deepEqual(run({ acks: '1' }, [produce]).acknowledged, [{ value: 1, offset: 0 }]);
  t.deepEqual(run({ acks: '0' }, [produce]).acknowledged, [{ value: 1, offset: 0 }]);
  const waiting = run(SAFE, [produce, fetch(1), fetch(2)]);
  t.deepEqual(waiting.acknowledged, []);
  t.deepEqual(waiting.pending, [{ value: 1, offset: 0 }]);
  const done = run(SAFE, [produce, ...replicate, complete]);
  t.deepEqual(done.acknowledged, [{ value: 1, offset: 0 }]);
  t.is(done.lastOutcome, 'NONE');
  t.is(requiredAcksError(-1), 'NONE');
  t.is(requiredAcksError(1), 'NONE');
  t.is(requiredAcksError(0), 'NONE');
  t.is(requiredAcksError(2), 'INVALID_REQUIRED_ACKS');
  t.is(requiredAcksError(-2), 'INVALID_REQUIRED_ACKS');
});

test('RP-9 acks=all with fewer ISR members than min.insync.replicas: NOT_ENOUGH_REPLICAS and nothing appended', (t) => {
  const state = run(SAFE, [produce, lagOut(1), lagOut(2), produce]);
  t.is(state.lastOutcome, 'NOT_ENOUGH_REPLICAS');
  t.is(leo(state, 0), 1, 'only the first write is in the log');
  t.is(state.nextValue, 3);
});

test('RP-10 the ISR shrinks after the HW passed the batch: NOT_ENOUGH_REPLICAS_AFTER_APPEND, the data stays', (t) => {
  const state = run({ 'min.insync.replicas': '3' }, [produce, ...replicate, lagOut(1)].slice(0, 5), 2);
  t.is(hw(state), 1);
  const settings = replicationSettings({ config: { 'min.insync.replicas': '3' }, writes: 2 });
  const shrunk = stepReplication(stepReplication(state, produce, settings), lagOut(1), settings);
  const answered = stepReplication(shrunk, complete, settings);
  t.is(answered.lastOutcome, 'NOT_ENOUGH_REPLICAS_AFTER_APPEND');
  t.deepEqual(answered.acknowledged, []);
  t.is(leo(answered, 0), 2, 'the appended data stays');
});

test('RP-12 a clean election takes a live ISR member and bumps the epoch; with none alive the partition stays offline', (t) => {
  const settings = replicationSettings({ config: SAFE, writes: 1 });
  const offline = run(SAFE, [produce, lagOut(1), lagOut(2), fail(0)]);
  t.is(offline.leader, -1);
  t.deepEqual(offline.isr, [0], 'the last ISR member stays in the ISR');
  t.false(enabledEvents(offline, settings).some((e) => e.type === 'ELECT'));
  const elected = run(SAFE, [produce, ...replicate, fail(0), elect(2)]);
  t.is(elected.leader, 2);
  t.is(elected.leaderEpoch, 1);
  t.deepEqual(elected.isr, [1, 2]);
  const back = run(SAFE, [produce, lagOut(1), lagOut(2), fail(0), restart(0), elect(0)]);
  t.is(back.leader, 0);
  t.is(back.leaderEpoch, 1);
});

test('RP-13 only with unclean.leader.election.enable=true, and no live ISR member, may an out-of-sync replica lead; it becomes the whole ISR', (t) => {
  const unclean = { ...SAFE, 'unclean.leader.election.enable': 'true' };
  const state = run(unclean, [produce, lagOut(1), lagOut(2), fail(0), elect(1)]);
  t.is(state.leader, 1);
  t.deepEqual(state.isr, [1]);
  t.is(leo(state, 1), 0, 'the new leader never had the write');
  t.throws(() => run(SAFE, [produce, lagOut(1), lagOut(2), fail(0), elect(1)]));
});

test('RP-14 leader-epoch truncation cuts a follower exactly where its log stops agreeing with the leader', (t) => {
  // Broker 0 appends value 2 alone, dies; broker 1 leads epoch 1 and appends value 3 at the same offset.
  const events = [produce, ...replicate, produce, fail(0), elect(1), produce, restart(0)];
  const before = run(SAFE, events);
  t.deepEqual(
    before.replicas[0]!.log.map((e) => e.value),
    [1, 2],
  );
  const after = run(SAFE, [...events, fetch(0)]);
  t.deepEqual(
    after.replicas[0]!.log.map((e) => e.value),
    [1, 3],
  );
  t.deepEqual(
    after.replicas[0]!.log.map((e) => e.epoch),
    [0, 1],
  );
});

test('RP-15 the high-watermark truncation switch truncates to the local HW on becoming follower, and can lose committed data', (t) => {
  const config = { ...SAFE, 'kspec.replication.truncation': 'high-watermark' };
  // Follower 2's HW lags (0) while the leader's is 1; after broker 0 dies and 1 leads, 2 truncates to 0.
  const state = run(config, [produce, fetch(1), fetch(2), fetch(2), fetch(1), fail(0), elect(1)]);
  t.is(state.replicas[2]!.highWatermark, 0);
  t.is(leo(state, 2), 0);
  t.deepEqual(highWatermarkWithinIsr.check(state)?.rules, ['RP-4']);
  const lost = run(config, [
    produce,
    fetch(1),
    fetch(2),
    fetch(2),
    fetch(1),
    complete,
    fail(0),
    elect(1),
    fail(1),
    elect(2),
  ]);
  t.deepEqual(noAcknowledgedWriteLost.check(lost)?.rules, ['RP-18']);
  // The same run with leader-epoch truncation keeps the record.
  const kept = run(SAFE, [
    produce,
    fetch(1),
    fetch(2),
    fetch(2),
    fetch(1),
    complete,
    fail(0),
    elect(1),
    fail(1),
    elect(2),
  ]);
  t.is(noAcknowledgedWriteLost.check(kept), undefined);
});

test('RP-16 failure kinds: clean shutdown flushes, a process crash keeps bytes, power loss keeps the flushed prefix, disk loss leaves an empty disk', (t) => {
  const base = [produce, fetch(1), fetch(1)];
  t.is(leo(run(SAFE, [...base, fail(1, 'clean-shutdown'), restart(1)]), 1), 1);
  t.is(leo(run(SAFE, [...base, fail(1, 'process-crash'), restart(1)]), 1), 1);
  t.is(
    leo(run({ ...SAFE, 'kspec.faults.power-loss': '1' }, [...base, fail(1, 'power-loss'), restart(1)]), 1),
    0,
  );
  t.is(
    leo(
      run({ ...SAFE, 'kspec.faults.power-loss': '1' }, [
        ...base,
        { type: 'FLUSH', broker: 1 },
        fail(1, 'power-loss'),
        restart(1),
      ]),
      1,
    ),
    1,
  );
  const gone = run(SAFE, [...base, fail(1, 'disk-loss')]);
  t.true(gone.replicas[1]!.gone);
  t.is(leo(gone, 1), 0);
  // A replaced disk: the broker restarts under its id with nothing, as a follower that must fetch.
  const back = run(SAFE, [...base, fail(1, 'disk-loss'), restart(1)]);
  t.like(back.replicas[1], { alive: true, gone: false, log: [] });
  t.throws(
    () => run(SAFE, [...base, fail(1, 'power-loss')]),
    undefined,
    'power loss is outside the default fault budget',
  );
});

test('RP-17 flush.messages=1 makes every append durable at once; by default only an explicit flush does', (t) => {
  t.is(run({ ...SAFE, 'flush.messages': '1' }, [produce, fetch(1)]).replicas[1]!.flushed, 1);
  t.is(run({ ...SAFE, 'flush.messages': '1' }, [produce]).replicas[0]!.flushed, 1);
  t.is(run(SAFE, [produce, fetch(1)]).replicas[1]!.flushed, 0);
  t.is(run({ ...SAFE, 'flush.messages': '2' }, [produce, produce]).replicas[0]!.flushed, 2);
});

test('RP-18 RP-19 the loss checkers flag an acknowledged or committed record the leader no longer has', (t) => {
  const lost = run({ acks: '1' }, [produce, fail(0), elect(1)]);
  t.deepEqual(noAcknowledgedWriteLost.check(lost)?.rules, ['RP-18']);
  t.is(committedRecordsUnchanged.check(lost), undefined, 'the acks=1 write was never committed');
  const state = run(SAFE, [produce, ...replicate, complete]);
  const changed = {
    ...state,
    replicas: state.replicas.map((r, i) => (i === 0 ? { ...r, log: [{ value: 9, epoch: 0 }] } : r)),
  };
  t.deepEqual(committedRecordsUnchanged.check(changed)?.rules, ['RP-19']);
  t.deepEqual(noAcknowledgedWriteLost.check(changed)?.rules, ['RP-18']);
});

test('RP-21 fire-and-forget: a refused send still counts as done for the application, so the checker reports it lost', (t) => {
  const config = { ...SAFE, 'kspec.producer.send': 'fire-and-forget' };
  const refused = run(config, [produce, lagOut(1), lagOut(2), produce]);
  t.is(refused.lastOutcome, 'NOT_ENOUGH_REPLICAS');
  t.deepEqual(refused.acknowledged.at(-1), { value: 2, offset: -1 });
  t.deepEqual(noAcknowledgedWriteLost.check(refused)?.rules, ['RP-18', 'RP-21']);
  const counted = run(config, [produce]);
  t.deepEqual(counted.acknowledged, [{ value: 1, offset: 0 }], 'counted at send time, before any answer');
  const answered = run(config, [produce, ...replicate, complete]);
  t.deepEqual(answered.acknowledged, [{ value: 1, offset: 0 }], 'not counted twice');
  t.is(
    noAcknowledgedWriteLost.check(run(SAFE, [produce, lagOut(1), lagOut(2), produce])),
    undefined,
    'callback mode sees the refusal',
  );
});

test('RP-12 symmetry: states that differ only by which follower did what share one key; different states do not', (t) => {
  const key = (state: ReplicationState) => replicationKey(state, 0);
  t.is(key(run(SAFE, [produce, fetch(1)])), key(run(SAFE, [produce, fetch(2)])));
  t.is(
    key(run(SAFE, [produce, fetch(1), fetch(2), fail(0), elect(1)])),
    key(run(SAFE, [produce, fetch(2), fetch(1), fail(0), elect(2)])),
  );
  t.not(key(run(SAFE, [produce, fetch(1)])), key(run(SAFE, [produce, fetch(1), fetch(2)])));
});

test('RP-17 RP-16 the key keeps how much is flushed only while a power loss can still happen', (t) => {
  const flushed = run(SAFE, [produce, { type: 'FLUSH', broker: 0 }]);
  const unflushed = run(SAFE, [produce]);
  t.not(replicationKey(unflushed, 1), replicationKey(flushed, 1), 'a power loss would tell them apart');
  t.is(replicationKey(unflushed, 0), replicationKey(flushed, 0), 'with no power loss left nothing reads it');
  const powerLost: Config = { 'kspec.faults.power-loss': '1', ...SAFE };
  const spent = run(powerLost, [produce, { type: 'FAIL', broker: 2, kind: 'power-loss' }, produce]);
  const spentFlushed = run(powerLost, [
    produce,
    { type: 'FAIL', broker: 2, kind: 'power-loss' },
    produce,
    { type: 'FLUSH', broker: 0 },
  ]);
  t.is(replicationKey(spent, 1), replicationKey(spentFlushed, 1), 'the budget is spent');
});

test('RP-18 acknowledged records are keyed as a set: the order in which produces were answered does not matter', (t) => {
  const base = run(SAFE, [produce]);
  const a = {
    ...base,
    acknowledged: [
      { value: 1, offset: 0 },
      { value: 2, offset: 1 },
    ],
  };
  const b = {
    ...base,
    acknowledged: [
      { value: 2, offset: 1 },
      { value: 1, offset: 0 },
    ],
  };
  const c = {
    ...base,
    acknowledged: [
      { value: 2, offset: 0 },
      { value: 1, offset: 1 },
    ],
  };
  t.is(replicationKey(a, 0), replicationKey(b, 0));
  t.not(replicationKey(a, 0), replicationKey(c, 0));
});

test('RP-20 RP-16 the fault assumption keeps a disk loss off the sole ISR member while copies of its committed data sit outside the ISR', (t) => {
  // Committed at offset 0 on all three; a second write the followers never fetch; both lag out.
  const shrunk = [produce, fetch(1), fetch(2), fetch(1), fetch(2), produce, lagOut(1), lagOut(2)];
  t.deepEqual(run(SAFE, shrunk).isr, [0]);
  // Taking it would bring broker 0 back empty as the only eligible replica (pre-KIP-966).
  t.throws(() => run(SAFE, [...shrunk, fail(0, 'disk-loss')]), { message: /not enabled/ });
  // With a replication factor of 1 the only copy may still be lost: that is the unsafe setting.
  const single = { 'replication.factor': '1', 'min.insync.replicas': '1' };
  t.false(run(single, [produce, fail(0, 'disk-loss')]).replicas[0]!.alive);
});

test('RP-9 RP-10 RP-11 min.insync.replicas above the replica count is capped at it (Partition.effectiveMinIsr, KAFKA-15583)', (t) => {
  const config = { 'min.insync.replicas': '3', 'replication.factor': '2' };
  let state = run(config, [produce, fetch(1), fetch(1)], 1);
  t.is(state.lastOutcome, null, 'accepted with the ISR at 2 = min(3, 2), waiting for the HW');
  t.is(hw(state), 1);
  state = stepReplication(state, complete, replicationSettings({ config, writes: 1 }));
  t.is(state.lastOutcome, 'NONE');
  t.is(
    run(config, [produce, lagOut(1), produce], 2).lastOutcome,
    'NOT_ENOUGH_REPLICAS',
    'below the effective minimum it is still refused',
  );
});

test('RP-14 RP-26 no replica holds a batch above the leader epoch after failures and elections, so a follower never sends an epoch the leader cannot place; the checker flags one that does', (t) => {
  const state = run(SAFE, [
    produce,
    ...replicate,
    fail(0),
    elect(1),
    produce,
    fetch(2),
    restart(0),
    fetch(0),
    fetch(0),
  ]);
  t.is(state.leaderEpoch, 1);
  t.is(followerEpochsWithinLeader.check(state), undefined);
  const ahead = {
    ...state,
    replicas: state.replicas.map((r, i) => (i === 2 ? { ...r, log: [...r.log, { value: 9, epoch: 5 }] } : r)),
  };
  t.deepEqual(followerEpochsWithinLeader.check(ahead)?.rules, ['RP-14', 'RP-26']);
});
