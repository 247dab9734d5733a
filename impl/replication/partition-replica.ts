// One broker's replica of one partition (Partition.scala, reduced to what kspec checks): its role,
// the leader epoch it knows, and, as leader, the ISR, each follower's progress and the high
// watermark. Decisions come from rules.ts; this class applies them to the store. ISR changes are
// proposed here and take effect only when the controller accepts them (AlterPartition).
import type { ErrorName } from '../../spec/errors.ts';
import { mutant } from '../mutants/index.ts';
import { batchesFrom } from './log-store.ts';
import type { EpochEnd, PartitionStore, StoredRecord } from './partition-store.ts';
import {
  canJoinIsr,
  checkLeaderEpoch,
  divergingEpoch,
  effectiveMinIsr,
  type FollowerProgress,
  followerHighWatermark,
  isCaughtUp,
  laggingFollowers,
  NEVER_CAUGHT_UP,
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
  /**
   * 'leader-epoch' (Kafka since KIP-101): a new follower keeps its log and truncates only where
   * the leader's epochs say it diverged. 'high-watermark' (the known-bad pre-KIP-101 rule): a new
   * follower truncates to its own high watermark, which can lose acknowledged data.
   */
  readonly truncation?: 'leader-epoch' | 'high-watermark';
  /**
   * Partition.isReplicaIsrEligible as the leader's broker sees it: the follower's broker is not
   * fenced or shutting down, and `brokerEpoch` (what its last fetch carried; -1: none sent) is its
   * current broker epoch. Default: every follower is eligible.
   */
  readonly isrEligible?: (broker: number, brokerEpoch: number) => boolean;
  /** The broker's clock, for Replica.isCaughtUp when the HW is recomputed (default: time 0). */
  readonly now?: () => number;
}

export interface ReplicaFetchResponse {
  readonly error: ErrorName;
  /** Whole record batches, as stored on the leader. */
  readonly records: Buffer;
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
      // Replica.resetReplicaState: ISR followers start "caught up now", so none is dropped before
      // it had a chance to fetch; the others never caught up in this term, so the HW does not wait
      // for them before they do (RP-2).
      this.followers = new Map(
        state.replicas
          .filter((b) => b !== this.broker)
          .map((b) => [
            b,
            {
              broker: b,
              logEndOffset: -1,
              lastCaughtUpTimeMs: state.isr.includes(b) ? nowMs : NEVER_CAUGHT_UP,
              lastFetchLeaderEndOffset: -1,
              lastFetchTimeMs: nowMs,
              brokerEpoch: null,
            },
          ]),
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
    if (this.settings.truncation === 'high-watermark') this.store.truncateTo(this.highWatermark);
    this.highWatermark = Math.min(this.highWatermark, this.store.logEndOffset());
  }

  /**
   * The follower's fetch offset was beyond the leader's log end (possible only without epoch
   * checks): truncate to the leader's end, as the fetcher's out-of-range handling does.
   */
  handleOutOfRange(leaderEndOffset: number): void {
    if (this.role !== 'follower' || this.store.logEndOffset() <= leaderEndOffset) return;
    this.store.truncateTo(leaderEndOffset);
    this.highWatermark = Math.min(this.highWatermark, this.store.logEndOffset());
  }

  /** The epoch a follower sends as lastFetchedEpoch; none under the pre-KIP-101 rule. */
  lastFetchedEpoch(): number {
    return this.settings.truncation === 'high-watermark' ? -1 : this.store.latestEpoch();
  }

  goOffline(): void {
    this.role = 'offline';
    this.followers.clear();
  }

  /** RP-9, RP-10, RP-11: min.insync.replicas capped at the replica count (Partition.effectiveMinIsr). */
  private effectiveMinIsr(): number {
    return effectiveMinIsr(this.settings.minInsyncReplicas, this.replicas.length);
  }

  /** Produce on the leader, after the broker checked acks. acks=-1 needs |ISR| >= the effective min ISR. */
  appendAsLeader(batches: Buffer, acks: number, requestEpoch?: number): AppendOutcome {
    if (this.role !== 'leader') return { error: 'NOT_LEADER_OR_FOLLOWER' };
    const epochCheck = checkLeaderEpoch(requestEpoch, this.leaderEpoch);
    if (epochCheck !== 'ok') return { error: epochCheck };
    if (acks === -1 && this.isr.length < this.effectiveMinIsr() && !mutant('ignore-min-insync'))
      return { error: 'NOT_ENOUGH_REPLICAS' };
    const appended = this.store.appendAsLeader(batches, this.leaderEpoch);
    if ('error' in appended) return { error: appended.error };
    this.advanceHighWatermark();
    return { error: 'NONE', baseOffset: appended.baseOffset, lastOffset: appended.lastOffset };
  }

