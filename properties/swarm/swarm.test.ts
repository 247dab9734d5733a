// Each swarm dimension reaches its boundary values (and the plain suite value) over a sample.
import test from 'ava';
import fc from 'fast-check';
import { resolveConfig } from '../../spec/config.ts';
import type { EventOf } from '../../spec/events.ts';
import { metadata } from '../commands/arbitraries.ts';
import { metadataFor } from '../commands/commit.ts';
import { sentByClient } from '../lockstep/client-settings.ts';
import { RunKnowledge } from '../lockstep/knowledge.ts';
import { SAFE_PROFILE } from '../profiles.ts';
import { swarmArbitrary } from './swarm.ts';
import { instanceIdOf, rebalanceTimeoutMs, STRATEGIES, sessionTimeoutMs } from './swarm-config.ts';

const INT_MAX = 2147483647;
const KINDS = ['join', 'sync', 'heartbeat', 'leave'] as const;
const swarms = fc.sample(swarmArbitrary(KINDS, 3), { seed: 17, numRuns: 3000 });
const config = resolveConfig(SAFE_PROFILE);
const valuesOf = (name: string) => new Set(swarms.map((s) => s.config[name]));

const boundaries: Record<string, readonly (number | undefined)[]> = {
  partitions: [undefined, 1, 6],
  'replication.factor': [undefined, 2, 3],
  'index.interval.bytes': [undefined, 0, 1, 4096, 8192],
  'flush.messages': [undefined, 1, 10, INT_MAX],
  'offsets.retention.minutes': [undefined, 1, 10080],
  'group.max.size': [undefined, 1, 2, 3, INT_MAX],
  'offset.metadata.max.bytes': [undefined, 0, 1, 4096],
  'kspec.consumer.list-offsets.version': [undefined, 0, 1, 4],
  'kspec.producer.version': [undefined, 9, 10],
  'flush.ms': [undefined, 0, 100, 1000, 3000, 5000],
  'log.flush.scheduler.interval.ms': [undefined, 100, 1000, 3000],
  'log.initial.task.delay.ms': [undefined, 0, 1000, 30000],
};

for (const [name, expected] of Object.entries(boundaries))
  test(`swarm setting ${name} reaches its boundaries`, (t) => {
    const values = valuesOf(name);
    for (const value of expected) t.true(values.has(value), `${name}=${value}`);
  });

test('swarm member session timeouts reach both bounds of the broker range and one past each', (t) => {
  const values = new Set(swarms.flatMap((s) => s.members.map((m) => sessionTimeoutMs(config, m.session))));
  for (const value of [5999, 6000, 10000, 60000, 1800000, 1800001]) t.true(values.has(value), String(value));
});

test('swarm member rebalance timeouts reach 1 ms, max.poll.interval.ms and ten minutes', (t) => {
  const values = new Set(
    swarms.flatMap((s) => s.members.map((m) => rebalanceTimeoutMs(config, m.rebalance))),
  );
  for (const value of [1, 30000, 600000]) t.true(values.has(value), String(value));
});

test('swarm protocol lists: each strategy alone, all of them, and more than one order', (t) => {
  const lists = new Set(swarms.flatMap((s) => s.members.map((m) => m.protocols?.join('/') ?? 'default')));
  t.true(lists.has('default'));
  for (const strategy of STRATEGIES) t.true(lists.has(strategy), strategy);
  const full = [...lists].filter((list) => list.split('/').length === STRATEGIES.length);
  t.true(full.length > 1, 'all strategies in several orders');
});

test('swarm members of one run differ: some runs give their consumers different settings', (t) => {
  const differing = swarms.filter((s) => new Set(s.members.map((m) => JSON.stringify(m))).size > 1);
  t.true(differing.length > swarms.length / 2);
});

