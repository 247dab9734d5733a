import assert from 'node:assert/strict';
import test from 'ava';
import fc from 'fast-check';
import { assign, checkAssignment } from './index.ts';
import { partitionKey } from './order.ts';
import { type AssignorInput, STRATEGIES } from './types.ts';

const topicNames = ['a', 'b', 'c'];
// Random topics (0-5 partitions), 1-5 members with random subscriptions and a previous ownership
// Kafka's assignors are built for: claims on partitions that exist, all from one generation (two
// members may claim one partition). Claims on partition indexes a topic lacks, or older-generation
// owners, can break these invariants in Kafka itself (AS-4's Kafka 4.4 note); the comparison with
// Kafka (properties/assignors) covers those inputs.
const inputs = fc
  .record({
    counts: fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5)),
    members: fc.array(
      fc.record({
        topics: fc.subarray(topicNames, { minLength: 1 }),
        owned: fc.uniqueArray(fc.tuple(fc.nat(2), fc.nat(5)), {
          maxLength: 6,
          selector: ([topic, partition]) => `${topic}-${partition}`,
        }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .map(
    ({ counts, members }): AssignorInput => ({
      topics: { a: counts[0], b: counts[1], c: counts[2] },
      members: members.map((member, index) => ({
        memberId: `m${index}`,
        topics: member.topics,
        owned: member.owned
          .filter(([topic, partition]) => partition < counts[topic]!)
          .map(([topic, partition]) => ({ topic: topicNames[topic]!, partition })),
        generation: 1,
      })),
    }),
  );
const withEqualSubscriptions = (input: AssignorInput): AssignorInput => ({
  ...input,
  members: input.members.map((member) => ({ ...member, topics: topicNames })),
});

test('AS-4 AS-5 every assignor: one owner per partition, subscribed topics only, all assigned, sticky balanced', (t) => {
  fc.assert(
    fc.property(inputs, fc.boolean(), fc.constantFrom(...STRATEGIES), (random, equal, strategy) => {
      const input = equal ? withEqualSubscriptions(random) : random;
      assert.deepEqual(checkAssignment(input, assign(strategy, input), strategy), []);
    }),
    { seed: 4242, numRuns: 400 },
  );
  t.pass();
});

test('AS-5 AS-6 sticky with equal subscriptions: members keep owned partitions up to their quota', (t) => {
  fc.assert(
    fc.property(inputs.map(withEqualSubscriptions), (input) => {
      const plan = assign('sticky', input);
      const total = Object.values(input.topics).reduce((sum, count) => sum + count, 0);
      const minQuota = Math.floor(total / input.members.length);
      // Claimed by two members in the same generation: nobody keeps it.
      const claims = input.members.flatMap((member) => (member.owned ?? []).map(partitionKey));
      const contested = new Set(claims.filter((key, index) => claims.indexOf(key) !== index));
      for (const member of input.members) {
        const unique = (member.owned ?? []).map(partitionKey).filter((key) => !contested.has(key));
        const kept = plan[member.memberId]!.map(partitionKey).filter((key) => unique.includes(key)).length;
        assert.ok(
          kept >= Math.min(unique.length, minQuota),
          `${member.memberId} kept ${kept} of ${unique.length}`,
        );
      }
    }),
    { seed: 777, numRuns: 300 },
  );
  t.pass();
});

test('AS-6 sticky is stable: re-running on its own plan changes nothing', (t) => {
  fc.assert(
    fc.property(inputs, (input) => {
      const first = assign('sticky', input);
      const again = assign('sticky', {
        ...input,
        members: input.members.map((m) => ({ ...m, owned: first[m.memberId]! })),
      });
      assert.deepEqual(again, first);
    }),
    { seed: 99, numRuns: 300 },
  );
  t.pass();
});

test('AS-7 cooperative-sticky never hands a member a partition another member still owns', (t) => {
  fc.assert(
    fc.property(inputs, (input) => {
      const plan = assign('cooperative-sticky', input);
      for (const [memberId, partitions] of Object.entries(plan)) {
        const me = input.members.find((m) => m.memberId === memberId)!;
        for (const partition of partitions) {
          const key = partitionKey(partition);
          const ownedByOther = input.members.some(
            (m) =>
              m.memberId !== memberId &&
              m.topics.includes(partition.topic) &&
              (m.owned ?? []).some((p) => partitionKey(p) === key),
          );
          const ownedByMe = (me.owned ?? []).some((p) => partitionKey(p) === key);
          assert.ok(!ownedByOther || ownedByMe, `${memberId} got ${key} still owned elsewhere`);
        }
      }
    }),
    { seed: 5, numRuns: 300 },
  );
  t.pass();
});
