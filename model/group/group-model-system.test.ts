// The group model behind the SystemUnderTest interface: contract events in, contract observations out.
import test from 'ava';
import type { Event, EventOf } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import { isCapabilities, isEvent, isObservation, isSystemState } from '../../spec/validate.ts';
import { GroupModelSystem } from './group-model-system.ts';
import { joinEvent, openLeaderEvents } from './testing/scenarios.ts';

async function runEvents(events: Event[]) {
  const system = new GroupModelSystem();
  await system.reset({ seed: 1, config: {} });
  const observations: Observation[] = [];
  for (const [seq, event] of events.entries()) {
    isEvent.assert(event);
    observations.push(...(await system.apply(event, seq)));
  }
  return { system, observations };
}

test('GC-10 GC-22 GC-25 OC-9 contract events drive the model; every observation and the snapshot match the contract schemas', async (t) => {
  const { system, observations } = await runEvents([
    { type: 'create-topic', topic: 't', partitions: 3, replicationFactor: 3 },
    joinEvent('c1', 'none'),
    joinEvent('c1', 'own'),
    joinEvent('c2', 'none'),
    joinEvent('c2', 'own'),
    { type: 'advance-time', ms: 3000 },
    { type: 'sync', client: 'c1', group: 'g', generation: 1, member: 'own' },
    { type: 'sync', client: 'c2', group: 'g', generation: 1, member: 'own' },
    {
      type: 'commit',
      client: 'c1',
      group: 'g',
      generation: 1,
      member: 'own',
      offsets: [{ topic: 't', partition: 0, offset: 5 }],
    },
    {
      type: 'commit',
      client: 'c2',
      group: 'g',
      generation: 0,
      member: 'own',
      offsets: [{ topic: 't', partition: 2, offset: 5 }],
    },
    { type: 'heartbeat', client: 'c2', group: 'g', generation: 1, member: 'bogus' },
    { type: 'offset-fetch', client: 'c1', group: 'g' },
    { type: 'describe-group', group: 'g' },
    { type: 'produce', producer: 'p1', topic: 't', partition: 0, values: ['x'], acks: -1 },
  ]);
  isCapabilities.assert(await system.capabilities());
  for (const observation of observations) isObservation.assert(observation);
  const byRequest = (request: number) => observations.filter((o) => o.request === request);
  t.like(byRequest(1)[0], { type: 'join-response', error: 'MEMBER_ID_REQUIRED', memberId: 'c1-1' });
  const joins = byRequest(2).concat(byRequest(4));
  t.like(
    joins.find((o) => o.type === 'join-response' && o.client === 'c1'),
    { error: 'NONE', generation: 1, leader: 'c1' },
  );
  t.like(byRequest(6)[0], {
    type: 'sync-response',
    error: 'NONE',
    assignment: [{ topic: 't', partitions: [0, 1] }],
  });
  t.like(byRequest(7)[0], {
    type: 'sync-response',
    error: 'NONE',
    assignment: [{ topic: 't', partitions: [2] }],
  });
  t.like(byRequest(8)[0], { type: 'commit-response', partitions: [{ error: 'NONE' }] });
  t.like(byRequest(9)[0], {
    type: 'commit-response',
    generation: 0,
    partitions: [{ error: 'ILLEGAL_GENERATION' }],
  });
  t.like(byRequest(10)[0], { type: 'heartbeat-response', error: 'UNKNOWN_MEMBER_ID' });
  t.like(byRequest(11)[0], {
    type: 'offset-fetch-response',
    offsets: [{ topic: 't', partition: 0, offset: 5 }],
  });
  t.like(byRequest(12)[0], { type: 'describe-response', state: 'Stable', protocol: 'range' });
  t.like(byRequest(13)[0], { type: 'unsupported', event: 'produce' });
  const snapshot = await system.inspect();
  isSystemState.assert(snapshot);
  t.like(snapshot.groups[0], { state: 'Stable', generation: 1, leader: 'c1' });
  t.deepEqual(
    snapshot.groups[0]?.members.map((m) => [m.client, m.syncedGeneration, m.assignment]),
    [
      ['c1', 1, [{ topic: 't', partitions: [0, 1] }]],
      ['c2', 1, [{ topic: 't', partitions: [2] }]],
    ],
  );
});