test('GC-40 swarm members are dynamic, static with their own instance id, or sharing c0 one; the run sends it on every group request', (t) => {
  const ids = new Set(
    swarms.flatMap((s) => s.members.map((m, index) => instanceIdOf(m, index) ?? 'dynamic')),
  );
  t.deepEqual([...ids].sort(), ['dynamic', 'i0', 'i1', 'i2']);
  t.true(
    swarms.some((s) => s.members[1]?.instance === 'shared'),
    'c1 sharing c0 instance id: two consumers configured alike fence each other',
  );
  const k = new RunKnowledge(config);
  k.swarm = { omit: [], config: {}, members: [{ session: 'config', rebalance: 'config', instance: 'own' }] };
  const heartbeat = { type: 'heartbeat', client: 'c0', group: 'g', generation: 1, member: 'own' } as const;
  t.deepEqual(sentByClient(heartbeat, k), { ...heartbeat, instanceId: 'i0' });
  const c1 = { ...heartbeat, client: 'c1' };
  t.is(sentByClient(c1, k), c1, 'a consumer without swarm settings stays dynamic');
  const fetch = { type: 'offset-fetch', client: 'c0', group: 'g' } as const;
  t.is(sentByClient(fetch, k), fetch, 'OffsetFetch carries no instance id');
});

test('GC-40 OC-1 swarm members speak JoinGroup v5 or v9, OffsetCommit v2, v8 or v9, LeaveGroup v0, v2 or v3', (t) => {
  const versions = (pick: (m: (typeof swarms)[number]['members'][number]) => number) =>
    [...new Set(swarms.flatMap((s) => s.members.map(pick)))].sort((a, b) => a - b);
  t.deepEqual(
    versions((m) => m.joinVersion ?? 5),
    [5, 9],
  );
  t.deepEqual(
    versions((m) => m.commitVersion ?? 9),
    [2, 8, 9],
  );
  t.deepEqual(
    versions((m) => m.leaveVersion ?? 3),
    [0, 2, 3],
  );
  const k = new RunKnowledge(config);
  k.swarm = {
    omit: [],
    config: {},
    members: [{ session: 'config', rebalance: 'config', instance: 'own', commitVersion: 2, leaveVersion: 0 }],
  };
  const commit: EventOf<'commit'> = {
    type: 'commit',
    client: 'c0',
    group: 'g',
    generation: 1,
    member: 'own',
    offsets: [{ topic: 't', partition: 0, offset: 1 }],
  };
  t.deepEqual(sentByClient(commit, k), { ...commit, version: 2 }, 'v2 carries no instance id');
  const leave = { type: 'leave', client: 'c0', group: 'g', member: 'own' } as const;
  t.deepEqual(sentByClient(leave, k), { ...leave, version: 0 });
  t.deepEqual(sentByClient({ ...leave, version: 5 }, k), { ...leave, version: 5, instanceId: 'i0' });
});

test('swarm omits no kind, a single kind, and all but one, never all', (t) => {
  const sizes = new Set(swarms.map((s) => s.omit.length));
  for (const size of [0, 1, KINDS.length - 1]) t.true(sizes.has(size), String(size));
  t.false(sizes.has(KINDS.length));
});

test('commit metadata reaches none, empty, and both sides of offset.metadata.max.bytes', (t) => {
  const k = new RunKnowledge(resolveConfig({ ...SAFE_PROFILE, 'offset.metadata.max.bytes': 16 }));
  const lengths = new Set(
    fc.sample(metadata, { seed: 17, numRuns: 500 }).map((choice) => metadataFor(k, choice)?.length),
  );
  for (const length of [undefined, 0, 1, 16, 17]) t.true(lengths.has(length), String(length));
});

test('RP-17 the log flusher is drawn whole: flush.ms, its period and its initial delay together, in about half of the runs', (t) => {
  const names = ['flush.ms', 'log.flush.scheduler.interval.ms', 'log.initial.task.delay.ms'];
  const drawn = swarms.filter((s) => names.some((name) => s.config[name] !== undefined));
  t.true(drawn.every((s) => names.every((name) => s.config[name] !== undefined)));
  t.true(
    drawn.length > swarms.length * 0.4 && drawn.length < swarms.length * 0.6,
    `${drawn.length} of ${swarms.length}`,
  );
});
