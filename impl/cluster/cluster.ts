// The reference cluster: N brokers in one process, a controller, a simulated network, and one
// clock and scheduler. Deterministic: every choice comes from the seed, time moves only through
// advanceTo(), replication only through replicate(). The same object serves the in-process
// adapter and the wire server (which calls advanceTo with the wall clock).

import type { SettingValue } from '../../spec/config.ts';
import type { BrokerFailureKind } from '../../spec/events.ts';
import { Controller } from '../controller/controller.ts';
import type { PartitionMetadata } from '../controller/metadata.ts';
import { isFlushDisabled } from '../log/config.ts';
import { activateMutants, mutant } from '../mutants/index.ts';
import { SimulatedClock } from '../sim/clock.ts';
import {
  brokerNode,
  CONTROLLER_NODE,
  type NetworkOptions,
  type NodeId,
  SimulatedNetwork,
} from '../sim/network.ts';
import { SeededRandom } from '../sim/random.ts';
import { Scheduler } from '../sim/scheduler.ts';
import { Broker, type HostedPartitionSettings } from './broker.ts';
import { type ClusterConfig, clusterConfigFrom, topicConfigFrom } from './cluster-config.ts';
import type { ClusterCore } from './cluster-core.ts';
import { DataPlane } from './data-plane.ts';
import { GroupHosting } from './group-hosting.ts';
import { HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS } from './high-watermark-checkpoint.ts';
import {
  MAX_PARTITIONS_PER_REQUEST,
  TOO_MANY_NEW_PARTITIONS,
  TOO_MANY_PARTITIONS,
} from './partition-limits.ts';
import type { AdminAnswer, MetadataAnswer } from './requests.ts';
import { type BrokerStorage, RealBrokerStorage, SimulatedBrokerStorage } from './storage.ts';

export type StorageOption =
  | { readonly kind: 'simulated' }
  /** `fsync: false` skips the OS fsync (sync points still count for emulated power loss); default true. */
  | { readonly kind: 'real'; readonly directory: string; readonly fsync?: boolean };

export interface ClusterOptions {
  readonly seed: number;
  /** Settings by Kafka's names; validated here (ConfigError on a bad one). */
  readonly config?: Readonly<Record<string, SettingValue>>;
  readonly storage?: StorageOption;
  /** Start of the clock (ms); 0 for simulations, Date.now() for the wire server. */
  readonly startMs?: number;
  /**
   * Random message loss on client and replication requests (seeded; default none). A lost request
   * is not applied; a lost produce response leaves the write applied but answered NETWORK_EXCEPTION.
   */
  readonly network?: NetworkOptions;
}

/** Period of the broker housekeeping tick (liveness, deleted segments' files). */
const HOUSEKEEPING_INTERVAL_MS = 1_000;
/** log.retention.check.interval.ms default. */
const RETENTION_CHECK_INTERVAL_MS = 300_000;

export class Cluster implements ClusterCore {
  readonly config: ClusterConfig;
  readonly clock: SimulatedClock;
  readonly scheduler: Scheduler;
  readonly random: SeededRandom;
  readonly network: SimulatedNetwork;
  readonly controller: Controller;
  readonly brokers: readonly Broker[];
  readonly data: DataPlane;
  /** Last time the controller heard from each broker (broker heartbeats). */
  private readonly lastContactMs = new Map<number, number>();
  /**
   * Brokers restarted while the controller still held their previous process's session (RP-25):
   * the new process's registration is refused (DuplicateBrokerRegistrationException) and it sends
   * no heartbeats until that session expires and the controller fences the broker.
   */
  private readonly awaitingRegistration = new Set<number>();
  /** How many times each broker process was started again: a log flusher serves only its own process. */
  private readonly brokerStarts = new Map<number, number>();
  private readonly listeners: ((partition: PartitionMetadata) => void)[] = [];
  private readonly stopListeners: ((broker: number) => void)[] = [];
  readonly groups: GroupHosting;

  constructor(options: ClusterOptions) {
    this.config = clusterConfigFrom(options.config ?? {});
    activateMutants(options.config ?? {});
    this.random = new SeededRandom(options.seed);
    this.clock = new SimulatedClock(options.startMs ?? 0);
    this.scheduler = new Scheduler(this.clock);
    this.network = new SimulatedNetwork(this.random.derive('network'), options.network ?? {});
    const ids = Array.from({ length: this.config.brokers }, (_, i) => i);
    this.controller = new Controller(ids, this.random.derive('controller'));
    this.brokers = ids.map((id) => new Broker(id, this.storageFor(id, options.storage), this.clock));
    for (const id of ids) this.lastContactMs.set(id, this.clock.now());
    this.data = new DataPlane(this);
    this.groups = new GroupHosting(this);
    this.scheduleHousekeeping();
    for (const id of ids) this.scheduleLogFlusher(id);
    this.scheduleIsrExpiration();
    this.scheduleRetention();
    this.scheduleHighWatermarkCheckpoint();
  }

