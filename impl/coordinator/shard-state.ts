// The state of one __consumer_offsets partition's coordinator (a "shard"): its groups, their
// committed offsets, pending timers and the seeded random source for member ids. Immutable from
// the outside: handlers work on a Transaction (transaction.ts) that copies what it touches.
import type { ClassicGroup } from './group-state.ts';

export interface CommittedOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly commitTimestampMs: number;
  readonly expireTimestampMs: number | null;
}

export type TimerTask =
  /** A member's (or pending member's) session: removes it unless it is waiting in a join or sync. */
  | { readonly kind: 'heartbeat'; readonly groupId: string; readonly memberId: string }
  /** The initial rebalance delay of a group that left Empty; extended while new members arrive. */
  | {
      readonly kind: 'initial-join';
      readonly groupId: string;
      readonly delayMs: number;
      readonly remainingMs: number;
    }
  /** The join phase's limit: the largest rebalance timeout. */
  | { readonly kind: 'join'; readonly groupId: string }
  /** The sync phase's limit for this generation. */
  | { readonly kind: 'sync'; readonly groupId: string; readonly generation: number }
  /** The periodic offsets retention check. */
  | { readonly kind: 'retention' };

export interface Timer {
  readonly deadlineMs: number;
  /** Tie-break among equal deadlines: scheduling order. */
  readonly seq: number;
  readonly task: TimerTask;
}

export interface ShardState {
  readonly partition: number;
  readonly groups: ReadonlyMap<string, ClassicGroup>;
  /** groupId -> `${topic}\0${partition}` -> offset. */
  readonly offsets: ReadonlyMap<string, ReadonlyMap<string, CommittedOffset>>;
  readonly timers: ReadonlyMap<string, Timer>;
  readonly timerSeq: number;
  /** mulberry32 state for member id suffixes. */
  readonly random: number;
}

export function timerKey(task: TimerTask): string {
  switch (task.kind) {
    case 'heartbeat':
      return `heartbeat\0${task.groupId}\0${task.memberId}`;
    case 'initial-join':
    case 'join':
      // One key for both, as in Kafka: completing or rescheduling the join replaces the initial delay.
      return `join\0${task.groupId}`;
    case 'sync':
      return `sync\0${task.groupId}`;
    case 'retention':
      return 'retention';
  }
}

export function offsetKey(topic: string, partition: number): string {
  return `${topic}\0${partition}`;
}

export function emptyShard(partition: number, seed: number): ShardState {
  return {
    partition,
    groups: new Map(),
    offsets: new Map(),
    timers: new Map(),
    timerSeq: 0,
    random: seed >>> 0,
  };
}

/** The due timer with the smallest (deadline, seq), or null. */
export function earliestTimer(state: ShardState): Timer | null {
  let best: Timer | null = null;
  for (const timer of state.timers.values()) {
    if (
      best === null ||
      timer.deadlineMs < best.deadlineMs ||
      (timer.deadlineMs === best.deadlineMs && timer.seq < best.seq)
    )
      best = timer;
  }
  return best;
}
