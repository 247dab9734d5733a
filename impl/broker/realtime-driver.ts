// Runs the deterministic reference cluster on the wall clock. In a simulation time moves only on
// explicit events and followers fetch only on `replicate` events; a broker serving real clients
// needs both to happen by themselves:
// - the cluster's clock follows Date.now(): every request first advances it (firing due timers:
//   session expiry, join and sync timers, ISR expiration, acks=all timeouts), and one Node timer is
//   armed for the scheduler's next deadline;
// - followers fetch continuously: right after a produce to a replicated partition (so acks=all
//   completes in a few event-loop turns, as Kafka's long-polling fetchers make it), and every
//   `replicationIntervalMs` for everything (catch-up after a restart, ISR expansion). With
//   replica.fetch.min.bytes above 1 followers fetch lazily, as Kafka's do when a fetch waits for
//   more bytes than arrive: a write waits replica.fetch.wait.max.ms before its followers copy it,
//   and background passes come that often (bytes are not counted: every write waits);
// - anything waiting on the log (long-poll Fetch) is re-checked after each of those.
import { intSetting } from '../../spec/config.ts';
import type { Cluster } from '../cluster/cluster.ts';

export interface RealtimeDriverOptions {
  /** Background follower-fetch period (Kafka's replica.fetch.wait.max.ms is 500; fetchers long-poll). */
  readonly replicationIntervalMs?: number;
  /** Rounds of follower fetches per pass: the second round tells the leader the new follower LEO. */
  readonly roundsPerPass?: number;
}

/** A parked request that completes when the log changes (or its own deadline passes). */
export interface LogWaiter {
  /** Returns true when the waiter is done (it then removes itself). */
  check(): boolean;
}

const DEFAULT_REPLICATION_INTERVAL_MS = 50;
/** Catch-up passes that still move data are repeated at once, at most this many times in a row. */
const MAX_BACK_TO_BACK_PASSES = 64;

export class RealtimeDriver {
  private timer: NodeJS.Timeout | undefined;
  private timerDueMs = Number.POSITIVE_INFINITY;
  private replicationTimer: NodeJS.Timeout | undefined;
  private readonly dirtyPartitions = new Map<string, { topic: string; partition: number }>();
  private replicateSoon: NodeJS.Immediate | undefined;
  private readonly waiters = new Set<LogWaiter>();
  private stopped = false;
  private readonly intervalMs: number;
  private readonly rounds: number;
  /** How long a write waits for its followers' fetch: 0 (at once) unless fetches wait for bytes. */
  private readonly fetchWaitMs: number;
  private replicateLater: NodeJS.Timeout | undefined;
  /** Listeners called after every pass (metadata persistence). */
  private readonly afterPassListeners: (() => void)[] = [];

  constructor(
    private readonly cluster: Cluster,
    options: RealtimeDriverOptions = {},
  ) {
    const raw = cluster.config.raw;
    this.fetchWaitMs =
      intSetting(raw, 'replica.fetch.min.bytes') > 1 ? intSetting(raw, 'replica.fetch.wait.max.ms') : 0;
    this.intervalMs = Math.max(
      options.replicationIntervalMs ?? DEFAULT_REPLICATION_INTERVAL_MS,
      this.fetchWaitMs,
    );
    this.rounds = options.roundsPerPass ?? 2;
  }

  start(): void {
    this.sync();
    this.scheduleBackgroundReplication(this.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.replicationTimer);
    if (this.replicateSoon) clearImmediate(this.replicateSoon);
    clearTimeout(this.replicateLater);
    this.waiters.clear();
  }

  onAfterPass(listener: () => void): void {
    this.afterPassListeners.push(listener);
  }

  /** Brings the cluster's clock to now (firing due timers) and re-arms the timer. Call before every request. */
  sync(): void {
    if (this.stopped) return;
    const now = Date.now();
    if (now > this.cluster.now()) this.cluster.advanceTo(now);
    this.arm();
  }

  /** After a request changed something: re-arm for new deadlines and wake waiters. */
  settle(): void {
    if (this.stopped) return;
    this.arm();
    this.wake();
  }

  /** A leader appended to this partition: let its followers fetch in a moment. */
  appended(topic: string, partition: number): void {
    if (this.stopped) return;
    this.dirtyPartitions.set(`${topic}\u0000${partition}`, { topic, partition });
    if (this.fetchWaitMs > 0) {
      this.replicateLater ??= setTimeout(() => {
        this.replicateLater = undefined;
        this.replicateDirty();
      }, this.fetchWaitMs);
      this.replicateLater.unref();
      return;
    }
    this.replicateSoon ??= setImmediate(() => {
      this.replicateSoon = undefined;
      this.replicateDirty();
    });
  }

  private replicateDirty(): void {
    const dirty = [...this.dirtyPartitions.values()];
    this.dirtyPartitions.clear();
    this.sync();
    this.cluster.data.replicatePartitions(dirty, this.rounds);
    this.settle();
  }

  addWaiter(waiter: LogWaiter): void {
    if (!waiter.check()) this.waiters.add(waiter);
  }

  removeWaiter(waiter: LogWaiter): void {
    this.waiters.delete(waiter);
  }

  /** Re-checks every parked request. */
  wake(): void {
    for (const waiter of [...this.waiters]) if (waiter.check()) this.waiters.delete(waiter);
  }

  private arm(): void {
    const next = this.cluster.scheduler.pending()[0];
    if (!next) return;
    if (this.timer && next.dueMs >= this.timerDueMs) return;
    clearTimeout(this.timer);
    this.timerDueMs = next.dueMs;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerDueMs = Number.POSITIVE_INFINITY;
        this.sync();
        this.settle();
      },
      Math.max(0, next.dueMs - Date.now()),
    );
    this.timer.unref();
  }

  private scheduleBackgroundReplication(delayMs: number): void {
    if (this.stopped) return;
    this.replicationTimer = setTimeout(() => {
      const moved = this.backgroundPass();
      this.scheduleBackgroundReplication(moved ? 0 : this.intervalMs);
    }, delayMs);
    this.replicationTimer.unref();
  }

  private backToBack = 0;

  /** One fetch round of every follower; true when some follower log grew (more may be waiting). */
  private backgroundPass(): boolean {
    this.sync();
    const before = this.followerBytes();
    this.cluster.data.replicate();
    const moved = this.followerBytes() !== before;
    this.settle();
    for (const listener of this.afterPassListeners) listener();
    this.backToBack = moved ? this.backToBack + 1 : 0;
    return moved && this.backToBack < MAX_BACK_TO_BACK_PASSES;
  }

  /** Sum of follower log end offsets: a cheap progress measure. */
  private followerBytes(): number {
    let total = 0;
    for (const broker of this.cluster.brokers) {
      if (!broker.running) continue;
      for (const replica of broker.hostedReplicas())
        if (replica.role === 'follower') total += replica.logEndOffset();
    }
    return total;
  }
}
