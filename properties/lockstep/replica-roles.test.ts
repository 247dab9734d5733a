// Role-named fault targets: which broker a role names in a partition's replicas, and when a
// storage fault aimed over the wire (Metadata: leaders, replicas, ISRs, no offsets) stays within
// what RP-20 lets the safe profile claim.
import test from 'ava';
import { resolveConfig } from '../../spec/config.ts';
import type { ReplicaView } from '../../spec/sut.ts';
import { profileConfig } from '../profiles.ts';
import { FENCED_AFTER_MS, RunKnowledge } from './knowledge.ts';
import { replicaByRole, soleIsrMemberOf } from './replica-roles.ts';

const view = (partition: number, leader: number | null, replicas: number[], isr: number[]): ReplicaView => ({
  topic: 't',
  partition,
  leader,
  replicas,
  isr,
});

test('a role names the leader, an in-sync follower, or the leader only once the ISR shrank to it', (t) => {
  const views = [view(0, 1, [1, 2, 0], [1, 2, 0]), view(1, 2, [2, 0, 1], [2]), view(2, null, [0, 1, 2], [0])];
  t.is(replicaByRole(views, { topic: 't', partition: 0 }, 'leader'), 1);
  t.is(replicaByRole(views, { topic: 't', partition: 0 }, 'follower'), 2);
  t.is(replicaByRole(views, { topic: 't', partition: 0 }, 'sole-isr-leader'), undefined);
  t.is(replicaByRole(views, { topic: 't', partition: 1 }, 'sole-isr-leader'), 2);
  t.is(replicaByRole(views, { topic: 't', partition: 1 }, 'follower'), undefined);
  // no leader (offline partition), or a partition the system did not report: nobody
  t.is(replicaByRole(views, { topic: 't', partition: 2 }, 'leader'), undefined);
  t.is(replicaByRole(views, { topic: 't', partition: 9 }, 'leader'), undefined);
  t.deepEqual(
    soleIsrMemberOf(views, 2).map((v) => v.partition),
    [1],
  );
});

/** Knowledge after a create-topic and the given steps, as the runner would learn them. */
function knowledgeOf(profile: string): RunKnowledge {
  const k = new RunKnowledge(resolveConfig({ ...profileConfig(profile), brokers: 3 }));
  k.learn({ type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 3 }, 0, [], undefined);
  return k;
}

function ack(k: RunKnowledge, seq: number, partition: number, value: string, acks = -1): void {
  k.learn(
    { type: 'produce', producer: 'p0', topic: 't', partition, values: [value], acks },
    seq,
    [],
    undefined,
  );
  k.learn(
    { type: 'replicate' },
    seq + 1,
    [
      {
        type: 'produce-response',
        request: seq,
        producer: 'p0',
        topic: 't',
        partition,
        acks,
        error: 'NONE',
        baseOffset: 0,
        values: [value],
      },
    ],
    undefined,
  );
}

const fail = (k: RunKnowledge, seq: number, broker: number) =>
  k.learn({ type: 'broker-failure', broker, kind: 'process-crash' }, seq, [], undefined);
const passTime = (k: RunKnowledge, seq: number) =>
  k.learn({ type: 'advance-time', ms: 20_000 }, seq, [], undefined);

test('over the wire a disk loss spares the sole ISR member while another replica may hold its committed data', (t) => {
  const k = knowledgeOf('safe');
  ack(k, 1, 0, 'a');
  fail(k, 3, 1);
  fail(k, 4, 2);
  passTime(k, 5);
  const shrunk = [view(0, 0, [0, 1, 2], [0]), view(1, 0, [0, 1, 2], [0])];
  // 'a' was committed while 1 and 2 were in the ISR: they hold it, and 0's empty log would win
  t.false(k.storageFaultAllowed(0, 'disk-loss', shrunk));
  // not the sole ISR member anywhere: allowed, other brokers down and fenced or not
  t.true(
    k.storageFaultAllowed(0, 'disk-loss', [view(0, 0, [0, 1, 2], [0, 1]), view(1, 0, [0, 1, 2], [0, 1])]),
  );
});

test('a write acknowledged while every other replica was down makes the sole ISR member fair game, until one comes back', (t) => {
  const k = knowledgeOf('min-insync-1');
  fail(k, 1, 1);
  fail(k, 2, 2);
  passTime(k, 3);
  ack(k, 4, 0, 'b'); // min.insync.replicas=1: acknowledged by 0 alone
  const shrunk = [view(0, 0, [0, 1, 2], [0]), view(1, 0, [0, 1, 2], [0, 1, 2])];
  t.true(k.storageFaultAllowed(0, 'disk-loss', shrunk));
  k.learn({ type: 'broker-restart', broker: 1 }, 6, [], undefined);
  t.false(k.storageFaultAllowed(0, 'disk-loss', shrunk), 'broker 1 is back and may have copied b');
});

