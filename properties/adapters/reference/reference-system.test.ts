import { tmpdir } from 'node:os';
import test from 'ava';
import type { Event } from '../../../spec/events.ts';
import type { Observation } from '../../../spec/observations.ts';
import { isObservation, isSystemState } from '../../../spec/validate.ts';
import { createReferenceSystem, defaultTemporaryParent } from './reference-system.ts';

const protocols = [{ name: 'range', topics: ['t'] }];
const timeouts = { sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000 };

async function run(
  events: Event[],
  storage: 'real' | 'simulated' = 'simulated',
  seed = 7,
  config: Record<string, string | number | boolean> = {},
) {
  const system = createReferenceSystem({ storage });
  await system.reset({
    seed,
    config: { 'enable.auto.commit': false, 'auto.offset.reset': 'earliest', ...config },
  });
  const answers: Observation[][] = [];
  for (const [seq, event] of events.entries()) answers.push(await system.apply(event, seq));
  const state = await system.inspect!();
  await system.close();
  return { answers, state, all: answers.flat() };
}

const groupFlow: Event[] = [
  { type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 3 },
  { type: 'produce', producer: 'p', topic: 't', partition: 0, values: ['a', 'b'], acks: -1 },
  { type: 'replicate' },
  { type: 'replicate' },
  { type: 'join', client: 'c1', group: 'g', member: 'none', protocols, ...timeouts },
  { type: 'join', client: 'c1', group: 'g', member: 'own', protocols, ...timeouts },
  { type: 'advance-time', ms: 3_000 },
  { type: 'sync', client: 'c1', group: 'g', generation: 1, member: 'own' },
  { type: 'poll', client: 'c1', group: 'g' },
  { type: 'consumer-commit', client: 'c1', group: 'g', mode: 'sync' },
  { type: 'offset-fetch', client: 'c1', group: 'g' },
  { type: 'describe-group', group: 'g' },
];

test('a group member joins, syncs, polls the committed records and commits its positions', async (t) => {
  const { answers, all, state } = await run(groupFlow);
  for (const observation of all)
    t.true(isObservation(observation), JSON.stringify(isObservation.errors(observation)));
  t.true(isSystemState(state), JSON.stringify(isSystemState.errors(state)));
  t.like(answers[0]![0], { type: 'admin-response', error: 'NONE' });
  t.deepEqual(answers[1], [], 'acks=all waits for the followers');
  t.like(answers[3]![0], { type: 'produce-response', error: 'NONE', baseOffset: 0 });
  t.like(answers[4]![0], { type: 'join-response', error: 'MEMBER_ID_REQUIRED' });
  t.deepEqual(answers[5], [], 'parked during the initial rebalance delay');
  t.like(answers[6]![0], {
    type: 'join-response',
    request: 5,
    error: 'NONE',
    generation: 1,
    leader: 'c1',
    protocol: 'range',
  });
  t.like(answers[7]![0], {
    type: 'sync-response',
    error: 'NONE',
    assignment: [{ topic: 't', partitions: [0, 1] }],
  });
  t.like(answers[8]![0], {
    type: 'poll-result',
    exception: null,
    records: [
      { topic: 't', partition: 0, offset: 0, value: 'a' },
      { topic: 't', partition: 0, offset: 1, value: 'b' },
    ],
  });
  const commit = answers[9]![0]!;
  t.like(commit, { type: 'commit-response', source: 'consumer', generation: 1 });
  t.deepEqual((commit as { partitions: unknown[] }).partitions, [
    { topic: 't', partition: 0, offset: 2, error: 'NONE' },
    { topic: 't', partition: 1, offset: 0, error: 'NONE' },
  ]);
  t.like(answers[10]![0], { type: 'offset-fetch-response', error: 'NONE' });
  t.like(answers[11]![0], {
    type: 'describe-response',
    state: 'Stable',
    members: [{ client: 'c1', assignment: [{ topic: 't', partitions: [0, 1] }] }],
  });
  t.like(state.groups[0], {
    group: 'g',
    state: 'Stable',
    generation: 1,
    leader: 'c1',
    committed: [
      { topic: 't', partition: 0, offset: 2 },
      { topic: 't', partition: 1, offset: 0 },
    ],
  });
});

test('real storage: segment files in a temporary directory, removed on close', async (t) => {
  const system = createReferenceSystem({ storage: 'real' });
  await system.reset({ seed: 1, config: {} });
  await system.apply({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 3 }, 0);
  const answer = await system.apply(
    { type: 'produce', producer: 'p', topic: 't', partition: 0, values: ['x'], acks: 1 },
    1,
  );
  t.like(answer[0], { type: 'produce-response', error: 'NONE', baseOffset: 0 });
  t.deepEqual(await system.apply({ type: 'broker-failure', broker: 0, kind: 'power-loss' }, 2), []);
  t.deepEqual(await system.apply({ type: 'broker-restart', broker: 0 }, 3), []);
  const { existsSync, readdirSync } = await import('node:fs');
  const storage = system.cluster()!.broker(0).storage;
  t.true(readdirSync(storage.logDir).includes('t-0'));
  await system.close();
  t.false(existsSync(storage.logDir));
});

