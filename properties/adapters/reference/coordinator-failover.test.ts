// What a group looks like after its coordinator's broker shuts down and another broker loads the
// __consumer_offsets partition. Kafka writes a GroupMetadata record (acks=-1) when the leader's
// SyncGroup stores the assignment and when a join phase leaves the group Empty
// (GroupMetadataManager.completeClassicGroupJoin); nothing at a join phase that ends in
// CompletingRebalance. A new coordinator replays the partition, so the group resumes at its last
// *persisted* generation: never below it, and possibly below a generation that was handed out in
// JoinGroup answers but never synced.
import test from 'ava';
import { decodeRecord } from '../../../impl/coordinator/records.ts';
import type { Event } from '../../../spec/events.ts';
import { offsetsPartitionFor } from '../../../spec/java-hash.ts';
import type { Observation } from '../../../spec/observations.ts';
import type { SystemState } from '../../../spec/state.ts';
import { createReferenceSystem } from './reference-system.ts';

const protocols = [{ name: 'range', topics: ['t'] }];
const OFFSETS_PARTITIONS = 3;
const baseConfig = {
  'group.initial.rebalance.delay.ms': 0,
  'offsets.topic.num.partitions': OFFSETS_PARTITIONS,
  'enable.auto.commit': false,
  brokers: 3,
};

type ReferenceSystem = ReturnType<typeof createReferenceSystem>;

async function start(config: Record<string, string | number | boolean> = {}, seed = 5) {
  const system = createReferenceSystem({ storage: 'simulated' });
  await system.reset({ seed, config: { ...baseConfig, ...config } });
  let seq = 0;
  const apply = async (event: Event) => system.apply(event, seq++);
  return { system, apply };
}

const join = (
  client: string,
  timeouts = { sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 30_000 },
): Event => ({
  type: 'join',
  client,
  group: 'g',
  member: 'own',
  protocols,
  ...timeouts,
  version: 3,
});
const sync = (client: string, generation: number): Event => ({
  type: 'sync',
  client,
  group: 'g',
  generation,
  member: 'own',
});
const heartbeat = (client: string, generation: number): Event => ({
  type: 'heartbeat',
  client,
  group: 'g',
  generation,
  member: 'own',
});

/** The broker leading the group's __consumer_offsets partition. */
function coordinatorOf(system: ReferenceSystem): number {
  const partition = offsetsPartitionFor('g', OFFSETS_PARTITIONS);
  const leader = system.cluster()!.controller.partition('__consumer_offsets', partition)?.leader;
  if (leader === null || leader === undefined) throw new Error('no coordinator');
  return leader;
}

const groupIn = (state: SystemState) => state.groups.find((g) => g.group === 'g');
const answerOf = (answers: Observation[], type: Observation['type']) => answers.find((o) => o.type === type);

test('GroupMetadata survives log retention: __consumer_offsets is compacted, so a failover reloads a long-Stable group', async (t) => {
  // Short retention and segments: a delete-policy offsets topic would drop the segment holding the
  // group's record once a later commit rolled the log.
  const { system, apply } = await start({ 'retention.ms': 60_000, 'segment.ms': 60_000 });
  const long = { sessionTimeoutMs: 300_000, rebalanceTimeoutMs: 300_000 };
  await apply({ type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 3 });
  await apply(join('c1', long));
  t.like(answerOf(await apply(sync('c1', 1)), 'sync-response'), { error: 'NONE' });
  await apply({ type: 'advance-time', ms: 61_000 });
  await apply({
    type: 'commit',
    client: 'c1',
    group: 'g',
    generation: 1,
    member: 'own',
    offsets: [{ topic: 't', partition: 0, offset: 3 }],
  });
  for (let i = 0; i < 6; i++) {
    await apply({ type: 'advance-time', ms: 60_000 });
    t.like(answerOf(await apply(heartbeat('c1', 1)), 'heartbeat-response'), { error: 'NONE' });
  }
  const offsetsTopic = system.cluster()!.controller.topic('__consumer_offsets')!;
  t.is(offsetsTopic.settings.config['cleanup.policy'], 'compact');
  await apply({ type: 'broker-failure', broker: coordinatorOf(system), kind: 'clean-shutdown' });
  t.like(answerOf(await apply({ type: 'describe-group', group: 'g' }), 'describe-response'), {
    state: 'Stable',
    members: [{ client: 'c1' }],
  });
  t.like(answerOf(await apply(heartbeat('c1', 1)), 'heartbeat-response'), { error: 'NONE' });
  t.like(groupIn(await system.inspect!()), { generation: 1, state: 'Stable' });
  await system.close();
});