test('replication factor 1: the leader is the only replica, so its disk loss is always allowed once', (t) => {
  const k = knowledgeOf('replication-factor-1');
  ack(k, 1, 0, 'c', 1);
  const single = [view(0, 2, [2], [2]), view(1, 0, [0], [0])];
  t.true(k.storageFaultAllowed(2, 'disk-loss', single));
  k.learn({ type: 'broker-failure', broker: 2, kind: 'disk-loss' }, 3, [], undefined);
  k.learn({ type: 'broker-restart', broker: 2 }, 4, [], undefined);
  t.false(k.storageFaultAllowed(0, 'disk-loss', single), 'one disk loss per run');
});

test('__consumer_offsets, whose writes a run does not see: its sole ISR member keeps its disk once any group request was sent', (t) => {
  const k = knowledgeOf('safe');
  const views = [
    view(0, 0, [0, 1, 2], [0, 1, 2]),
    { ...view(0, 1, [1, 2, 0], [1]), topic: '__consumer_offsets' },
  ];
  // nothing was ever written to __consumer_offsets: nothing there to lose
  t.true(k.storageFaultAllowed(1, 'disk-loss', views));
  k.learn(
    { type: 'join', client: 'c0', group: 'g', topics: ['t'], member: 'new' } as never,
    1,
    [],
    undefined,
  );
  t.false(k.storageFaultAllowed(1, 'disk-loss', views));
  t.true(k.storageFaultAllowed(2, 'disk-loss', views));
});

test('the in-process path is unchanged: without views and without a snapshot, only right after a full replication round', (t) => {
  const k = knowledgeOf('safe');
  t.false(k.storageFaultAllowed(0, 'disk-loss'));
  k.learn({ type: 'replicate' }, 1, [], undefined);
  t.true(k.storageFaultAllowed(0, 'disk-loss'));
});

test('with snapshots, an acknowledged write counts as committed though every high watermark was reset by restarts', (t) => {
  // The run the ISR fault sequences reached (safe profile): 'a' acknowledged at t-0@0, the leader 0
  // restarted before its fence, both followers crashed and were fenced out, came back out of the
  // ISR holding 'a', and every replica's high watermark read 0. 0's disk loss would elect its empty
  // log over their copies.
  const k = knowledgeOf('safe');
  ack(k, 1, 0, 'a');
  const replica = (broker: number, logEndOffset: number) => ({
    broker,
    alive: true,
    logEndOffset,
    highWatermark: 0,
    lastEpoch: 0,
  });
  const partition = (p: number) => ({
    topic: 't',
    partition: p,
    replicas: [0, 1, 2],
    leader: 0,
    leaderEpoch: 2,
    isr: [0],
    highWatermark: 0,
    replicaStates: [replica(0, 3), replica(1, p === 0 ? 1 : 0), replica(2, p === 0 ? 1 : 0)],
  });
  const state = {
    timeMs: 20_000,
    brokers: [0, 1, 2].map((id) => ({ id, alive: true })),
    groups: [],
    partitions: [partition(0), partition(1)],
  };
  k.learn({ type: 'replicate' }, 3, [], state);
  t.false(k.storageFaultAllowed(0, 'disk-loss'));
  // the same replicas with nothing acknowledged on t-0: nothing committed that 1 or 2 could hold
  const fresh = knowledgeOf('safe');
  fresh.learn({ type: 'replicate' }, 1, [], state);
  t.true(fresh.storageFaultAllowed(0, 'disk-loss'));
});

test('RP-20 a power loss is drawn under any flush.messages; unless every append is fsynced it counts as the run disk loss', (t) => {
  const views = [view(0, 0, [0, 1, 2], [0, 1, 2]), view(1, 1, [1, 2, 0], [1, 2, 0])];
  // Back, fenced once and caught up: the next storage fault may come.
  const restart = (k: RunKnowledge, broker: number, seq: number) => {
    k.learn({ type: 'advance-time', ms: FENCED_AFTER_MS }, seq, [], undefined);
    k.learn({ type: 'broker-restart', broker }, seq + 1, [], undefined);
    k.learn({ type: 'replicate' }, seq + 2, [], undefined);
  };
  const synced = new RunKnowledge(
    resolveConfig({ ...profileConfig('safe'), brokers: 3, 'flush.messages': 1 }),
  );
  synced.learn({ type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 3 }, 0, [], undefined);
  synced.learn({ type: 'broker-failure', broker: 2, kind: 'power-loss' }, 1, [], undefined);
  restart(synced, 2, 2);
  t.true(synced.storageFaultAllowed(1, 'power-loss', views), 'nothing unflushed: power losses are free');
  t.true(synced.storageFaultAllowed(1, 'disk-loss', views), 'and the disk loss is still to come');

  const unsynced = knowledgeOf('safe');
  t.true(
    unsynced.storageFaultAllowed(2, 'power-loss', views),
    'default flush.messages: drawn like a disk loss',
  );
  unsynced.learn({ type: 'broker-failure', broker: 2, kind: 'power-loss' }, 1, [], undefined);
  restart(unsynced, 2, 2);
  t.false(unsynced.storageFaultAllowed(1, 'power-loss', views), 'it was the run disk loss');
  t.false(unsynced.storageFaultAllowed(1, 'disk-loss', views));
});
