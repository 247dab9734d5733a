// One broker's replica of one partition (Partition.scala, reduced to what kspec checks): its role,
// the leader epoch it knows, and, as leader, the ISR, each follower's progress and the high
// watermark. Decisions come from rules.ts; this class applies them to the store. ISR changes are
// proposed here and take effect only when the controller accepts them (AlterPartition).
import type { ErrorName } from '../../spec/errors.ts';
import type { EpochEnd, PartitionStore, StoredBatch, StoredRecord } from './partition-store.ts';
import {
  canJoinIsr,
  checkLeaderEpoch,
  divergingEpoch,
  type FollowerProgress,
  followerHighWatermark,
  laggingFollowers,
  nextHighWatermark,
  truncationOffset,
} from './rules.ts';

export type ReplicaRole = 'leader' | 'follower' | 'offline';

/** What the controller tells a replica (LeaderAndIsr / the KRaft partition record). */
export interface LeaderAndIsr {
  readonly leader: number | null;
  readonly leaderEpoch: number;
  readonly isr: readonly number[];
  readonly replicas: readonly number[];
}

export interface ReplicaSettings {
  readonly minInsyncReplicas: number;
  readonly replicaLagTimeMaxMs: number;
}

export interface ReplicaFetchResponse {
  readonly error: ErrorName;
  readonly batches: readonly StoredBatch[];
  readonly highWatermark: number;
  readonly logStartOffset: number;
  readonly divergingEpoch?: EpochEnd;
}

export type AppendOutcome = { error: 'NONE'; baseOffset: number; lastOffset: number } | { error: ErrorName };

