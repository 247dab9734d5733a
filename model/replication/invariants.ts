// The replication safety invariants, one named checker each (TigerBeetle's one checker per invariant).
import type { Invariant, InvariantViolation } from '../explorable.ts';
import type { ReplicationState } from './types.ts';

const violation = (rules: string[], message: string): InvariantViolation => ({ rules, message });

/** RP-1: the ISR is a non-empty set of replicas, and a leader is a member of it. */
export const leaderInIsr: Invariant<ReplicationState> = {
  name: 'leader-in-isr',
  rules: ['RP-1'],
  check(state) {
    if (state.isr.length === 0) return violation(['RP-1'], 'the ISR is empty');
    if (state.isr.some((member) => member < 0 || member >= state.replicas.length))
      return violation(['RP-1'], `ISR ${state.isr} names a non-replica`);
    if (state.leader >= 0 && !state.isr.includes(state.leader))
      return violation(['RP-1'], `leader ${state.leader} is not in ISR [${state.isr}]`);
    return undefined;
  },
};

/** RP-4: the leader's HW never exceeds the LEO of a live ISR member. */
export const highWatermarkWithinIsr: Invariant<ReplicationState> = {
  name: 'hw-within-isr-leo',
  rules: ['RP-4'],
  check(state) {
    if (state.leader < 0) return undefined;
    const highWatermark = state.replicas[state.leader]!.highWatermark;
    for (const member of state.isr) {
      const replica = state.replicas[member]!;
      if (replica.alive && replica.log.length < highWatermark)
        return violation(
          ['RP-4'],
          `leader HW ${highWatermark} exceeds ISR member ${member}'s LEO ${replica.log.length}`,
        );
    }
    return undefined;
  },
};

/** RP-3: while a leader holds an epoch its HW never goes down. */
export const leaderHighWatermarkMonotonic: Invariant<ReplicationState> = {
  name: 'leader-hw-monotonic',
  rules: ['RP-3'],
  check(state) {
    if (state.leader < 0) return undefined;
    const highWatermark = state.replicas[state.leader]!.highWatermark;
    if (highWatermark < state.epochHighestHighWatermark)
      return violation(
        ['RP-3'],
        `leader ${state.leader} HW fell from ${state.epochHighestHighWatermark} to ${highWatermark} in epoch ${state.leaderEpoch}`,
      );
    return undefined;
  },
};

// Where a record must still be: in the leader's log while there is one, otherwise on some replica
// that can come back (a broker that lost its disk cannot).
function missing(state: ReplicationState, offset: number, value: number): string | undefined {
  if (state.leader >= 0) {
    const found = state.replicas[state.leader]!.log[offset];
    if (found?.value === value) return undefined;
    return `leader ${state.leader} (epoch ${state.leaderEpoch}) has ${found ? `value ${found.value}` : 'nothing'} at offset ${offset}`;
  }
  if (state.replicas.some((replica) => !replica.gone && replica.log[offset]?.value === value))
    return undefined;
  return `no replica that can return holds offset ${offset}`;
}

/** RP-18: every produce the producer saw succeed is still in the log at its offset. */
export const noAcknowledgedWriteLost: Invariant<ReplicationState> = {
  name: 'no-acknowledged-write-lost',
  rules: ['RP-18'],
  check(state) {
    for (const record of state.acknowledged) {
      if (record.offset < 0)
        return violation(
          ['RP-18', 'RP-21'],
          `write ${record.value} was refused, but the fire-and-forget application counted it as sent`,
        );
      const problem = missing(state, record.offset, record.value);
      if (problem) return violation(['RP-18'], `acknowledged write ${record.value} lost: ${problem}`);
    }
    return undefined;
  },
};

/** RP-19: a record that was once below a leader's HW is never lost or replaced. */
export const committedRecordsUnchanged: Invariant<ReplicationState> = {
  name: 'committed-records-unchanged',
  rules: ['RP-19'],
  check(state) {
    for (let offset = 0; offset < state.committed.length; offset++) {
      const problem = missing(state, offset, state.committed[offset]!);
      if (problem)
        return violation(
          ['RP-19'],
          `committed record ${state.committed[offset]} at offset ${offset} lost or changed: ${problem}`,
        );
    }
    return undefined;
  },
};

/**
 * RP-14, RP-26: while there is a leader, no replica holds a batch from an epoch above the leader's.
 * A leader's epoch cache always holds its own epoch, so a follower's own fetch always carries a last
 * fetched epoch the leader can place: only a request with a chosen epoch (RP-26) is answered
 * OFFSET_OUT_OF_RANGE for an epoch the leader does not know.
 */
export const followerEpochsWithinLeader: Invariant<ReplicationState> = {
  name: 'follower-epochs-within-leader',
  rules: ['RP-14', 'RP-26'],
  check(state) {
    if (state.leader < 0) return undefined;
    for (let broker = 0; broker < state.replicas.length; broker++) {
      const last = state.replicas[broker]!.log.at(-1);
      if (last && last.epoch > state.leaderEpoch)
        return violation(
          ['RP-14', 'RP-26'],
          `replica ${broker} holds a batch of epoch ${last.epoch}, above leader ${state.leader}'s epoch ${state.leaderEpoch}`,
        );
    }
    return undefined;
  },
};

export const replicationInvariants: readonly Invariant<ReplicationState>[] = [
  leaderInIsr,
  highWatermarkWithinIsr,
  leaderHighWatermarkMonotonic,
  noAcknowledgedWriteLost,
  committedRecordsUnchanged,
  followerEpochsWithinLeader,
];
