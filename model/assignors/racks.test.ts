// Rack-aware assignment, example by example. Every expected plan here is what Kafka 4.4's own
// assignors return for the same input (checked through kspec.assignors.AssignorOracle); the random
// comparison in properties/assignors covers the rest.
import assert from 'node:assert/strict';
import test from 'ava';
import fc from 'fast-check';
import { assign, checkAssignment, KafkaAssignorLivelock } from './index.ts';
import {
  type AssignmentPlan,
  type AssignorInput,
  type AssignorMember,
  type ReplicaRacks,
  STRATEGIES,
} from './types.ts';

/** A plan as `member=t0,t1` text, members and partitions sorted. */
function brief(plan: AssignmentPlan): string {
  return Object.entries(plan)
    .map(([member, partitions]) => `${member}=${partitions.map((p) => `${p.topic}${p.partition}`).join(',')}`)
    .sort()
    .join(' ');
}

const owned = (...partitions: number[]) => partitions.map((partition) => ({ topic: 't', partition }));
/** Partitions 0 and 2 have their replica on rack a, 1 and 3 on rack b. */
const alternating: ReplicaRacks[] = [['a'], ['b'], ['a'], ['b']];
const crossed: AssignorMember[] = [
  { memberId: 'c1', rack: 'b', topics: ['t'] },
  { memberId: 'c2', rack: 'a', topics: ['t'] },
];
const racked: AssignorInput = { topics: { t: 4 }, partitionRacks: { t: alternating }, members: crossed };

test('AS-11 range gives each member the partitions with a replica on its rack first', (t) => {
  t.is(brief(assign('range', racked)), 'c1=t1,t3 c2=t0,t2');
  // The same members without replica racks: plain ranges (AS-2).
  t.is(brief(assign('range', { topics: { t: 4 }, members: crossed })), 'c1=t0,t1 c2=t2,t3');
});

test('AS-11 range assigns topics with the same subscribers and partition count together, index by index', (t) => {
  const members = crossed.map((member) => ({ ...member, topics: ['t1', 't2'] }));
  // t2 alone would not use racks (every partition on a and b), but it follows t1 index by index.
  const input: AssignorInput = {
    topics: { t1: 2, t2: 2 },
    partitionRacks: {
      t1: [['a'], ['b']],
      t2: [
        ['a', 'b'],
        ['a', 'b'],
      ],
    },
    members,
  };
  t.is(brief(assign('range', input)), 'c1=t11,t21 c2=t10,t20');
});

test('AS-11 range ignores racks when every partition has the same replica racks; an empty rack id and rack-less brokers count as none', (t) => {
  const everywhere: AssignorInput = {
    topics: { t: 4 },
    partitionRacks: {
      t: [
        ['a', 'b'],
        ['b', 'a'],
        ['a', 'b'],
        ['a', 'b'],
      ],
    },
    members: crossed,
  };
  t.is(brief(assign('range', everywhere)), 'c1=t0,t1 c2=t2,t3');
  // c1 has no rack, so it matches every partition and, first in AS-1 order, takes its quota first.
  const partial: AssignorInput = {
    topics: { t: 4 },
    partitionRacks: { t: [['a', null], [null, 'b'], ['a'], ['b']] },
    members: [
      { memberId: 'c1', rack: '', topics: ['t'] },
      { memberId: 'c2', rack: 'a', topics: ['t'] },
    ],
  };
  t.is(brief(assign('range', partial)), 'c1=t0,t1 c2=t2,t3');
});

test('AS-3 roundrobin ignores racks', (t) => {
  t.is(brief(assign('roundrobin', racked)), 'c1=t0,t2 c2=t1,t3');
});

test('AS-12 sticky, equal subscriptions: new partitions go to members on their replicas racks', (t) => {
  t.is(brief(assign('sticky', racked)), 'c1=t1,t3 c2=t0,t2');
  t.is(brief(assign('sticky', { topics: { t: 4 }, members: crossed })), 'c1=t0,t2 c2=t1,t3');
});

test('AS-12 AS-7 a claim without a replica on the member rack is given up; cooperative-sticky revokes it first', (t) => {
  const input: AssignorInput = {
    topics: { t: 4 },
    partitionRacks: { t: alternating },
    members: [
      { memberId: 'c1', rack: 'a', topics: ['t'], owned: owned(0, 1), generation: 3 },
      { memberId: 'c2', rack: 'b', topics: ['t'], owned: owned(2), generation: 3 },
    ],
  };
  t.is(brief(assign('sticky', input)), 'c1=t0,t2 c2=t1,t3');
  // t1 moves from c1 to c2 and t2 from c2 to c1: both are held back this round.
  t.is(brief(assign('cooperative-sticky', input)), 'c1=t0 c2=t3');
});