test('real storage: the temporary directory is on tmpfs when there is one; a reset drops the last run unflushed, files closed', async (t) => {
  const { existsSync, readdirSync } = await import('node:fs');
  const parent = defaultTemporaryParent();
  t.is(parent, existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
  const openFiles = () => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0);
  const system = createReferenceSystem({ storage: 'real' });
  await system.reset({ seed: 1, config: {} });
  await system.apply({ type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 3 }, 0);
  const before = system.cluster()!.broker(0).storage.logDir;
  t.true(before.startsWith(parent));
  const descriptors = openFiles();
  await system.reset({ seed: 1, config: {} });
  t.false(existsSync(before), 'the previous run is deleted');
  t.true(openFiles() < descriptors, 'its segment files were closed');
  await system.close();
});

test('acks=0 gets no answer; bad acks get INVALID_REQUIRED_ACKS; unknown partitions are named', async (t) => {
  const { answers } = await run([
    { type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 1 },
    { type: 'produce', producer: 'p', topic: 't', partition: 0, values: ['x'], acks: 0 },
    { type: 'produce', producer: 'p', topic: 't', partition: 0, values: ['x'], acks: 2 },
    { type: 'produce', producer: 'p', topic: 'nope', partition: 0, values: ['x'], acks: 1 },
    { type: 'fetch', client: 'c', topic: 't', partition: 0, offset: 0 },
  ]);
  t.deepEqual(answers[1], []);
  t.like(answers[2]![0], { error: 'INVALID_REQUIRED_ACKS' });
  t.like(answers[3]![0], { error: 'UNKNOWN_TOPIC_OR_PARTITION' });
  t.like(answers[4]![0], {
    type: 'fetch-response',
    error: 'NONE',
    highWatermark: 1,
    records: [{ offset: 0, value: 'x' }],
  });
});

test('the same seed twice gives byte-identical observations and state', async (t) => {
  const events: Event[] = [
    ...groupFlow,
    { type: 'broker-failure', broker: 1, kind: 'power-loss' },
    { type: 'produce', producer: 'p', topic: 't', partition: 1, values: ['c'], acks: 1 },
    { type: 'network-partition', isolate: { brokers: [0], clients: ['p'] } },
    { type: 'advance-time', ms: 20_000 },
    { type: 'network-heal' },
    { type: 'broker-restart', broker: 1 },
    { type: 'replicate' },
    { type: 'poll', client: 'c1', group: 'g' },
  ];
  const first = await run(events, 'simulated', 99);
  const second = await run(events, 'simulated', 99);
  t.is(JSON.stringify(first), JSON.stringify(second));
});

test('the mixed workload gives the same observations on real segment files as on the simulated file system', async (t) => {
  const { mixedWorkload } = await import('./testing/mixed-workload.ts');
  const events = mixedWorkload(3, 150);
  const observe = async (storage: 'real' | 'simulated') => {
    const system = createReferenceSystem({ storage });
    await system.reset({
      seed: 3,
      config: { 'auto.offset.reset': 'earliest', 'offsets.topic.num.partitions': 5 },
    });
    const log: Observation[][] = [];
    for (const [seq, event] of events.entries()) log.push(await system.apply(event, seq));
    log.push([]);
    const state = await system.inspect!();
    await system.close();
    return JSON.stringify({ log, state });
  };
  const simulated = await observe('simulated');
  t.is(await observe('real'), simulated);
  t.true(simulated.includes('"poll-result"') && simulated.includes('"error":"NONE"'));
});

test('after partition-change, the next rebalance assigns the new partitions too', async (t) => {
  const { answers } = await run([
    ...groupFlow.slice(0, 8),
    { type: 'partition-change', topic: 't', partitions: 4 },
    { type: 'join', client: 'c1', group: 'g', member: 'own', protocols, ...timeouts },
    { type: 'sync', client: 'c1', group: 'g', generation: 2, member: 'own' },
    { type: 'produce', producer: 'p', topic: 't', partition: 3, values: ['new'], acks: 1 },
  ]);
  t.like(answers[8]![0], { type: 'admin-response', op: 'partition-change', error: 'NONE' });
  t.like(answers[9]![0], { type: 'join-response', error: 'NONE', generation: 2 });
  t.like(answers[10]![0], {
    type: 'sync-response',
    error: 'NONE',
    assignment: [{ topic: 't', partitions: [0, 1, 2, 3] }],
  });
  t.like(answers[11]![0], { type: 'produce-response', error: 'NONE', baseOffset: 0 });
});

test('GC-23 a timer already due fires within the event: a lone member with no initial delay gets its answer at once', async (t) => {
  const join: Event = {
    type: 'join',
    client: 'c1',
    group: 'g',
    member: 'none',
    protocols,
    ...timeouts,
    version: 3,
  };
  const { answers } = await run(
    [{ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 1 }, join],
    'simulated',
    7,
    {
      'group.initial.rebalance.delay.ms': 0,
    },
  );
  t.like(answers[1]?.[0], {
    type: 'join-response',
    client: 'c1',
    error: 'NONE',
    generation: 1,
    leader: 'c1',
  });
});
