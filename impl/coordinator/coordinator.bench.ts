// Coordinator cost: offset commits through the whole coordinator (routing, validation, records,
// append, completion) against encoding the same record alone; and one full rebalance of N members
// (JoinGroup + SyncGroup each) against N heartbeats to the same group.
import { performance } from 'node:perf_hooks';
import { type BenchFunction, type BenchResult, withRatio } from '../../bench/result.ts';
import type { JoinGroupResponse } from './messages.ts';
import { offsetCommitRecord } from './records.ts';
import { assignmentFor, Harness, TOPIC } from './testing/harness.ts';

function timeMs(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function commitFigures(count: number): BenchResult {
  const h = new Harness();
  const { memberId, generation } = h.stableSingle('g');
  const through = timeMs(() => {
    for (let i = 0; i < count; i++) h.commit('g', memberId, generation, [{ partition: i % 16, offset: i }]);
  });
  const encodeOnly = timeMs(() => {
    for (let i = 0; i < count; i++)
      offsetCommitRecord('g', TOPIC, i % 16, {
        offset: i,
        leaderEpoch: -1,
        metadata: '',
        commitTimestampMs: 0,
        expireTimestampMs: null,
      });
  });
  return withRatio({
    name: 'coordinator offset commit',
    value: (count / through) * 1000,
    unit: 'commits/s',
    baseline: (count / encodeOnly) * 1000,
    note: `${count} single-partition commits; baseline: encoding the record alone (ratio = share of raw codec speed)`,
  });
}

function rebalanceFigures(members: number): BenchResult {
  const h = new Harness({ initialRebalanceDelayMs: 0 });
  const ids: number[] = [];
  for (let i = 0; i < members; i++) ids.push(h.join('g', { version: 3, clientId: `c${i}` }));
  h.advance(1);
  const joined = ids.map((id) => h.answer<JoinGroupResponse>(id)!);
  const generation = joined[0]!.generationId;
  const leader = joined[0]!.leader;
  const memberIds = joined.map((answer) => answer.memberId);
  const syncAll = (gen: number) => {
    for (const memberId of memberIds) if (memberId !== leader) h.sync('g', memberId, gen);
    h.sync(
      'g',
      leader,
      gen,
      memberIds.map((memberId, index) => ({ memberId, assignment: assignmentFor(TOPIC, [index]) })),
    );
  };
  syncAll(generation);
  // Time one full round: everyone re-joins (the leader first), then everyone syncs.
  const rebalance = timeMs(() => {
    h.join('g', { memberId: leader });
    for (const memberId of memberIds) if (memberId !== leader) h.join('g', { memberId });
    syncAll(generation + 1);
  });
  if (h.group('g')?.state !== 'Stable') throw new Error('bench rebalance did not reach Stable');
  const heartbeats = timeMs(() => {
    for (const memberId of memberIds) h.heartbeat('g', memberId, generation + 1);
    for (const memberId of memberIds) h.heartbeat('g', memberId, generation + 1);
  });
  return withRatio({
    name: `coordinator rebalance of ${members} members`,
    value: rebalance,
    unit: 'ms',
    baseline: heartbeats,
    note: `JoinGroup + SyncGroup per member; baseline: ${2 * members} heartbeats to the same group`,
  });
}

export const bench: BenchFunction = async ({ quick }) => [
  commitFigures(quick ? 2000 : 20000),
  rebalanceFigures(quick ? 50 : 300),
];