test('the Empty-state record: a group emptied at generation 3 reloads at 3 and its next generation is 4', async (t) => {
  const { system, apply } = await start();
  await apply({ type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 3 });
  await apply(join('c1'));
  await apply(sync('c1', 1));
  await apply(join('c2'));
  await apply(join('c1'));
  await apply(sync('c1', 2));
  await apply(sync('c2', 2));
  await apply({ type: 'leave', client: 'c2', group: 'g', member: 'own' });
  await apply({ type: 'leave', client: 'c1', group: 'g', member: 'own' });
  t.like(groupIn(await system.inspect!()), { generation: 3, state: 'Empty' });
  await apply({ type: 'broker-failure', broker: coordinatorOf(system), kind: 'clean-shutdown' });
  t.like(groupIn(await system.inspect!()), { generation: 3, state: 'Empty' });
  t.like(answerOf(await apply(join('c9')), 'join-response'), { error: 'NONE', generation: 4, leader: 'c9' });
  await system.close();
});

test('generations handed out but never synced are not persisted: a failover in CompletingRebalance goes back from 3 to the stored 1', async (t) => {
  const { system, apply } = await start();
  await apply({ type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 3 });
  await apply(join('c1'));
  t.like(answerOf(await apply(sync('c1', 1)), 'sync-response'), { error: 'NONE' });
  await apply(join('c2'));
  await apply(join('c1')); // generation 2, CompletingRebalance: no record
  await apply(join('c3')); // back to PreparingRebalance before anyone synced
  await apply(join('c1'));
  const third = await apply(join('c2'));
  t.like(answerOf(third, 'join-response'), { error: 'NONE', generation: 3 });
  t.like(groupIn(await system.inspect!()), { generation: 3, state: 'CompletingRebalance' });
  await apply({ type: 'broker-failure', broker: coordinatorOf(system), kind: 'clean-shutdown' });
  t.like(groupIn(await system.inspect!()), { generation: 1, state: 'Stable' });
  t.like(answerOf(await apply(heartbeat('c1', 3)), 'heartbeat-response'), { error: 'ILLEGAL_GENERATION' });
  t.like(answerOf(await apply(heartbeat('c1', 1)), 'heartbeat-response'), { error: 'NONE' });
  t.like(answerOf(await apply(heartbeat('c2', 3)), 'heartbeat-response'), { error: 'UNKNOWN_MEMBER_ID' });
  await system.close();
});

/** The generation of the group's last GroupMetadata record below the leader's high watermark. */
function lastPersistedGeneration(system: ReferenceSystem): number {
  const cluster = system.cluster()!;
  const partition = offsetsPartitionFor('g', OFFSETS_PARTITIONS);
  const leader = cluster.controller.partition('__consumer_offsets', partition)?.leader;
  if (leader === null || leader === undefined) return -1;
  const replica = cluster.broker(leader).replica('__consumer_offsets', partition);
  if (replica?.role !== 'leader') return -1;
  let generation = -1;
  for (const record of replica.store.readRecords(
    replica.store.logStartOffset(),
    replica.highWatermark,
    Number.MAX_SAFE_INTEGER,
  )) {
    const decoded = decodeRecord({
      key: new Uint8Array(record.key ?? Buffer.alloc(0)),
      value: record.value ? new Uint8Array(record.value) : null,
    });
    if (decoded.kind === 'group-metadata' && decoded.group === 'g' && decoded.value)
      generation = decoded.value.generation;
  }
  return generation;
}

