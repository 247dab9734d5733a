import type { Observation } from '../../spec/observations.ts';
import type { Entry, ReplicationSettings, ReplicationState } from '../replication/types.ts';
import type { EpochCache } from './epoch-cache.ts';
import type { ValueTable } from './values.ts';

/** What a broker last heard from the controller about one partition (its metadata cache). */
export interface PartitionView {
  /** Broker id of the leader, or null while offline. */
  readonly leader: number | null;
  readonly leaderEpoch: number;
  readonly isr: readonly number[];
}

/** What a leader knows of one follower's fetching (Replica.updateFetchState, RP-6). */
export interface FollowerClock {
  /** Last time the follower was caught up with the leader's LEO. */
  readonly lastCaughtUpTimeMs: number;
  /** The leader's LEO and the time at the follower's previous fetch in this term (-1: none yet). */
  readonly lastFetchLeaderEndOffset: number;
  readonly lastFetchTimeMs: number;
  /**
   * The follower broker's epoch (BrokerModel.epoch) its last fetch in this term carried; -1 before
   * any. The HW waits for a follower outside the ISR only while this matches (RP-2).
   */
  readonly brokerEpoch: number;
}

/** Replica.resetReplicaState: a follower outside the ISR when a term starts has never caught up in it. */
export const NEVER_CAUGHT_UP = Number.NEGATIVE_INFINITY;

/**
 * What a leader keeps of its own term: epoch, ISR, where the epoch starts, its followers' progress
 * (a replaced leader that has not heard it keeps leading its term: zombie.ts).
 */
export interface LeaderTerm {
  readonly epoch: number;
  isr: readonly number[];
  readonly epochStartOffset: number;
  remotes: readonly number[];
  clocks: FollowerClock[];
  fetched: boolean[];
}

export function copyTerm(term: LeaderTerm): LeaderTerm {
  return { ...term, clocks: [...term.clocks], fetched: [...term.fetched] };
}

/** When a replica's log was last flushed with something to flush (or opened), and how far (log-flusher.ts). */
export interface FlushMark {
  readonly flushed: number;
  readonly atMs: number;
}

export interface PartitionModel {
  readonly topic: string;
  readonly partition: number;
  /** Broker ids in assignment order: model replica i lives on broker `brokers[i]`. */
  brokers: number[];
  settings: ReplicationSettings;
  /** Controller's leader and ISR (as model replica indexes) and every replica's log. */
  state: ReplicationState;
  /**
   * Per broker id (every broker, not only replicas): its view, or null when it has heard nothing
   * since it started. A replica is open on its broker exactly when that broker has a view.
   */
  views: (PartitionView | null)[];
  /** Per model replica: the leader's lag clock of it (meaningful on the leader, reset each term). */
  clocks: FollowerClock[];
  /** Per model replica: whether it fetched in the current term (a leader knows its LEO only then). */
  fetched: boolean[];
  /** Per model replica: its leader-epoch cache (LG-11), kept beside the log the model already has. */
  epochCaches: EpochCache[];
  /** Per model replica: the HW last written to its broker's replication-offset-checkpoint. */
  checkpointedHighWatermark: number[];
  /** Per model replica: what its last power loss took (appended, never fsynced); a disk may keep a prefix. */
  lostTails: (readonly Entry[])[];
  /** Per model replica: stopped since it was last opened, so it recovers its log when opened next. */
  recovering: boolean[];
  /** Per model replica: when its log was last flushed with something to flush, or opened (log-flusher.ts). */
  lastFlush: FlushMark[];
  /** Replaced leaders that have not heard it (by model replica), with the term they still lead. */
  zombies: Map<number, LeaderTerm>;
}

export interface TopicModel {
  readonly name: string;
  readonly replicationFactor: number;
  readonly settings: ReplicationSettings;
  readonly partitions: PartitionModel[];
}

export interface BrokerModel {
  readonly id: number;
  running: boolean;
  /** Fenced by the controller (failed, or silent past broker.session.timeout.ms). */
  fenced: boolean;
  /** Last time the controller heard from it (housekeeping ticks while reachable). */
  lastContactMs: number;
  /** Its broker epoch: bumped each time the process starts and registers anew (KRaft's broker epoch). */
  epoch: number;
  /**
   * Restarted while the controller still held its previous process's session (RP-25): the new
   * process's registration is refused (DuplicateBrokerRegistrationException) and it sends no
   * heartbeats, until that session expires and the controller fences the broker.
   */
  awaitingRegistration: boolean;
}

/** A produce with acks=all appended and waiting for the HW (DelayedProduce). */
export interface WaitingProduce {
  readonly request: number;
  readonly producer: string;
  readonly topic: string;
  readonly partition: number;
  readonly values: readonly string[];
  readonly acks: number;
  /** The broker that appended it (it answers, or the client sees the connection drop). */
  readonly broker: number;
  readonly baseOffset: number;
  readonly lastOffset: number;
  readonly deadlineMs: number;
}