const leaderIn = (answers: readonly Observation[]) => {
  const answer = answers.find((o) => o.type === 'join-response' && o.error === 'NONE');
  return answer?.type === 'join-response' ? answer.leader : undefined;
};

const OPEN_LEADER: Event[] = [
  { type: 'create-topic', topic: 't', partitions: 3, replicationFactor: 3 },
  ...openLeaderEvents(),
];

async function bothUpToLast(system: GroupModelSystem, oracle: GroupModelSystem) {
  for (const model of [system, oracle]) await model.reset({ seed: 1, config: {} });
  const last = OPEN_LEADER.length - 1;
  for (const [seq, event] of OPEN_LEADER.slice(0, last).entries()) {
    await system.apply(event, seq);
    await oracle.apply(event, seq);
  }
  return {
    theirs: await system.apply(OPEN_LEADER[last]!, last),
    mine: await oracle.apply(OPEN_LEADER[last]!, last),
  };
}

test('GC-20 an open leader pick: every allowed leader gives an alternative answer list, and adopt follows the system', async (t) => {
  const system = new GroupModelSystem({ pick: 'last' });
  const oracle = new GroupModelSystem();
  const { theirs, mine } = await bothUpToLast(system, oracle);
  t.is(leaderIn(mine), 'c2');
  t.is(leaderIn(theirs), 'c3');
  const alternatives = oracle.alternatives() ?? [];
  t.deepEqual(alternatives.map(leaderIn).sort(), ['c2', 'c3']);
  t.deepEqual(oracle.adopt(await system.inspect()), []);
  t.is((await oracle.inspect()).groups[0]?.leader, 'c3');
  // From then on the two agree: the new leader's plan-less sync computes over its member list.
  const sync: Event = { type: 'sync', client: 'c3', group: 'g', generation: 2, member: 'own' };
  t.deepEqual(
    (await oracle.apply(sync, 20)).map((o) => o.type === 'sync-response' && o.assignment),
    (await system.apply(sync, 20)).map((o) => o.type === 'sync-response' && o.assignment),
  );
});

test('GC-20 a leader outside the allowed set is reported with the rule', async (t) => {
  const system = new GroupModelSystem();
  const oracle = new GroupModelSystem();
  await bothUpToLast(system, oracle);
  const seen = await system.inspect();
  const departed = { ...seen, groups: seen.groups.map((g) => ({ ...g, leader: 'c1' })) };
  t.like(oracle.adopt(departed)[0], { rule: 'GC-20' });
  t.is((await oracle.inspect()).groups[0]?.leader, 'c2');
});

test('GC-40 GC-31 a static member replaced by another client is described by the old client.id until the new one gets its id', async (t) => {
  const statically = (client: string, member: 'own' | 'none'): Event => ({
    ...(joinEvent(client, member) as EventOf<'join'>),
    instanceId: 'i0',
    version: 9,
  });
  const describe: Event = { type: 'describe-group', group: 'g' };
  const { observations } = await runEvents([
    { type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 3 },
    statically('c0', 'none'),
    joinEvent('c1', 'none'),
    joinEvent('c1', 'own'),
    { type: 'advance-time', ms: 3000 },
    // The join phase (generation 1) is over; c1 re-joins, so the next JoinGroup parks.
    joinEvent('c1', 'own'),
    statically('c2', 'none'),
    describe,
  ]);
  const described = observations.filter((o) => o.type === 'describe-response').at(-1);
  t.true(described?.type === 'describe-response');
  if (described?.type !== 'describe-response') return;
  t.is(described.state, 'PreparingRebalance');
  t.deepEqual(
    described.members.map((m) => m.client).sort(),
    ['c0', 'c1'],
    "c2's JoinGroup is parked: Kafka still shows c0's client.id for the replacement",
  );
});
