// One broker process: its storage, the partition replicas it hosts (each on a PartitionLog in its
// log dir), and the metadata it last heard from the controller. Stopping drops all in-memory state;
// starting recovers every log from its files, as a restarted Kafka broker does.
import type { BrokerFailureKind } from '../../spec/events.ts';
import type { PartitionMetadata } from '../controller/metadata.ts';
import { partitionKey } from '../controller/metadata.ts';
import { openPartitionLog, type RecoveryReport } from '../log/index.ts';
import { LogPartitionStore } from '../replication/log-store.ts';
import { PartitionReplica } from '../replication/partition-replica.ts';
import type { Clock } from '../sim/clock.ts';
import { readHighWatermarks, writeHighWatermarks } from './high-watermark-checkpoint.ts';
import type { BrokerStorage } from './storage.ts';
import { partitionDirectory } from './storage.ts';

export interface HostedPartitionSettings {
  readonly minInsyncReplicas: number;
  readonly replicaLagTimeMaxMs: number;
  readonly truncation?: 'leader-epoch' | 'high-watermark';
  /** Whether a follower's broker may rejoin an ISR (PartitionReplica's ReplicaSettings.isrEligible). */
  readonly isrEligible?: (broker: number, brokerEpoch: number) => boolean;
  readonly logConfig: Readonly<Record<string, number>>;
}

/** What a broker last heard about a partition (its metadata cache). */
export interface PartitionView {
  readonly leader: number | null;
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

export class Broker {
  running = true;
  /**
   * The broker epoch: a new one each time the process starts and registers (KRaft gives each
   * registration one); followers send it in their fetches (RP-2's eligibility).
   */
  epoch = 0;
  /** Recovery reports of the last start, by partition key (tests and traces). */
  readonly recoveries = new Map<string, RecoveryReport>();
  private readonly replicas = new Map<string, PartitionReplica>();
  private readonly views = new Map<string, PartitionView>();
  /** High watermarks read from replication-offset-checkpoint at start. */
  private checkpointedHighWatermarks = new Map<string, number>();

  constructor(
    readonly id: number,
    readonly storage: BrokerStorage,
    private readonly clock: Clock,
  ) {
    this.checkpointedHighWatermarks = readHighWatermarks(storage.fs, storage.logDir);
  }

  replica(topic: string, partition: number): PartitionReplica | undefined {
    return this.replicas.get(partitionKey(topic, partition));
  }
  hostedReplicas(): PartitionReplica[] {
    return [...this.replicas.values()];
  }
  view(topic: string, partition: number): PartitionView | undefined {
    return this.views.get(partitionKey(topic, partition));
  }

  /**
   * Applies the controller's state for one partition (LeaderAndIsr): opens the log if needed, then
   * becomes leader or follower. Returns the replica, or undefined when this broker is not a replica.
   */
  applyPartitionState(
    state: PartitionMetadata,
    settings: HostedPartitionSettings,
  ): PartitionReplica | undefined {
    if (!this.running) throw new Error(`broker ${this.id} is down`);
    const key = partitionKey(state.topic, state.partition);
    this.views.set(key, {
      leader: state.leader,
      leaderEpoch: state.leaderEpoch,
      replicas: state.replicas,
      isr: state.isr,
    });
    if (!state.replicas.includes(this.id)) return undefined;
    const replica = this.replicas.get(key) ?? this.openReplica(state.topic, state.partition, settings);
    if (state.leaderEpoch < replica.leaderEpoch) return replica; // stale news
    if (state.leader === this.id) replica.becomeLeader(state, this.clock.now());
    else if (state.leader === null) {
      replica.goOffline();
      replica.leaderEpoch = state.leaderEpoch;
    } else if (
      replica.role !== 'follower' ||
      state.leaderEpoch > replica.leaderEpoch ||
      replica.leader !== state.leader
    )
      replica.becomeFollower(state);
    else replica.isr = [...state.isr];
    return replica;
  }

  private openReplica(topic: string, partition: number, settings: HostedPartitionSettings): PartitionReplica {
    const { log, recovery } = openPartitionLog({
      fs: this.storage.fs,
      directory: partitionDirectory(this.storage.logDir, topic, partition),
      clock: this.clock,
      config: settings.logConfig,
    });
    const key = partitionKey(topic, partition);
    this.recoveries.set(key, recovery);
    const checkpointed = this.checkpointedHighWatermarks.get(key) ?? 0;
    const replica = new PartitionReplica(
      topic,
      partition,
      this.id,
      new LogPartitionStore(log),
      { ...settings, now: () => this.clock.now() },
      checkpointed,
    );
    this.replicas.set(key, replica);
    return replica;
  }

  /** Stops the process. clean-shutdown closes (flushes) every log; the others apply their crash. */
  stop(kind: BrokerFailureKind): void {
    if (!this.running) return;
    if (kind === 'clean-shutdown') {
      this.checkpointHighWatermarks();
      for (const replica of this.replicas.values()) replica.store.close();
    } else this.storage.crash(kind);
    this.replicas.clear();
    this.views.clear();
    this.running = false;
  }

  /** Starts again: replicas are reopened (and their logs recovered) as the controller assigns them. */
  start(): void {
    this.running = true;
    this.epoch += 1;
    this.recoveries.clear();
    this.checkpointedHighWatermarks = readHighWatermarks(this.storage.fs, this.storage.logDir);
  }

  /** Writes replication-offset-checkpoint (periodically and on clean shutdown). */
  checkpointHighWatermarks(): void {
    // ReplicaManager.checkpointHighWatermarks writes a log directory's file only when it holds an
    // online partition: a process that has opened nothing yet (restarted and not registered, RP-25)
    // leaves the last checkpoint as it is.
    if (!this.running || this.replicas.size === 0) return;
    const entries = [...this.replicas.values()]
      .map((r) => ({ topic: r.topic, partition: r.partition, highWatermark: r.highWatermark }))
      .sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
    writeHighWatermarks(this.storage.fs, this.storage.logDir, entries);
  }

  flush(): void {
    for (const replica of this.replicas.values()) replica.store.flush();
  }

  /**
   * Drops the process and closes its files without flushing or writing checkpoints: for a broker
   * whose directory is deleted next (the checker's reset between runs), where a clean close would
   * write files only to remove them.
   */
  discard(): void {
    this.replicas.clear();
    this.views.clear();
    this.running = false;
    this.storage.destroy();
  }

  /** Closes every log cleanly (cluster shutdown). */
  close(): void {
    if (this.running) for (const replica of this.replicas.values()) replica.store.close();
    this.replicas.clear();
    this.running = false;
    this.storage.destroy();
  }
}
