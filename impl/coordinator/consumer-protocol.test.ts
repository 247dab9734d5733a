import assert from 'node:assert/strict';
import test from 'ava';
import fc from 'fast-check';
import {
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
} from './consumer-protocol.ts';

const topic = fc.string({ minLength: 1, maxLength: 12 });
const lists = fc.array(
  fc.record(
    { topic, partitions: fc.array(fc.integer({ min: 0, max: 9999 }), { maxLength: 5 }) },
    { noNullPrototype: true },
  ),
  {
    maxLength: 4,
  },
);

test('Subscription v0 bytes are version, topics, null user data', (t) => {
  t.deepEqual([...encodeSubscription({ topics: ['a'] })], [0, 0, 0, 0, 0, 1, 0, 1, 97, 255, 255, 255, 255]);
});

test('subscriptions round-trip at every version', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 3 }),
      fc.array(topic, { maxLength: 5 }),
      fc.option(fc.uint8Array({ maxLength: 8 }), { nil: null }),
      lists,
      (version, topics, userData, ownedPartitions) => {
        const decoded = decodeSubscription(
          encodeSubscription({ version, topics, userData, ownedPartitions, generationId: 4, rackId: 'r' }),
        );
        assert.strictEqual(decoded.version, version);
        assert.deepStrictEqual(decoded.topics, topics);
        assert.deepStrictEqual(decoded.userData, userData);
        assert.deepStrictEqual(decoded.ownedPartitions, version >= 1 ? ownedPartitions : []);
        assert.strictEqual(decoded.generationId, version >= 2 ? 4 : -1);
        assert.strictEqual(decoded.rackId, version >= 3 ? 'r' : null);
      },
    ),
    { seed: 21, numRuns: 150 },
  );
  t.pass();
});

test('assignments round-trip', (t) => {
  fc.assert(
    fc.property(lists, fc.option(fc.uint8Array({ maxLength: 8 }), { nil: null }), (partitions, userData) => {
      assert.deepStrictEqual(decodeAssignment(encodeAssignment({ partitions, userData })), {
        version: 0,
        partitions,
        userData,
      });
    }),
    { seed: 22, numRuns: 150 },
  );
  t.pass();
});

test('an empty assignment (a member the leader left out) decodes as no partitions', (t) => {
  t.deepEqual(decodeAssignment(new Uint8Array(0)).partitions, []);
});