  private scheduleHighWatermarkCheckpoint(): void {
    this.scheduler.schedule(this.clock.now() + HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS, 'hw-checkpoint', () => {
      for (const broker of this.brokers) broker.checkpointHighWatermarks();
      this.scheduleHighWatermarkCheckpoint();
    });
  }

  private storageFor(id: number, option: StorageOption | undefined): BrokerStorage {
    if (!option || option.kind === 'simulated')
      return new SimulatedBrokerStorage(this.random.derive(`disk-${id}`));
    return new RealBrokerStorage(
      `${option.directory}/broker-${id}`,
      this.random.derive(`disk-${id}`),
      option.fsync ?? true,
    );
  }

  broker(id: number): Broker {
    const broker = this.brokers[id];
    if (!broker) throw new Error(`no broker ${id}`);
    return broker;
  }

  now(): number {
    return this.clock.now();
  }

  /** Called with every partition whose leadership or ISR the controller changed (coordinator hosting). */
  onPartitionChange(listener: (partition: PartitionMetadata) => void): void {
    this.listeners.push(listener);
  }

  /** Called when a broker process stops (its in-memory state is gone). */
  onBrokerStop(listener: (broker: number) => void): void {
    this.stopListeners.push(listener);
  }

  private notify(partition: PartitionMetadata): void {
    for (const listener of this.listeners) listener(partition);
  }

  settingsFor(topic: string): HostedPartitionSettings {
    const settings = this.controller.topic(topic)?.settings;
    if (!settings) throw new Error(`unknown topic ${topic}`);
    return {
      minInsyncReplicas: settings.minInsyncReplicas,
      replicaLagTimeMaxMs: this.config.replicaLagTimeMaxMs,
      // RP-15: the run's kspec.replication.truncation, as the model reads it; the truncate-to-hw
      // mutant forces the known-bad rule whatever the run asked for.
      truncation: mutant('truncate-to-hw') ? 'high-watermark' : this.config.truncation,
      isrEligible: (broker, brokerEpoch) => this.isrEligible(broker, brokerEpoch),
      logConfig: settings.config as Record<string, number>,
    };
  }

  /**
   * RP-2: Partition.isReplicaIsrEligible as a leader sees a follower: its broker is registered and
   * not fenced (a controlled shutdown fences it first), and the broker epoch its last fetch
   * carried is the one it registered with (-1: a fetch without one).
   */
  private isrEligible(broker: number, brokerEpoch: number): boolean {
    if (!this.controller.isAlive(broker)) return false;
    return brokerEpoch === -1 || this.brokers[broker]?.epoch === brokerEpoch;
  }

  /** Whether `broker` can hear the controller now (metadata reaches it, AlterPartition gets through). */
  controllerReaches(broker: number): boolean {
    return this.broker(broker).running && this.network.connected(CONTROLLER_NODE, brokerNode(broker));
  }

  /** Pushes the controller's state of `partitions` to every running broker the controller reaches. */
  propagate(partitions: readonly PartitionMetadata[]): void {
    for (const partition of partitions) {
      for (const broker of this.brokers) {
        // A restarted process still waiting to register (RP-25) is told nothing: it opens no log yet.
        if (!this.controllerReaches(broker.id) || this.awaitingRegistration.has(broker.id)) continue;
        broker.applyPartitionState(partition, this.settingsFor(partition.topic));
      }
      this.notify(partition);
    }
    this.data.checkPurgatory();
  }

  // ---- admin ----

  /**
   * CreateTopics. `internalLogConfig`: log settings a broker sets on its own internal topics
   * (`__consumer_offsets` is compacted), beyond what a client may ask for; not validated here.
   */
  createTopic(
    name: string,
    partitions: number,
    replicationFactor: number,
    config: Readonly<Record<string, SettingValue>> = {},
    internalLogConfig: Readonly<Record<string, string | number>> = {},
  ): AdminAnswer {
    if (partitions > MAX_PARTITIONS_PER_REQUEST)
      return { error: 'POLICY_VIOLATION', message: TOO_MANY_PARTITIONS };
    if (!/^[A-Za-z0-9._-]{1,249}$/.test(name) || name === '.' || name === '..')
      return { error: 'INVALID_TOPIC_EXCEPTION', message: `Topic name "${name}" is illegal.` };
    // Kafka 4.4's controller marks existing topics before it looks at configs
    // (ReplicationControlManager.createTopics): an existing name with a bad config is TOPIC_ALREADY_EXISTS.
    if (this.controller.topic(name))
      return { error: 'TOPIC_ALREADY_EXISTS', message: `Topic '${name}' already exists.` };
    const topicConfig = topicConfigFrom(this.config, config);
    if ('error' in topicConfig) return { error: topicConfig.error, message: topicConfig.message };
    const result = this.controller.createTopic(name, partitions, replicationFactor, {
      minInsyncReplicas: topicConfig.minInsyncReplicas,
      uncleanLeaderElection: topicConfig.uncleanLeaderElection,
      config: { ...topicConfig.logConfig, ...internalLogConfig },
      overrides: [...Object.keys(config), ...Object.keys(internalLogConfig)].sort(),
    });
    this.propagate(result.changed);
    return { error: result.error, message: result.message ?? null };
  }