  /** Whether an acks=all produce ending at `lastOffset` is done, and how (checkEnoughReplicasReachOffset). */
  produceCompletion(lastOffset: number): ErrorName | undefined {
    if (this.role !== 'leader') return 'NOT_LEADER_OR_FOLLOWER';
    if (this.highWatermark <= lastOffset && !mutant('acks-all-before-replication')) return undefined;
    return this.isr.length >= this.effectiveMinIsr() || mutant('ignore-min-insync')
      ? 'NONE'
      : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';
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
    maxBytes: number,
    /** The broker epoch the follower's fetch carries (-1: none, as old fetch versions). */
    followerBrokerEpoch = -1,
  ): { response: ReplicaFetchResponse; proposeIsr?: number[] } {
    const empty = {
      records: Buffer.alloc(0),
      highWatermark: this.highWatermark,
      logStartOffset: this.store.logStartOffset(),
    };
    if (this.role !== 'leader' || !this.replicas.includes(follower))
      return { response: { error: 'NOT_LEADER_OR_FOLLOWER', ...empty } };
    const epochCheck = checkLeaderEpoch(currentLeaderEpoch, this.leaderEpoch);
    if (epochCheck !== 'ok') return { response: { error: epochCheck, ...empty } };
    const leaderEnd = this.store.endOffsetForEpoch(lastFetchedEpoch);
    const leo = this.store.logEndOffset();
    const outOfRange = { response: { error: 'OFFSET_OUT_OF_RANGE' as const, ...empty } };
    // RP-14 (Partition.readRecords): a last fetched epoch the leader cannot place (above every epoch
    // it knows) and an offset below the log start are out of range before any divergence check.
    if (lastFetchedEpoch >= 0 && (leaderEnd.endOffset < 0 || fetchOffset < this.store.logStartOffset()))
      return outOfRange;
    const diverging = divergingEpoch(fetchOffset, lastFetchedEpoch, leaderEnd);
    if (diverging) return { response: { error: 'NONE', ...empty, divergingEpoch: diverging } };
    if (fetchOffset > leo || fetchOffset < this.store.logStartOffset()) return outOfRange;
    this.followers.set(
      follower,
      followerAfterFetch(
        this.followers.get(follower),
        follower,
        fetchOffset,
        leo,
        nowMs,
        followerBrokerEpoch,
      ),
    );
    let proposeIsr: number[] | undefined;
    if (
      !this.isr.includes(follower) &&
      (mutant('isr-join-before-caught-up') ||
        canJoinIsr(fetchOffset, this.highWatermark, this.leaderEpochStartOffset))
    )
      proposeIsr = this.replicas.filter((b) => b === follower || this.isr.includes(b));
    this.advanceHighWatermark();
    const records = this.store.readBatches(fetchOffset, leo, maxBytes);
    return {
      response: {
        error: 'NONE',
        records,
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
    const appended = this.store.appendAsFollower(batchesFrom(response.records, leo));
    if ('error' in appended) throw new Error(`follower append failed: ${appended.error}`);
    // RP-2: the follower takes the HW of the answer as it is (capped at its LEO), also downwards: a
    // new leader may know a lower HW than an older one told this follower, or than its checkpoint
    // (UnifiedLog.maybeUpdateHighWatermark is not monotonic).
    this.highWatermark = followerHighWatermark(response.highWatermark, this.store.logEndOffset());
    return { appended: this.store.logEndOffset() - leo };
  }

  /** Followers to drop from the ISR (maybeShrinkIsr); the proposal is the ISR without them. */
  proposeShrink(
    nowMs: number,
    fetching: (broker: number) => boolean = () => false,
    /** The follower's own log end offset, for a follower that has not fetched in this term yet. */
    followerLogEnd: (broker: number) => number | undefined = () => undefined,
  ): number[] | undefined {
    if (this.role !== 'leader') return undefined;
    // Kafka's followers fetch continuously: one already at the leader's LEO that can reach the
    // leader keeps sending (empty) fetches, each of which makes it caught up now. Only followers
    // that are behind, or cut off, age toward replica.lag.time.max.ms. A follower that has not
    // fetched in this term (a new topic, a new leader, nothing appended since) is not behind when
    // its own log already ends at the leader's: its first fetch would find nothing to copy. Its
    // known progress stays unknown, so the high watermark still waits for a real fetch. What the
    // leader last heard counts only while the follower's log still ends there: one that lost its
    // disk or truncated since would fetch from further back, which is not caught up.
    const leo = this.store.logEndOffset();
    for (const [broker, progress] of this.followers) {
      if (!fetching(broker)) continue;
      if (progress.logEndOffset >= leo && followerLogEnd(broker) === progress.logEndOffset)
        this.followers.set(broker, {
          ...progress,
          lastCaughtUpTimeMs: nowMs,
          lastFetchLeaderEndOffset: leo,
          lastFetchTimeMs: nowMs,
        });
      else if (
        progress.logEndOffset < 0 &&
        leo === this.leaderEpochStartOffset &&
        followerLogEnd(broker) === leo
      )
        this.followers.set(broker, { ...progress, lastCaughtUpTimeMs: nowMs, lastFetchTimeMs: nowMs });
    }
    // Replica.isCaughtUp: a follower whose last fetch reached the leader's LEO is in sync however
    // long ago that was, also when it can no longer fetch; it leaves once the LEO moves on (or when
    // the controller fences its broker).
    const lagging = laggingFollowers(
      this.isr,
      this.broker,
      this.followers,
      nowMs,
      this.settings.replicaLagTimeMaxMs,
    ).filter((broker) => this.followers.get(broker)?.logEndOffset !== leo);
    return lagging.length ? this.isr.filter((b) => !lagging.includes(b)) : undefined;
  }

  /** The controller accepted an ISR change (same leader and epoch). */
  applyIsr(isr: readonly number[]): void {
    this.isr = [...isr];
    if (this.role === 'leader') this.advanceHighWatermark();
  }

  /**
   * RP-2: a follower outside the ISR the HW still waits for: caught up (Replica.isCaughtUp) and
   * eligible to rejoin (Partition.isReplicaIsrEligible), as Partition.maybeIncrementLeaderHW asks.
   */
  private caughtUpOutsideIsr(broker: number, leaderEndOffset: number, nowMs: number): boolean {
    const progress = this.followers.get(broker);
    if (!progress || progress.brokerEpoch === null || this.isr.includes(broker)) return false;
    if (!(this.settings.isrEligible?.(broker, progress.brokerEpoch) ?? true)) return false;
    return isCaughtUp(progress, leaderEndOffset, nowMs, this.settings.replicaLagTimeMaxMs);
  }

  /** Returns true when the HW moved. */
  advanceHighWatermark(): boolean {
    if (this.role !== 'leader') return false;
    const leo = this.store.logEndOffset();
    const nowMs = this.settings.now?.() ?? 0;
    const followerEnds = this.replicas
      .filter((b) => b !== this.broker)
      .filter((b) => this.isr.includes(b) || this.caughtUpOutsideIsr(b, leo, nowMs))
      .map((b) => this.followers.get(b)?.logEndOffset ?? -1)
      .map((end) => (end < 0 ? this.highWatermark : end));
    const next = mutant('hw-before-isr')
      ? leo
      : nextHighWatermark({
          current: this.highWatermark,
          leaderEndOffset: leo,
          followerEnds,
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
    const end = mutant('consumer-reads-above-hw') ? this.store.logEndOffset() : this.highWatermark;
    return { error: 'NONE', records: this.store.readRecords(offset, end, maxRecords) };
  }

  followerProgress(broker: number): FollowerProgress | undefined {
    return this.followers.get(broker);
  }
}

/**
 * Replica.updateFetchState: a follower fetching at the leader's LEO is caught up now; one that
 * reached the LEO the leader had at its previous fetch was caught up as of that fetch. The fetch's
 * broker epoch is kept for Partition.isReplicaIsrEligible.
 */
function followerAfterFetch(
  previous: FollowerProgress | undefined,
  broker: number,
  fetchOffset: number,
  leaderEndOffset: number,
  nowMs: number,
  brokerEpoch: number,
): FollowerProgress {
  let lastCaughtUpTimeMs = previous?.lastCaughtUpTimeMs ?? nowMs;
  if (fetchOffset >= leaderEndOffset) lastCaughtUpTimeMs = Math.max(lastCaughtUpTimeMs, nowMs);
  else if (
    previous &&
    previous.lastFetchLeaderEndOffset >= 0 &&
    fetchOffset >= previous.lastFetchLeaderEndOffset
  )
    lastCaughtUpTimeMs = Math.max(lastCaughtUpTimeMs, previous.lastFetchTimeMs);
  return {
    broker,
    logEndOffset: fetchOffset,
    lastCaughtUpTimeMs,
    lastFetchLeaderEndOffset: leaderEndOffset,
    lastFetchTimeMs: nowMs,
    brokerEpoch,
  };
}