test('AS-13 sticky, subscriptions differ: a mismatched claim is dropped and new partitions go to rack-matching members first', (t) => {
  const members: AssignorMember[] = [
    { memberId: 'c1', rack: 'a', topics: ['t', 'u'], owned: owned(1, 0), generation: 3 },
    { memberId: 'c2', rack: 'b', topics: ['t'], owned: [], generation: 3 },
  ];
  const topics = { t: 4, u: 2 };
  t.is(
    brief(assign('sticky', { topics, partitionRacks: { t: alternating, u: [['a'], ['b']] }, members })),
    'c1=t2,u0,u1 c2=t0,t1,t3',
  );
  t.is(brief(assign('sticky', { topics, members })), 'c1=t1,u0,u1 c2=t0,t2,t3');
});

test('AS-13 sticky, subscriptions differ: balancing ignores racks', (t) => {
  const input: AssignorInput = {
    topics: { t: 6, u: 2 },
    partitionRacks: { t: [['a'], ['a'], ['a'], ['a'], ['b'], ['b']], u: [['a'], ['b']] },
    members: [
      { memberId: 'c1', rack: 'a', topics: ['t', 'u'] },
      { memberId: 'c2', rack: 'b', topics: ['t'] },
      { memberId: 'c3', topics: ['u'] },
    ],
  };
  // t0 has its only replica on rack a, yet it moves to c2 (rack b) to even the load.
  t.is(brief(assign('sticky', input)), 'c1=t1,t2,t3 c2=t0,t4,t5 c3=u0,u1');
});

test('AS-14 sticky, subscriptions differ: Kafka loops forever on this new group with racks; the model finds the repeated pass', (t) => {
  const input: AssignorInput = {
    topics: { t: 7, u: 14 },
    partitionRacks: {
      t: [...'aabaaba'].map((rack) => [rack]),
      u: Array.from({ length: 14 }, () => ['a']),
    },
    members: [
      { memberId: 'c1', topics: ['t'] },
      { memberId: 'c2', topics: ['t'], rack: 'a' },
      { memberId: 'c3', topics: ['u'], rack: 'a' },
      { memberId: 'c4', topics: ['t', 'u'], rack: 'c' },
      { memberId: 'c5', topics: ['u'], rack: 'b' },
    ],
  };
  for (const strategy of ['sticky', 'cooperative-sticky'] as const)
    t.throws(() => assign(strategy, input), { instanceOf: KafkaAssignorLivelock });
  // Without racks the same group is assigned.
  t.notThrows(() => assign('sticky', { topics: input.topics, members: input.members }));
});

// Small groups (claims on existing partitions, one generation, as in assignors.property.test.ts)
// with members and replicas on racks a, b and c, some members and brokers without a rack.
const rackedInputs = fc
  .record({
    counts: fc.tuple(fc.nat(6), fc.nat(6)),
    replicaRacks: fc.array(fc.subarray(['a', 'b', 'c', null]), { minLength: 12, maxLength: 12 }),
    members: fc.array(
      fc.record({
        topics: fc.subarray(['t', 'u'], { minLength: 1 }),
        rack: fc.constantFrom('a', 'b', 'c', ''),
        owned: fc.uniqueArray(fc.tuple(fc.constantFrom('t', 'u'), fc.nat(5)), {
          maxLength: 4,
          selector: (p) => p.join(),
        }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .map(
    ({ counts: [t, u], replicaRacks, members }): AssignorInput => ({
      topics: { t, u },
      partitionRacks: { t: replicaRacks.slice(0, t), u: replicaRacks.slice(6, 6 + u) },
      members: members.map((member, index) => ({
        memberId: `m${index}`,
        topics: member.topics,
        rack: member.rack,
        owned: member.owned
          .filter(([topic, partition]) => partition < (topic === 't' ? t : u))
          .map(([topic, partition]) => ({ topic, partition })),
        generation: 1,
      })),
    }),
  );

test('AS-4 AS-11 AS-12 AS-13 with racks every assignor still gives one owner per partition, subscribed topics only, all assigned', (t) => {
  fc.assert(
    fc.property(rackedInputs, fc.constantFrom(...STRATEGIES), (input, strategy) => {
      assert.deepEqual(checkAssignment(input, assign(strategy, input), strategy), []);
    }),
    { seed: 881, numRuns: 2_000 },
  );
  t.pass();
});
