// GC-15 and AS-10 for members offering a sticky assignor: what they hold is part of their JoinGroup
// metadata, and the leader's assignor orders members by the ids the system issued.
import test from 'ava';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import { GroupModelSystem } from './group-model-system.ts';

const join = (client: string): Event => ({
  type: 'join',
  client,
  group: 'g',
  member: 'own',
  protocols: [{ name: 'cooperative-sticky', topics: ['t'] }],
  sessionTimeoutMs: 10000,
  rebalanceTimeoutMs: 30000,
  version: 3,
});
const sync = (client: string, generation: number): Event => ({
  type: 'sync',
  client,
  group: 'g',
  generation,
  member: 'own',
});

/** c1 alone (generation 1, synced), then c2: generation 2 with both, synced. */
const twoMembers = (partitions: number): Event[] => [
  { type: 'create-topic', topic: 't', partitions, replicationFactor: 1 },
  join('c1'),
  { type: 'advance-time', ms: 100 },
  sync('c1', 1),
  join('c2'),
  join('c1'),
  sync('c2', 2),
  sync('c1', 2),
];

async function run(events: Event[], follow?: (seq: number, mine: Observation[]) => Observation[]) {
  const system = new GroupModelSystem();
  await system.reset({ seed: 1, config: { 'group.initial.rebalance.delay.ms': 0 } });
  const observations: Observation[] = [];
  for (const [seq, event] of events.entries()) {
    const answers = await system.apply(event, seq);
    if (follow) system.followIds(follow(seq, answers));
    observations.push(...answers);
  }
  return observations;
}

test('GC-15 a sticky follower re-joining a Stable group after an assignment changed its metadata: it waits for a rebalance', async (t) => {
  const observations = await run([
    ...twoMembers(2),
    join('c1'), // the cooperative protocol's second round
    join('c2'),
    sync('c2', 3),
    sync('c1', 3),
    join('c2'), // c2 now holds t-1 in generation 3
    { type: 'heartbeat', client: 'c1', group: 'g', generation: 3, member: 'own' },
  ]);
  const at = (request: number) => observations.filter((o) => o.request === request);
  t.like(at(10)[0], { type: 'sync-response', client: 'c2', assignment: [{ topic: 't', partitions: [1] }] });
  t.deepEqual(at(12), [], 'the join is parked, not answered with generation 3');
  t.like(at(13)[0], { type: 'heartbeat-response', error: 'REBALANCE_IN_PROGRESS' });
});

test("AS-10 the leader's sticky assignor orders members by the ids the system issued, not the model's", async (t) => {
  const events: Event[] = [
    { type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 1 },
    join('c1'),
    join('c2'),
    join('c1'),
    sync('c2', 2),
    sync('c1', 2),
  ];
  // No member holds anything: the one partition goes to the first member id in sorted order.
  const own = await run(events);
  t.like(
    own.find((o) => o.type === 'sync-response' && o.client === 'c1'),
    { assignment: [{ topic: 't', partitions: [0] }] },
  );
  // The system named c1 "zz-…" and c2 "aa-…": c2 sorts first and gets it.
  const systemIds: Record<string, string> = { c1: 'zz-1', c2: 'aa-1' };
  const followed = await run(events, (_seq, mine) =>
    mine.map((o) =>
      o.type === 'join-response' && o.memberId !== '' ? { ...o, memberId: systemIds[o.client]! } : o,
    ),
  );
  t.like(
    followed.find((o) => o.type === 'sync-response' && o.client === 'c2'),
    { assignment: [{ topic: 't', partitions: [0] }] },
  );
});