export class PartitionReplica {
  role: ReplicaRole = 'offline';
  leader: number | null = null;
  leaderEpoch = -1;
  replicas: readonly number[] = [];
  /** The ISR as this replica last heard it (authoritative only on the leader). */
  isr: readonly number[] = [];
  highWatermark = 0;
  /** LEO when this replica became leader: where its epoch starts. */
  leaderEpochStartOffset = 0;
  private followers = new Map<number, FollowerProgress>();

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly broker: number,
    readonly store: PartitionStore,
    private readonly settings: ReplicaSettings,
    /** HW from the broker's checkpoint at startup (capped at LEO). */
    initialHighWatermark = 0,
  ) {
    this.highWatermark = Math.min(initialHighWatermark, store.logEndOffset());
  }

  logEndOffset(): number {
    return this.store.logEndOffset();
  }

  becomeLeader(state: LeaderAndIsr, nowMs: number): void {
    if (state.leader !== this.broker)
      throw new Error(`broker ${this.broker} told to lead for ${state.leader}`);
    if (state.leaderEpoch < this.leaderEpoch)
      throw new Error(`stale leader epoch ${state.leaderEpoch} < ${this.leaderEpoch}`);
    const newTerm = this.role !== 'leader' || state.leaderEpoch > this.leaderEpoch;
    this.role = 'leader';
    this.leader = this.broker;
    this.leaderEpoch = state.leaderEpoch;
    this.replicas = [...state.replicas];
    this.isr = [...state.isr];
    if (newTerm) {
      this.leaderEpochStartOffset = this.store.logEndOffset();
      this.store.assignEpochStart(state.leaderEpoch, this.leaderEpochStartOffset);
      // Followers start "caught up now", so none is dropped before it had a chance to fetch.
      this.followers = new Map(
        state.replicas
          .filter((b) => b !== this.broker)
          .map((b) => [b, { broker: b, logEndOffset: -1, lastCaughtUpTimeMs: nowMs }]),
      );
    }
    this.advanceHighWatermark();
  }

  becomeFollower(state: LeaderAndIsr): void {
    if (state.leaderEpoch < this.leaderEpoch)
      throw new Error(`stale leader epoch ${state.leaderEpoch} < ${this.leaderEpoch}`);
    this.role = 'follower';
    this.leader = state.leader;
    this.leaderEpoch = state.leaderEpoch;
    this.replicas = [...state.replicas];
    this.isr = [...state.isr];
    this.followers.clear();
    this.highWatermark = Math.min(this.highWatermark, this.store.logEndOffset());
  }

  goOffline(): void {
    this.role = 'offline';
    this.followers.clear();
  }

  /** Produce on the leader, after the broker checked acks. acks=-1 needs |ISR| >= min.insync.replicas. */
  appendAsLeader(
    values: readonly string[],
    acks: number,
    nowMs: number,
    requestEpoch?: number,
  ): AppendOutcome {
    if (this.role !== 'leader') return { error: 'NOT_LEADER_OR_FOLLOWER' };
    const epochCheck = checkLeaderEpoch(requestEpoch, this.leaderEpoch);
    if (epochCheck !== 'ok') return { error: epochCheck };
    if (acks === -1 && this.isr.length < this.settings.minInsyncReplicas)
      return { error: 'NOT_ENOUGH_REPLICAS' };
    const { baseOffset, lastOffset } = this.store.appendAsLeader(values, this.leaderEpoch, nowMs);
    this.advanceHighWatermark();
    return { error: 'NONE', baseOffset, lastOffset };
  }

  /** Whether an acks=all produce ending at `lastOffset` is done, and how (checkEnoughReplicasReachOffset). */
  produceCompletion(lastOffset: number): ErrorName | undefined {
    if (this.role !== 'leader') return 'NOT_LEADER_OR_FOLLOWER';
    if (this.highWatermark <= lastOffset) return undefined;
    return this.isr.length >= this.settings.minInsyncReplicas ? 'NONE' : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';
  }

  /**
   * A follower's Fetch on the leader: fencing, the diverging-epoch check, then the follower's
   * progress (its fetch offset is its LEO), a possible ISR expansion proposal, and the HW.
   */
  handleReplicaFetch(
    follower: number,
    fetchOffset: number,
    lastFetchedEpoch: number,
    currentLeaderEpoch: number,
    nowMs: number,
    maxRecords: number,
  ): { response: ReplicaFetchResponse; proposeIsr?: number[] } {
    const empty = {
      batches: [],
      highWatermark: this.highWatermark,
      logStartOffset: this.store.logStartOffset(),
    };
    if (this.role !== 'leader' || !this.replicas.includes(follower))
      return { response: { error: 'NOT_LEADER_OR_FOLLOWER', ...empty } };
    const epochCheck = checkLeaderEpoch(currentLeaderEpoch, this.leaderEpoch);
    if (epochCheck !== 'ok') return { response: { error: epochCheck, ...empty } };
    const leaderEnd = this.store.endOffsetForEpoch(lastFetchedEpoch);
    const diverging = divergingEpoch(fetchOffset, lastFetchedEpoch, leaderEnd);
    if (diverging) return { response: { error: 'NONE', ...empty, divergingEpoch: diverging } };
    const leo = this.store.logEndOffset();
    if (fetchOffset > leo || fetchOffset < this.store.logStartOffset())
      return { response: { error: 'OFFSET_OUT_OF_RANGE', ...empty } };
    const previous = this.followers.get(follower);
    this.followers.set(follower, {
      broker: follower,
      logEndOffset: fetchOffset,
      lastCaughtUpTimeMs: fetchOffset >= leo ? nowMs : (previous?.lastCaughtUpTimeMs ?? nowMs),
    });
    let proposeIsr: number[] | undefined;
    if (
      !this.isr.includes(follower) &&
      canJoinIsr(fetchOffset, this.highWatermark, this.leaderEpochStartOffset)
    )
      proposeIsr = this.replicas.filter((b) => b === follower || this.isr.includes(b));
    this.advanceHighWatermark();
    const batches = this.store.readBatches(fetchOffset, leo, maxRecords);
    return {
      response: {
        error: 'NONE',
        batches,
        highWatermark: this.highWatermark,
        logStartOffset: this.store.logStartOffset(),
      },
      ...(proposeIsr ? { proposeIsr } : {}),
    };
  }

  /** The follower side of a fetch: truncate on divergence, else append and take the leader's HW. */
  applyFetchResponse(response: ReplicaFetchResponse): { truncatedTo?: number; appended: number } {
    if (this.role !== 'follower') return { appended: 0 };
    if (response.divergingEpoch) {
      const leaderEnd = response.divergingEpoch;
      const offset = truncationOffset({
        leaderEnd,
        followerEndForLeaderEpoch: this.store.endOffsetForEpoch(leaderEnd.epoch),
        followerEndOffset: this.store.logEndOffset(),
        followerHighWatermark: this.highWatermark,
      });
      this.store.truncateTo(offset);
      this.highWatermark = Math.min(this.highWatermark, this.store.logEndOffset());
      return { truncatedTo: this.store.logEndOffset(), appended: 0 };
    }
    if (response.error !== 'NONE') return { appended: 0 };
    const leo = this.store.logEndOffset();
    const fresh = response.batches.filter((batch) => batch.baseOffset >= leo);
    this.store.appendAsFollower(fresh);
    this.highWatermark = Math.max(
      this.highWatermark,
      followerHighWatermark(response.highWatermark, this.store.logEndOffset()),
    );
    return { appended: fresh.reduce((n, b) => n + b.values.length, 0) };
  }

  /** Followers to drop from the ISR (maybeShrinkIsr); the proposal is the ISR without them. */
  proposeShrink(nowMs: number): number[] | undefined {
    if (this.role !== 'leader') return undefined;
    const lagging = laggingFollowers(
      this.isr,
      this.broker,
      this.followers,
      nowMs,
      this.settings.replicaLagTimeMaxMs,
    );
    return lagging.length ? this.isr.filter((b) => !lagging.includes(b)) : undefined;
  }

  /** The controller accepted an ISR change (same leader and epoch). */
  applyIsr(isr: readonly number[]): void {
    this.isr = [...isr];
    if (this.role === 'leader') this.advanceHighWatermark();
  }

  /** Returns true when the HW moved. */
  advanceHighWatermark(): boolean {
    if (this.role !== 'leader') return false;
    const followerEnds = this.isr
      .filter((b) => b !== this.broker)
      .map((b) => this.followers.get(b)?.logEndOffset ?? -1)
      .map((end) => (end < 0 ? this.highWatermark : end));
    const next = nextHighWatermark({
      current: this.highWatermark,
      leaderEndOffset: this.store.logEndOffset(),
      isrFollowerEnds: followerEnds,
      isrSize: this.isr.length,
      minInsyncReplicas: this.settings.minInsyncReplicas,
      replicaCount: this.replicas.length,
    });
    const moved = next !== this.highWatermark;
    this.highWatermark = next;
    return moved;
  }

  /** A consumer Fetch on the leader: records below the HW. */
  readForConsumer(offset: number, maxRecords: number): { error: ErrorName; records: StoredRecord[] } {
    if (this.role !== 'leader') return { error: 'NOT_LEADER_OR_FOLLOWER', records: [] };
    if (offset < this.store.logStartOffset() || offset > this.store.logEndOffset())
      return { error: 'OFFSET_OUT_OF_RANGE', records: [] };
    return { error: 'NONE', records: this.store.readRecords(offset, this.highWatermark, maxRecords) };
  }

  followerProgress(broker: number): FollowerProgress | undefined {
    return this.followers.get(broker);
  }
}
