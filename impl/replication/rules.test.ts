import test from 'ava';
import {
  canJoinIsr,
  checkLeaderEpoch,
  divergingEpoch,
  effectiveMinIsr,
  isCaughtUp,
  laggingFollowers,
  nextHighWatermark,
  truncationOffset,
} from './rules.ts';

const hw = (over: Partial<Parameters<typeof nextHighWatermark>[0]>) =>
  nextHighWatermark({
    current: 0,
    leaderEndOffset: 10,
    followerEnds: [7, 9],
    isrSize: 3,
    minInsyncReplicas: 2,
    replicaCount: 3,
    ...over,
  });

test('RP-2 RP-11: leader HW is the minimum LEO over the followers it waits for, monotonic, frozen under min(minISR, replicas)', (t) => {
  t.is(hw({}), 7);
  t.is(hw({ current: 8 }), 8, 'never moves back');
  t.is(hw({ isrSize: 1, followerEnds: [] }), 0, 'ISR below min.insync.replicas: no advance');
  t.is(hw({ isrSize: 1, followerEnds: [], replicaCount: 1 }), 10, 'a single replica is its own quorum');
});

test('RP-9 RP-11: the effective minimum ISR is min.insync.replicas capped at the replica count (KAFKA-15583)', (t) => {
  t.is(effectiveMinIsr(2, 3), 2);
  t.is(effectiveMinIsr(3, 2), 2);
  t.is(effectiveMinIsr(5, 1), 1);
  t.is(hw({ isrSize: 2, minInsyncReplicas: 3, replicaCount: 2, followerEnds: [9] }), 9);
});

test('RP-2: Replica.isCaughtUp is a fetch at the leader LEO or a catch-up within replica.lag.time.max.ms', (t) => {
  const progress = {
    broker: 1,
    logEndOffset: 5,
    lastCaughtUpTimeMs: 1_000,
    lastFetchLeaderEndOffset: 5,
    lastFetchTimeMs: 1_000,
    brokerEpoch: 0,
  };
  t.true(isCaughtUp(progress, 5, 1_000_000, 30_000), 'at the leader LEO, however long ago');
  t.true(isCaughtUp(progress, 8, 31_000, 30_000), 'behind, but caught up 30 s ago');
  t.false(isCaughtUp(progress, 8, 31_001, 30_000));
});

test('ISR shrink after replica.lag.time.max.ms; re-entry needs HW and the epoch start', (t) => {
  const progress = new Map([
    [
      1,
      {
        broker: 1,
        logEndOffset: 5,
        lastCaughtUpTimeMs: 0,
        lastFetchLeaderEndOffset: 5,
        lastFetchTimeMs: 0,
        brokerEpoch: null,
      },
    ],
    [
      2,
      {
        broker: 2,
        logEndOffset: 5,
        lastCaughtUpTimeMs: 20_000,
        lastFetchLeaderEndOffset: 5,
        lastFetchTimeMs: 0,
        brokerEpoch: null,
      },
    ],
  ]);
  t.deepEqual(laggingFollowers([0, 1, 2], 0, progress, 30_000, 30_000), []);
  t.deepEqual(laggingFollowers([0, 1, 2], 0, progress, 30_001, 30_000), [1]);
  t.true(canJoinIsr(10, 10, 4));
  t.false(canJoinIsr(9, 10, 4));
  t.false(canJoinIsr(10, 3, 12), 'below the start of the leader epoch');
});

test('diverging epoch and truncation follow KIP-101/320', (t) => {
  t.is(divergingEpoch(10, -1, { epoch: -1, endOffset: -1 }), undefined, 'no last epoch: no check');
  t.is(divergingEpoch(10, 2, { epoch: 2, endOffset: 12 }), undefined);
  t.deepEqual(divergingEpoch(10, 2, { epoch: 2, endOffset: 8 }), { epoch: 2, endOffset: 8 });
  t.deepEqual(divergingEpoch(10, 3, { epoch: 2, endOffset: 8 }), { epoch: 2, endOffset: 8 });
  // Both know epoch 2; the leader's ends at 8, the follower's at 10: keep 8.
  t.is(
    truncationOffset({
      leaderEnd: { epoch: 2, endOffset: 8 },
      followerEndForLeaderEpoch: { epoch: 2, endOffset: 10 },
      followerEndOffset: 10,
      followerHighWatermark: 3,
    }),
    8,
  );
  // Follower does not know the leader's epoch exactly: truncate to its own end of the floor epoch.
  t.is(
    truncationOffset({
      leaderEnd: { epoch: 2, endOffset: 8 },
      followerEndForLeaderEpoch: { epoch: 1, endOffset: 5 },
      followerEndOffset: 10,
      followerHighWatermark: 3,
    }),
    5,
  );
  t.is(
    truncationOffset({
      leaderEnd: { epoch: -1, endOffset: -1 },
      followerEndForLeaderEpoch: { epoch: -1, endOffset: -1 },
      followerEndOffset: 10,
      followerHighWatermark: 3,
    }),
    3,
  );
});

test('leader epoch fencing', (t) => {
  t.is(checkLeaderEpoch(3, 4), 'FENCED_LEADER_EPOCH');
  t.is(checkLeaderEpoch(5, 4), 'UNKNOWN_LEADER_EPOCH');
  t.is(checkLeaderEpoch(4, 4), 'ok');
  t.is(checkLeaderEpoch(undefined, 4), 'ok');
});