  /** CreatePartitions; validateOnly answers alike and changes nothing (RP-1). */
  createPartitions(name: string, total: number, validateOnly = false): AdminAnswer {
    const current = this.controller.topic(name)?.partitions.length;
    if (current !== undefined && total - current > MAX_PARTITIONS_PER_REQUEST)
      return { error: 'POLICY_VIOLATION', message: TOO_MANY_NEW_PARTITIONS };
    const result = this.controller.createPartitions(name, total, validateOnly);
    this.propagate(result.changed);
    return { error: result.error, message: result.message ?? null };
  }

  /**
   * The leader of a partition as a client at `from` learns it: from the first running broker it
   * reaches (that broker's metadata cache, possibly stale). Undefined: no broker reachable or no leader.
   */
  leaderSeenFrom(from: NodeId, topic: string, partition: number): number | undefined {
    for (const broker of this.brokers) {
      if (!broker.running || !this.network.connected(from, brokerNode(broker.id))) continue;
      const leader = broker.view(topic, partition)?.leader;
      return leader === null || leader === undefined ? undefined : leader;
    }
    return undefined;
  }

  reachesAnyBroker(from: NodeId): boolean {
    return this.firstBrokerReachedFrom(from) !== undefined;
  }

  /** The lowest-id running broker `from` is connected to (undefined: none). */
  firstBrokerReachedFrom(from: NodeId): number | undefined {
    return this.brokers.find((b) => b.running && this.network.connected(from, brokerNode(b.id)))?.id;
  }

  metadata(from: NodeId, brokerId: number): MetadataAnswer | undefined {
    const broker = this.broker(brokerId);
    if (!broker.running || !this.network.connected(from, brokerNode(brokerId))) return undefined;
    return {
      brokers: this.brokers.filter((b) => this.controller.isAlive(b.id)).map((b) => b.id),
      controller: -1,
      topics: this.controller.allTopics().map((topic) => ({
        name: topic.name,
        error: 'NONE',
        partitions: topic.partitions.map((p) => {
          const view = broker.view(topic.name, p.partition);
          return {
            partition: p.partition,
            error: view?.leader === null || !view ? 'LEADER_NOT_AVAILABLE' : 'NONE',
            leader: view?.leader ?? -1,
            leaderEpoch: view?.leaderEpoch ?? -1,
            replicas: view?.replicas ?? p.replicas,
            isr: view?.isr ?? [],
          };
        }),
      })),
    };
  }

  // ---- faults ----

  /** Stops a broker. Returns false when the storage cannot produce this crash kind. */
  failBroker(id: number, kind: BrokerFailureKind): boolean {
    const broker = this.broker(id);
    if (!broker.storage.supports(kind)) return false;
    if (!broker.running) return true;
    if (kind === 'clean-shutdown') {
      // Controlled shutdown: leadership moves away first, and produces waiting on a replica that is
      // now a follower are answered while the broker still runs (RP-28: with its view's leader);
      // then the logs are flushed and closed.
      this.propagate(this.controller.brokerFenced(id));
      this.data.checkPurgatory();
      broker.stop(kind);
      for (const listener of this.stopListeners) listener(id);
    } else {
      // RP-25: the controller notices only when the broker's session expires (checkBrokerLiveness).
      broker.stop(kind);
      for (const listener of this.stopListeners) listener(id);
    }
    this.data.checkPurgatory();
    return true;
  }

  /** Starts a stopped broker: it recovers its logs and registers with the controller. */
  restartBroker(id: number): void {
    const broker = this.broker(id);
    if (broker.running) return;
    broker.start();
    this.brokerStarts.set(id, (this.brokerStarts.get(id) ?? 0) + 1);
    this.scheduleLogFlusher(id);
    // RP-25: ClusterControlManager.registerBroker refuses a new incarnation while the old session
    // is valid; the broker retries and gets in once the controller has fenced it.
    if (this.controller.isAlive(id)) {
      this.awaitingRegistration.add(id);
      return;
    }
    this.lastContactMs.set(id, this.clock.now());
    if (this.controllerReaches(id)) this.registerBroker(id);
  }

