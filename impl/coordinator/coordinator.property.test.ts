// Property tests on the implementation alone: random request sequences from a few clients, with
// invariants re-checked on the coordinator's own state after every step, replay of the appended
// records compared with the live state, and determinism (same seed, same run).
import assert from 'node:assert/strict';
import test from 'ava';
import fc from 'fast-check';
import { decodeAssignment } from './consumer-protocol.ts';
import { DEFAULT_COORDINATOR_CONFIG } from './coordinator-config.ts';
import type { GroupRequest, JoinGroupResponse, SyncGroupResponse } from './messages.ts';
import { completeAppend, handleGroupRequest, tick } from './shard.ts';
import { assignmentFor, subscriptionFor, TOPIC } from './testing/harness.ts';
import { checkReplayMatchesLive, type Op, op, run } from './testing/property-driver.ts';

test('invariants hold on the coordinator’s own state under random request sequences, and replay equals live', (t) => {
  const coverage = { synced: 0, committed: 0, generation3: 0 };
  fc.assert(
    fc.property(fc.array(op, { minLength: 10, maxLength: 80, size: 'max' }), fc.nat(1000), (ops, seed) => {
      const { h, failedAppend } = run(ops, seed);
      checkReplayMatchesLive(h, !failedAppend);
      const answers = [...h.answers.values()];
      if (answers.some((a) => a.api === 'SyncGroup' && a.error === 'NONE')) coverage.synced++;
      if (answers.some((a) => a.api === 'OffsetCommit' && a.topics[0]?.partitions[0]?.error === 'NONE'))
        coverage.committed++;
      if (answers.some((a) => a.api === 'JoinGroup' && a.generationId >= 3)) coverage.generation3++;
    }),
    { seed: 424242, numRuns: 300 },
  );
  // The sequences must reach the interesting places, or the invariants above test little.
  t.true(coverage.synced > 60, `runs with a successful SyncGroup: ${coverage.synced}`);
  t.true(coverage.committed > 60, `runs with an accepted commit: ${coverage.committed}`);
  t.true(coverage.generation3 > 20, `runs reaching generation 3: ${coverage.generation3}`);
  t.log(coverage);
});

test('determinism: the same seed and requests give identical answers and records', (t) => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 10, maxLength: 40, size: 'max' }), fc.nat(1000), (ops, seed) => {
      assert.deepStrictEqual(run(ops, seed).log, run(ops, seed).log);
    }),
    { seed: 7, numRuns: 60 },
  );
  const ops: Op[] = [{ kind: 'join', client: 0, version: 5, topicsVariant: 0 }];
  t.notDeepEqual(run(ops, 1).log.answers, run(ops, 2).log.answers, 'member ids come from the seed');
});

test('a scripted run reaches Stable with an owner per partition (sanity check of the driver)', (t) => {
  const ops: Op[] = [
    { kind: 'join', client: 0, version: 5, topicsVariant: 0 },
    { kind: 'join', client: 0, version: 5, topicsVariant: 0 },
    { kind: 'join', client: 1, version: 3, topicsVariant: 0 },
    { kind: 'advance', ms: 7000 },
    { kind: 'sync', client: 1 },
    { kind: 'sync', client: 0 },
    { kind: 'commit', client: 0, generationDelta: 0, offset: 3 },
  ];
  const { h } = run(ops, 5);
  const group = h.group('g')!;
  t.is(group.state, 'Stable');
  const owned = [...group.members.values()].flatMap((m) =>
    decodeAssignment(m.assignment).partitions.flatMap((l) => l.partitions),
  );
  t.deepEqual(owned.sort(), [0, 1, 2, 3, 4, 5]);
  t.like(h.fetchOffsets('g', [3]), { topics: [{ partitions: [{ committedOffset: 3 }] }] });
  const answers = [...h.answers.values()];
  t.true(answers.some((a) => a.api === 'SyncGroup' && (a as SyncGroupResponse).error === 'NONE'));
  t.true(answers.some((a) => a.api === 'JoinGroup' && (a as JoinGroupResponse).generationId === 1));
});

/** A deep, order-preserving text form of a shard state (Maps and Sets included). */
function deepSerialize(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
    if (v instanceof Map) return { map: [...v.entries()] };
    if (v instanceof Set) return { set: [...v] };
    return v;
  });
}

test('handlers, timers and append completions never mutate the state they are given', (t) => {
  fc.assert(
    fc.property(
      fc.array(op, { minLength: 10, maxLength: 60, size: 'max' }),
      fc.nat(1000),
      fc.constantFrom(0, 1, 2, 3),
      (ops, seed, member) => {
        const { h } = run(ops, seed);
        const state = h.coordinator.shardState(0)!;
        const before = deepSerialize(state);
        const group = state.groups.get('g');
        const memberId = group ? ([...group.members.keys()][member] ?? '') : '';
        const generation = group?.generation ?? -1;
        const ctx = { nowMs: h.nowMs + 1, config: DEFAULT_COORDINATOR_CONFIG };
        const base = { requestId: 1000, groupId: 'g', groupInstanceId: null };
        const requests: GroupRequest[] = [
          {
            ...base,
            api: 'JoinGroup',
            version: 5,
            sessionTimeoutMs: 10000,
            rebalanceTimeoutMs: 30000,
            memberId,
            protocolType: 'consumer',
            protocols: [{ name: 'range', metadata: subscriptionFor(['other']) }],
            clientId: 'x',
            clientHost: 'h',
          },
          {
            ...base,
            api: 'SyncGroup',
            version: 3,
            generationId: generation,
            memberId,
            protocolType: null,
            protocolName: null,
            assignments: [{ memberId, assignment: assignmentFor(TOPIC, [0]) }],
          },
          { ...base, api: 'Heartbeat', version: 3, generationId: generation, memberId },
          {
            requestId: 1000,
            groupId: 'g',
            api: 'LeaveGroup',
            version: 3,
            members: [{ memberId, groupInstanceId: null }],
          },
          {
            ...base,
            api: 'OffsetCommit',
            version: 8,
            generationId: generation,
            memberId,
            retentionTimeMs: -1,
            topics: [
              {
                name: TOPIC,
                partitions: [
                  { partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, committedMetadata: '' },
                ],
              },
            ],
          },
        ];
        for (const request of requests) {
          const result = handleGroupRequest(state, request, ctx);
          for (const append of result.appends)
            if (append.continuation) completeAppend(result.state, append.continuation, { ok: true }, ctx);
        }
        tick(state, { ...ctx, nowMs: h.nowMs + 10_000_000 });
        assert.equal(deepSerialize(state), before);
      },
    ),
    { seed: 99, numRuns: 100 },
  );
  t.pass();
});
