// The cluster controller (a KRaft quorum reduced to one always-available node): topic creation
// with replica placement, CreatePartitions, broker liveness (fencing on failure, unfencing on
// restart), leader election, and ISR changes proposed by leaders (AlterPartition). Every method
// returns the partitions it changed; the cluster pushes them to the brokers.
import type { ErrorName } from '../../spec/errors.ts';
import { mutant } from '../mutants/index.ts';
import type { SeededRandom } from '../sim/random.ts';
import { electLeader, isrWithout } from './election.ts';
import type { PartitionMetadata, TopicMetadata, TopicSettings } from './metadata.ts';
import { assignReplicas } from './placement.ts';

export type ElectionKind = 'clean' | 'unclean' | 'none';

export interface ControllerEvent {
  readonly kind: 'leader-change' | 'isr-change' | 'partition-created';
  readonly partition: PartitionMetadata;
  readonly election?: ElectionKind;
}

export class Controller {
  private readonly brokers = new Map<number, { alive: boolean }>();
  private readonly topics = new Map<string, TopicMetadata>();
  /** Every change, in order (bounded), for inspection and tests. */
  readonly history: ControllerEvent[] = [];

  constructor(
    brokerIds: readonly number[],
    private readonly random: SeededRandom,
  ) {
    for (const id of brokerIds) this.brokers.set(id, { alive: true });
  }