  private registerBroker(id: number): void {
    this.awaitingRegistration.delete(id);
    const changed = this.controller.brokerUnfenced(id);
    // The returning broker learns every partition (it may host replicas with no change).
    const broker = this.broker(id);
    for (const partition of this.controller.allPartitions())
      if (!changed.includes(partition)) {
        broker.applyPartitionState(partition, this.settingsFor(partition.topic));
        this.notify(partition);
      }
    this.propagate(changed);
  }

  isolate(brokers: readonly number[], clients: readonly string[]): void {
    this.network.isolate([...brokers.map(brokerNode), ...clients.map((c) => `client:${c}`)]);
  }

  heal(): void {
    this.network.heal();
    this.reconnect();
  }

  /** Brokers that reach the controller again re-register, or catch up on metadata they missed. */
  private reconnect(): void {
    for (const broker of this.brokers) {
      if (!this.controllerReaches(broker.id) || this.awaitingRegistration.has(broker.id)) continue;
      this.lastContactMs.set(broker.id, this.clock.now());
      if (!this.controller.isAlive(broker.id)) this.registerBroker(broker.id);
      else
        for (const p of this.controller.allPartitions()) {
          broker.applyPartitionState(p, this.settingsFor(p.topic));
          this.notify(p);
        }
    }
    this.data.checkPurgatory();
  }

  flush(id: number): void {
    const broker = this.broker(id);
    if (broker.running) broker.flush();
  }

  // ---- time ----

  /** Moves the clock to `timeMs`, firing timers in time order. */
  advanceTo(timeMs: number): void {
    this.scheduler.advanceTo(timeMs);
  }

  private scheduleHousekeeping(): void {
    this.scheduler.schedule(this.clock.now() + HOUSEKEEPING_INTERVAL_MS, 'housekeeping', () => {
      this.checkBrokerLiveness();
      for (const broker of this.brokers)
        if (broker.running)
          for (const replica of broker.hostedReplicas()) replica.store.closeDeletedSegments();
      this.scheduleHousekeeping();
    });
  }

  /**
   * RP-17: a broker process's log flusher (LogManager's kafka-log-flusher) first runs
   * log.initial.task.delay.ms after the process starts, then every log.flush.scheduler.interval.ms
   * (by default never), and flushes each log whose last flush is flush.ms old. It dies with the process.
   */
  private scheduleLogFlusher(id: number): void {
    const interval = this.config.logFlushSchedulerIntervalMs;
    if (isFlushDisabled(interval)) return;
    const incarnation = this.brokerStarts.get(id) ?? 0;
    const run = (dueMs: number) =>
      this.scheduler.schedule(dueMs, `log-flusher-${id}`, () => {
        const broker = this.broker(id);
        if (!broker.running || (this.brokerStarts.get(id) ?? 0) !== incarnation) return;
        for (const replica of broker.hostedReplicas()) replica.store.maybeFlush();
        run(this.clock.now() + interval);
      });
    run(this.clock.now() + this.config.logInitialTaskDelayMs);
  }

  /**
   * RP-25: a broker the controller has not heard from for broker.session.timeout.ms is fenced,
   * whether its process stopped, restarted (not registered yet) or is cut off
   * (BrokerHeartbeatManager); a restarted process registers on the same tick.
   */
  private checkBrokerLiveness(): void {
    for (const broker of this.brokers) {
      const waiting = this.awaitingRegistration.has(broker.id);
      if (this.controllerReaches(broker.id) && !waiting) {
        this.lastContactMs.set(broker.id, this.clock.now());
        if (!this.controller.isAlive(broker.id)) this.registerBroker(broker.id);
        continue;
      }
      const silentMs = this.clock.now() - (this.lastContactMs.get(broker.id) ?? 0);
      if (this.controller.isAlive(broker.id) && silentMs >= this.config.brokerSessionTimeoutMs)
        this.propagate(this.controller.brokerFenced(broker.id));
      if (waiting && !this.controller.isAlive(broker.id) && this.controllerReaches(broker.id)) {
        this.lastContactMs.set(broker.id, this.clock.now());
        this.registerBroker(broker.id);
      }
    }
  }

  private scheduleIsrExpiration(): void {
    const period = Math.max(1, Math.floor(this.config.replicaLagTimeMaxMs / 2));
    this.scheduler.schedule(this.clock.now() + period, 'isr-expiration', () => {
      this.data.shrinkIsrs();
      this.scheduleIsrExpiration();
    });
  }

  private scheduleRetention(): void {
    this.scheduler.schedule(this.clock.now() + RETENTION_CHECK_INTERVAL_MS, 'log-retention', () => {
      for (const broker of this.brokers)
        if (broker.running) for (const replica of broker.hostedReplicas()) replica.store.deleteOldSegments();
      this.scheduleRetention();
    });
  }

  close(): void {
    for (const broker of this.brokers) broker.close();
  }
}