test('random rebalances, clean shutdowns and process crashes: a loaded group is never below its last replicated generation', async (t) => {
  let failovers = 0;
  for (let seed = 1; seed <= 12; seed++) {
    let random = seed * 7919;
    const next = (n: number) => {
      random = (Math.imul(random ^ (random >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
      return random % n;
    };
    const { system, apply } = await start({}, seed);
    const generations = new Map<string, number>();
    let persisted = -1;
    await apply({ type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 3 });
    for (let step = 0; step < 50; step++) {
      const client = ['c1', 'c2', 'c3'][next(3)]!;
      const kind = next(12);
      const generation = generations.get(client) ?? -1;
      const event: Event =
        kind < 3
          ? join(client)
          : kind < 6
            ? sync(client, generation)
            : kind < 7
              ? { type: 'leave', client, group: 'g', member: 'own' }
              : kind < 8
                ? { type: 'advance-time', ms: [100, 11_000, 31_000][next(3)]! }
                : kind < 10
                  ? {
                      type: 'broker-failure',
                      broker: next(3),
                      kind: next(2) === 0 ? 'clean-shutdown' : 'process-crash',
                    }
                  : { type: 'broker-restart', broker: next(3) };
      const answers = await apply(event);
      for (const answer of answers)
        if (answer.type === 'join-response' && answer.error === 'NONE')
          generations.set(answer.client, answer.generation);
      const group = groupIn(await system.inspect!());
      if (event.type === 'broker-failure' && group && persisted >= 1) failovers++;
      if (group && group.state !== 'Dead')
        t.true(
          group.generation >= persisted,
          `seed ${seed} step ${step}: generation ${group.generation} below the replicated ${persisted}`,
        );
      persisted = Math.max(persisted, lastPersistedGeneration(system));
    }
    await system.close();
  }
  t.true(failovers >= 10, `the runs moved a persisted group's coordinator (${failovers} times)`);
});

test('GC-25 GC-28: an assignment write that completes late starts the sessions then, not at the SyncGroup', async (t) => {
  // A follower of the group's offsets partition is cut off while still in the ISR, so the leader's
  // SyncGroup write (acks=all) waits until replica.lag.time.max.ms drops it from the ISR.
  const { system, apply } = await start({ 'min.insync.replicas': 2, 'replica.lag.time.max.ms': 10_000 });
  const session = { sessionTimeoutMs: 60_000, rebalanceTimeoutMs: 60_000 };
  await apply({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 3 });
  t.like(answerOf(await apply(join('c1', session)), 'join-response'), { error: 'NONE' });
  const partition = system
    .cluster()!
    .controller.partition('__consumer_offsets', offsetsPartitionFor('g', OFFSETS_PARTITIONS))!;
  const follower = partition.replicas.find((b) => b !== partition.leader)!;
  await apply({ type: 'network-partition', isolate: { brokers: [follower], clients: [] } });
  t.is(answerOf(await apply(sync('c1', 1)), 'sync-response'), undefined, 'the write waits for the ISR');
  const syncedAt = system.cluster()!.now();
  let completedAt = 0;
  for (let waited = 0; waited < 20 && completedAt === 0; waited++) {
    const answers = await apply({ type: 'advance-time', ms: 1_000 });
    if (answerOf(answers, 'sync-response')) completedAt = system.cluster()!.now();
  }
  t.true(completedAt - syncedAt >= 4_000, `sent at ${syncedAt} ms, completed at ${completedAt} ms`);
  // Past a session counted from the SyncGroup, within one counted from the write's completion.
  const halfway = syncedAt + 60_000 + (completedAt - syncedAt) / 2;
  await apply({ type: 'advance-time', ms: halfway - completedAt });
  t.like(answerOf(await apply(heartbeat('c1', 1)), 'heartbeat-response'), { error: 'NONE' });
  await system.close();
});