export interface World {
  nowMs: number;
  brokers: BrokerModel[];
  topics: Map<string, TopicModel>;
  /** Node sets cut off from every node not in them (spec/events.ts network-partition). */
  isolations: Set<string>[];
  waiting: WaitingProduce[];
  /** Set within a replicate round that lets the ISR expiration run before completions (RP-10). */
  completionsHeld?: boolean;
  values: ValueTable;
  /** Observations released by the current event (late answers included). */
  outbox: Observation[];
  /** The system's picks where the rule book leaves a choice open, adopted for the current event. */
  choices: Choices;
  /** Elections in the current event: the brokers each could have picked (for adopt). */
  elections: Map<string, number[]>;
  readonly config: WorldConfig;
}

/** Cluster-wide settings the data plane reads (topic settings live on each topic). */
export interface WorldConfig {
  readonly replicaLagTimeMaxMs: number;
  /** Producer request.timeout.ms: how long an acks=all produce may wait (DelayedProduce). */
  readonly produceTimeoutMs: number;
  /** broker.session.timeout.ms: a broker the controller cannot hear from this long is fenced. */
  readonly brokerSessionTimeoutMs: number;
  /** Answers a client fetch without maxRecords with at most this many records (max.poll.records). */
  readonly defaultMaxRecords: number;
  /** log.flush.scheduler.interval.ms: the log flusher's period (INT_MAX: it never runs). */
  readonly logFlushSchedulerIntervalMs: number;
  /** log.initial.task.delay.ms: from a broker process's start to its log flusher's first run. */
  readonly logInitialTaskDelayMs: number;
  /** kspec.producer.version: the Produce version producers send (leader hints from v10, RP-28). */
  readonly produceVersion: number;
}

export const brokerNode = (id: number): string => `broker:${id}`;
export const clientNode = (name: string): string => `client:${name}`;
export const CONTROLLER = 'controller';

/** Whether two nodes can talk: no cut has one inside and the other outside. */
export function connected(world: World, a: string, b: string): boolean {
  if (a === b) return true;
  return world.isolations.every((set) => set.has(a) === set.has(b));
}

export function controllerReaches(world: World, broker: number): boolean {
  return world.brokers[broker]!.running && connected(world, CONTROLLER, brokerNode(broker));
}

/** Every partition, topics by name then index (the controller's order). */
export function allPartitions(world: World): PartitionModel[] {
  return [...world.topics.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((topic) => topic.partitions);
}

export function findPartition(world: World, topic: string, partition: number): PartitionModel | undefined {
  return world.topics.get(topic)?.partitions[partition];
}

/** Open choices the oracle takes from the system (see adopt.ts), by partition key `topic-partition`. */
export interface Choices {
  /** Replica placement of new partitions. */
  readonly placements: Map<string, number[]>;
  /** The broker an election in this event picks (RP-12, RP-13). */
  readonly leaders: Map<string, number>;
  /** The order followers fetch in during a replicate round (broker ids). */
  readonly fetchOrders: Map<string, number[]>;
  /** The log length a broker recovers after a power loss, by `topic-partition@broker` (LG-8). */
  readonly recoveredLengths: Map<string, number>;
  /** The ISR (broker ids) a partition ends the event with, where lag-out timing differed (RP-6). */
  readonly isrAfter: Map<string, number[]>;
}

export const partitionKey = (p: { readonly topic: string; readonly partition: number }): string =>
  `${p.topic}-${p.partition}`;

export function noChoices(): Choices {
  return {
    placements: new Map(),
    leaders: new Map(),
    fetchOrders: new Map(),
    recoveredLengths: new Map(),
    isrAfter: new Map(),
  };
}

/** A copy deep enough that applying an event to it leaves `world` as it was (states are immutable). */
export function cloneWorld(world: World): World {
  const topics = new Map<string, TopicModel>();
  for (const [name, topic] of world.topics)
    topics.set(name, {
      ...topic,
      partitions: topic.partitions.map((p) => ({
        ...p,
        brokers: [...p.brokers],
        views: [...p.views],
        clocks: [...p.clocks],
        fetched: [...p.fetched],
        epochCaches: [...p.epochCaches],
        checkpointedHighWatermark: [...p.checkpointedHighWatermark],
        lostTails: [...p.lostTails],
        recovering: [...p.recovering],
        lastFlush: [...p.lastFlush],
        zombies: new Map([...p.zombies].map(([index, term]) => [index, copyTerm(term)])),
      })),
    });
  return {
    ...world,
    brokers: world.brokers.map((b) => ({ ...b })),
    topics,
    isolations: world.isolations.map((set) => new Set(set)),
    waiting: [...world.waiting],
    outbox: [...world.outbox],
    choices: noChoices(),
    elections: new Map(world.elections),
  };
}
