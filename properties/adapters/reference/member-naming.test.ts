// Answers name clients, not member ids. One event can release several parked JoinGroup answers,
// and the leader's member list may name a member whose own answer (the only place its id reaches
// the adapter, for JoinGroup v0-v3) comes later in the same event: every member must still be named.
import test from 'ava';
import type { Event } from '../../../spec/events.ts';
import type { Observation } from '../../../spec/observations.ts';
import { createReferenceSystem } from './reference-system.ts';

const protocols = [{ name: 'range', topics: ['t'] }];
const timeouts = { sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 30_000 };

/** c1 forms the group, c2 joins (parked), c1 re-joins and completes the phase: answers of that step. */
function rebalanceWithNewMember(version: number): Event[] {
  const join = (client: string): Event => ({
    type: 'join',
    client,
    group: 'g',
    member: 'own',
    protocols,
    ...timeouts,
    version,
  });
  const twice = (client: string): Event[] => (version >= 4 ? [join(client), join(client)] : [join(client)]);
  return [
    { type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 1 },
    ...twice('c1'),
    { type: 'advance-time', ms: 100 },
    { type: 'sync', client: 'c1', group: 'g', generation: 1, member: 'own' },
    ...twice('c2'),
    join('c1'),
    { type: 'describe-group', group: 'g' },
  ];
}

async function answers(events: Event[]): Promise<Observation[][]> {
  const system = createReferenceSystem({ storage: 'simulated' });
  await system.reset({
    seed: 3,
    config: {
      'group.initial.rebalance.delay.ms': 0,
      'offsets.topic.num.partitions': 3,
      'enable.auto.commit': false,
    },
  });
  const out: Observation[][] = [];
  for (const [seq, event] of events.entries()) out.push(await system.apply(event, seq));
  await system.close();
  return out;
}

for (const version of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
  test(`JoinGroup v${version}: the leader's member list names every member, the one whose id came in the same step too`, async (t) => {
    const events = rebalanceWithNewMember(version);
    const steps = await answers(events);
    const completing = steps[events.length - 2]!;
    const joins = completing.filter((o) => o.type === 'join-response');
    t.deepEqual(
      joins.map((o) => o.client).sort(),
      ['c1', 'c2'],
      'both parked joins are answered by the step that completes the phase',
    );
    const leaderAnswer = joins.find((o) => o.client === 'c1')!;
    t.like(leaderAnswer, { error: 'NONE', generation: 2, leader: 'c1' });
    t.deepEqual(leaderAnswer.members.map((m) => m.client).sort(), ['c1', 'c2']);
    const follower = joins.find((o) => o.client === 'c2')!;
    t.like(follower, { error: 'NONE', generation: 2, leader: 'c1', members: [] });
    const describe = steps[events.length - 1]!.find((o) => o.type === 'describe-response')!;
    t.like(describe, { state: 'CompletingRebalance' });
    t.deepEqual(describe.members.map((m) => m.client).sort(), ['c1', 'c2']);
  });
}

test('after an UNKNOWN_MEMBER_ID JoinGroup answer the leader has no member list: a sync without a plan assigns nothing', async (t) => {
  const join = (member: 'own' | 'bogus'): Event => ({
    type: 'join',
    client: 'c1',
    group: 'g',
    member,
    protocols,
    ...timeouts,
    version: 5,
  });
  const steps = await answers([
    { type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 1 },
    join('own'),
    join('own'),
    join('bogus'),
    { type: 'sync', client: 'c1', group: 'g', generation: 1, member: 'own' },
  ]);
  t.like(steps[2]![0], { type: 'join-response', error: 'NONE', generation: 1, leader: 'c1' });
  t.like(steps[3]![0], { type: 'join-response', error: 'UNKNOWN_MEMBER_ID' });
  t.like(steps[4]![0], { type: 'sync-response', error: 'NONE', assignment: [] });
});

test('a member whose process crashed before its JoinGroup answer is still named by its client; the dead process gets no answer', async (t) => {
  const join = (client: string): Event => ({
    type: 'join',
    client,
    group: 'g',
    member: 'own',
    protocols,
    ...timeouts,
    version: 3,
  });
  const steps = await answers([
    { type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 1 },
    join('c1'),
    { type: 'sync', client: 'c1', group: 'g', generation: 1, member: 'own' },
    join('c2'),
    { type: 'consumer-crash', client: 'c2' },
    join('c1'),
    { type: 'describe-group', group: 'g' },
  ]);
  const joins = steps[5]!.filter((o) => o.type === 'join-response');
  t.deepEqual(
    joins.map((o) => o.client),
    ['c1'],
    'only the living process is answered',
  );
  t.deepEqual(joins[0]!.members.map((m) => m.client).sort(), ['c1', 'c2']);
  const describe = steps[6]!.find((o) => o.type === 'describe-response')!;
  t.deepEqual(describe.members.map((m) => m.client).sort(), ['c1', 'c2']);
});
