import assert from 'node:assert/strict';
import test from 'ava';
import fc from 'fast-check';
import { ProtocolDecodeError } from '../protocol/primitives.ts';
import {
  decodeRecord,
  encodeGroupMetadataValue,
  groupMetadataKey,
  groupMetadataRecord,
  offsetCommitKey,
  offsetCommitRecord,
} from './records.ts';

test('OffsetCommitKey bytes: version 1, group, topic, partition', (t) => {
  t.deepEqual([...offsetCommitKey('g', 't', 3)], [0, 1, 0, 1, 103, 0, 1, 116, 0, 0, 0, 3]);
  t.deepEqual([...groupMetadataKey('g')], [0, 2, 0, 1, 103]);
});

test('GroupMetadataValue bytes start with version 3 and the protocol type', (t) => {
  const bytes = encodeGroupMetadataValue({
    protocolType: 'consumer',
    generation: 1,
    protocol: null,
    leader: null,
    currentStateTimestampMs: 5,
    members: [],
  });
  // version, "consumer", generation 1, null protocol, null leader, timestamp 5, 0 members
  t.deepEqual([...bytes.subarray(0, 2)], [0, 3]);
  t.is(bytes.length, 2 + 2 + 8 + 4 + 2 + 2 + 8 + 4);
});

const text = fc.string({ maxLength: 20 });
const int32 = fc.integer({ min: -2147483648, max: 2147483647 });
const timestamp = fc.integer({ min: -1, max: 2 ** 50 });
const bytes = fc.uint8Array({ maxLength: 40 });

const offsetValue = fc.record(
  {
    offset: fc.integer({ min: -1, max: 2 ** 52 }),
    leaderEpoch: int32,
    metadata: text,
    commitTimestampMs: timestamp,
    expireTimestampMs: fc.option(timestamp, { nil: null }),
  },
  { noNullPrototype: true },
);

test('offset commit records round-trip (v1 keeps the expire timestamp, v3 the leader epoch)', (t) => {
  fc.assert(
    fc.property(
      text,
      text,
      fc.integer({ min: 0, max: 100000 }),
      fc.option(offsetValue, { nil: null }),
      (group, topic, partition, value) => {
        const decoded = decodeRecord(offsetCommitRecord(group, topic, partition, value));
        const expected =
          value === null ? null : value.expireTimestampMs === null ? value : { ...value, leaderEpoch: -1 };
        assert.deepStrictEqual(decoded, { kind: 'offset-commit', group, topic, partition, value: expected });
      },
    ),
    { seed: 11, numRuns: 200 },
  );
  t.pass();
});

const member = fc.record(
  {
    memberId: text,
    groupInstanceId: fc.option(text, { nil: null }),
    clientId: text,
    clientHost: text,
    rebalanceTimeoutMs: int32,
    sessionTimeoutMs: int32,
    subscription: bytes,
    assignment: bytes,
  },
  { noNullPrototype: true },
);
const groupValue = fc.record(
  {
    protocolType: text,
    generation: int32,
    protocol: fc.option(text, { nil: null }),
    leader: fc.option(text, { nil: null }),
    currentStateTimestampMs: timestamp,
    members: fc.array(member, { maxLength: 4 }),
  },
  { noNullPrototype: true },
);

test('group metadata records round-trip, tombstones included', (t) => {
  fc.assert(
    fc.property(text, fc.option(groupValue, { nil: null }), (group, value) => {
      assert.deepStrictEqual(decodeRecord(groupMetadataRecord(group, value)), {
        kind: 'group-metadata',
        group,
        value,
      });
    }),
    { seed: 12, numRuns: 200 },
  );
  t.pass();
});

test('truncated or corrupt values are codec errors, unknown key versions are skipped', (t) => {
  const record = groupMetadataRecord('g', {
    protocolType: 'consumer',
    generation: 1,
    protocol: 'range',
    leader: 'm',
    currentStateTimestampMs: 0,
    members: [],
  });
  t.throws(() => decodeRecord({ key: record.key, value: record.value!.subarray(0, 7) }), {
    instanceOf: ProtocolDecodeError,
  });
  t.throws(() => decodeRecord({ key: new Uint8Array([0, 1, 0]), value: null }), {
    instanceOf: ProtocolDecodeError,
  });
  t.deepEqual(decodeRecord({ key: new Uint8Array([0, 9, 1, 2]), value: null }), {
    kind: 'other',
    keyVersion: 9,
  });
});
