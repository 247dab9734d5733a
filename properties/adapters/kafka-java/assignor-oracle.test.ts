import test from 'ava';
import type { AssignorInput } from '../../../model/assignors/index.ts';
import { type AssignmentProblem, KafkaAssignorOracle } from './assignor-oracle.ts';

const course: AssignorInput = {
  topics: { t: 5 },
  members: [
    { memberId: 'c1', topics: ['t'] },
    { memberId: 'c2', topics: ['t'] },
  ],
};

test("AS-6 Kafka 4.4's StickyAssignor gives the course example c1 = 0,2,4 and c2 = 1,3; a bad problem is rejected alone", async (t) => {
  t.timeout(600_000); // the first run builds the Java programs with Maven
  const oracle = await KafkaAssignorOracle.start();
  try {
    const duplicate = {
      strategy: 'range',
      input: { topics: {}, members: [course.members[0], course.members[0]] },
    };
    const [sticky, rejected, empty] = await Promise.allSettled([
      oracle.assign({ strategy: 'sticky', input: course }),
      oracle.assign(duplicate as AssignmentProblem),
      oracle.assign({ strategy: 'sticky', input: { topics: { t: 1 }, members: [] } }),
    ]);
    t.deepEqual(sticky.status === 'fulfilled' && sticky.value, {
      plan: {
        c1: [0, 2, 4].map((partition) => ({ topic: 't', partition })),
        c2: [1, 3].map((partition) => ({ topic: 't', partition })),
      },
    });
    t.regex(rejected.status === 'rejected' ? String(rejected.reason) : '', /duplicate member id c1/);
    // Kafka's own failure is an answer, not an error: the constrained assignment divides by the member count.
    t.deepEqual(empty.status === 'fulfilled' && empty.value, { thrown: 'ArithmeticException: / by zero' });
  } finally {
    await oracle.close();
  }
});

// SPEC.md AS-14's example: a new group with racks on which Kafka's general sticky assignment never returns.
const looping: AssignorInput = {
  topics: { t: 7, u: 14 },
  partitionRacks: { t: [...'aabaaba'].map((rack) => [rack]), u: Array.from({ length: 14 }, () => ['a']) },
  members: [
    { memberId: 'c1', topics: ['t'] },
    { memberId: 'c2', topics: ['t'], rack: 'a' },
    { memberId: 'c3', topics: ['u'], rack: 'a' },
    { memberId: 'c4', topics: ['t', 'u'], rack: 'c' },
    { memberId: 'c5', topics: ['u'], rack: 'b' },
  ],
};

test("AS-14 Kafka 4.4's StickyAssignor loops forever on a group with racks; the oracle answers the next problem after its deadline", async (t) => {
  t.timeout(600_000);
  // Kafka never answers this problem: the deadline only bounds how long the test waits to see that.
  const oracle = await KafkaAssignorOracle.start({ problemDeadlineMs: 2_000 });
  try {
    const [stuck, next] = await oracle.assignAll([
      { strategy: 'sticky', input: looping },
      { strategy: 'range', input: course },
    ]);
    t.deepEqual(stuck, { livelock: 'no answer within 2000 ms' });
    t.true(next !== undefined && 'plan' in next);
  } finally {
    await oracle.close();
  }
});