  isAlive(broker: number): boolean {
    return this.brokers.get(broker)?.alive ?? false;
  }
  brokerIds(): number[] {
    return [...this.brokers.keys()].sort((a, b) => a - b);
  }
  topic(name: string): TopicMetadata | undefined {
    return this.topics.get(name);
  }
  allTopics(): TopicMetadata[] {
    return [...this.topics.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  partition(topic: string, partition: number): PartitionMetadata | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }
  /** Every partition, topics by name then index (cached: replication walks it on every event). */
  allPartitions(): readonly PartitionMetadata[] {
    this.partitionList ??= this.allTopics().flatMap((t) => t.partitions);
    return this.partitionList;
  }
  private partitionList: PartitionMetadata[] | undefined;

  createTopic(
    name: string,
    partitions: number,
    replicationFactor: number,
    settings: TopicSettings,
  ): { error: ErrorName; message?: string; changed: PartitionMetadata[] } {
    if (this.topics.has(name))
      return { error: 'TOPIC_ALREADY_EXISTS', message: `Topic '${name}' already exists.`, changed: [] };
    if (partitions < 1)
      return {
        error: 'INVALID_PARTITIONS',
        message: 'Number of partitions must be larger than 0.',
        changed: [],
      };
    const alive = this.brokerIds().filter((b) => this.isAlive(b));
    if (replicationFactor < 1 || replicationFactor > alive.length)
      return {
        error: 'INVALID_REPLICATION_FACTOR',
        message: `Replication factor: ${replicationFactor} larger than available brokers: ${alive.length}.`,
        changed: [],
      };
    const topic: TopicMetadata = { name, settings, partitions: [] };
    this.topics.set(name, topic);
    const changed = this.addPartitions(topic, alive, partitions, replicationFactor);
    return { error: 'NONE', changed };
  }

  /**
   * CreatePartitions: grow `name` to `total` partitions with the topic's replication factor.
   * validateOnly answers as the request would be answered and changes nothing (RP-1).
   */
  createPartitions(
    name: string,
    total: number,
    validateOnly = false,
  ): { error: ErrorName; message?: string; changed: PartitionMetadata[] } {
    const topic = this.topics.get(name);
    if (!topic)
      return { error: 'UNKNOWN_TOPIC_OR_PARTITION', message: `Topic '${name}' does not exist.`, changed: [] };
    const current = topic.partitions.length;
    if (total <= current)
      return {
        error: 'INVALID_PARTITIONS',
        message: `Topic currently has ${current} partitions, which is higher than the requested ${total}.`,
        changed: [],
      };
    const alive = this.brokerIds().filter((b) => this.isAlive(b));
    const replicationFactor = topic.partitions[0]!.replicas.length;
    if (replicationFactor > alive.length)
      return {
        error: 'INVALID_REPLICATION_FACTOR',
        message: `Replication factor ${replicationFactor} exceeds alive brokers.`,
        changed: [],
      };
    if (validateOnly) return { error: 'NONE', changed: [] };
    return { error: 'NONE', changed: this.addPartitions(topic, alive, total - current, replicationFactor) };
  }

  private addPartitions(
    topic: TopicMetadata,
    alive: number[],
    count: number,
    replicationFactor: number,
  ): PartitionMetadata[] {
    const assignment = assignReplicas({
      brokers: alive,
      partitions: count,
      replicationFactor,
      firstPartition: topic.partitions.length,
      start: this.random.int(alive.length),
      shift: this.random.int(alive.length),
    });
    this.partitionList = undefined;
    return assignment.map((replicas) => {
      const partition: PartitionMetadata = {
        topic: topic.name,
        partition: topic.partitions.length,
        replicas,
        leader: replicas[0]!,
        leaderEpoch: 0,
        isr: [...replicas],
        partitionEpoch: 0,
      };
      topic.partitions.push(partition);
      this.record({ kind: 'partition-created', partition });
      return partition;
    });
  }

  /** A broker is fenced (failed or shut down): out of every ISR, and its leaderships re-elected. */
  brokerFenced(broker: number): PartitionMetadata[] {
    const state = this.brokers.get(broker);
    if (!state) throw new Error(`unknown broker ${broker}`);
    state.alive = false;
    const changed: PartitionMetadata[] = [];
    for (const partition of this.allPartitions()) {
      if (!partition.replicas.includes(broker)) continue;
      const isr = isrWithout(partition.isr, broker);
      if (partition.leader === broker) {
        this.elect(partition, isr);
        changed.push(partition);
      } else if (isr !== partition.isr) {
        this.setIsr(partition, isr);
        changed.push(partition);
      }
    }
    return changed;
  }

  /** A broker registers again after a restart: leaderless partitions it can lead get a leader. */
  brokerUnfenced(broker: number): PartitionMetadata[] {
    const state = this.brokers.get(broker);
    if (!state) throw new Error(`unknown broker ${broker}`);
    state.alive = true;
    const changed: PartitionMetadata[] = [];
    for (const partition of this.allPartitions()) {
      if (!partition.replicas.includes(broker)) continue;
      if (partition.leader === null) this.electIfPossible(partition);
      changed.push(partition); // the broker must learn its role either way
    }
    return changed;
  }

  /**
   * AlterPartition from a leader: accepted only from the current leader at the current leader
   * epoch, with an ISR made of alive replicas that still contains the leader.
   */
  alterIsr(
    topic: string,
    index: number,
    leader: number,
    leaderEpoch: number,
    isr: readonly number[],
  ): { error: ErrorName; partition?: PartitionMetadata } {
    const partition = this.partition(topic, index);
    if (!partition) return { error: 'UNKNOWN_TOPIC_OR_PARTITION' };
    if (partition.leader !== leader) return { error: 'NOT_LEADER_OR_FOLLOWER' };
    if (leaderEpoch < partition.leaderEpoch) return { error: 'FENCED_LEADER_EPOCH' };
    if (!isr.includes(leader) || isr.some((b) => !partition.replicas.includes(b)))
      return { error: 'INVALID_REQUEST' };
    // A fenced broker cannot be added back (KRaft: INELIGIBLE_REPLICA); a leader may still drop it.
    if (isr.some((b) => !partition.isr.includes(b) && !this.isAlive(b))) return { error: 'INVALID_REQUEST' };
    this.setIsr(
      partition,
      partition.replicas.filter((b) => isr.includes(b)),
    );
    return { error: 'NONE', partition };
  }

  /** Elects a leader for a leaderless partition when someone is electable (KRaft retries on unfence). */
  electIfPossible(partition: PartitionMetadata): boolean {
    const topic = this.topics.get(partition.topic)!;
    const possible = electLeader({
      replicas: partition.replicas,
      isr: partition.isr,
      alive: (b) => this.isAlive(b),
      uncleanAllowed: topic.settings.uncleanLeaderElection,
    });
    if (possible.kind === 'none') return false;
    this.elect(partition, partition.isr);
    return true;
  }

  private elect(partition: PartitionMetadata, isr: readonly number[]): ElectionKind {
    const topic = this.topics.get(partition.topic)!;
    const result = electLeader({
      replicas: partition.replicas,
      isr,
      alive: (b) => this.isAlive(b),
      uncleanAllowed: topic.settings.uncleanLeaderElection,
    });
    const wasLeaderless = partition.leader === null;
    if (result.kind === 'none') {
      partition.leader = null;
      partition.isr = isr;
    } else {
      partition.leader = result.leader;
      partition.isr = result.isr;
    }
    if (!(wasLeaderless && result.kind === 'none') && !mutant('leader-epoch-not-bumped'))
      partition.leaderEpoch++;
    partition.partitionEpoch++;
    this.record({ kind: 'leader-change', partition, election: result.kind });
    return result.kind;
  }

  private setIsr(partition: PartitionMetadata, isr: readonly number[]): void {
    partition.isr = [...isr];
    partition.partitionEpoch++;
    this.record({ kind: 'isr-change', partition });
  }

  private record(event: ControllerEvent): void {
    if (this.history.length < 100_000) this.history.push({ ...event, partition: { ...event.partition } });
  }
}
