// The group coordinator hosted on __consumer_offsets (impl/coordinator): each running broker has a
// GroupCoordinator; the leader of an offsets partition loads it through an OffsetsPartitionStore
// on its replica and resigns when leadership moves. Group requests are routed like a client does:
// FindCoordinator on a reachable broker, then the request to that coordinator.
//
// Replication of __consumer_offsets: Kafka's fetchers replicate it continuously; here followers of
// an offsets partition fetch right after each coordinator append (unless the network or a failure
// prevents it), so commits complete without `replicate` events while faults still bite.

import { offsetsPartitionFor } from '../../spec/java-hash.ts';
import type { PartitionMetadata } from '../controller/metadata.ts';
import { coordinatorConfigFrom } from '../coordinator/coordinator-config.ts';
import { deleteGroupsError, GroupCoordinator, groupRequestError } from '../coordinator/group-coordinator.ts';
import { mergeOffsetDeleteResponse } from '../coordinator/handle-offset-delete.ts';
import type {
  AddressedResponse,
  CoordinatorRequest,
  CoordinatorResponse,
  DeleteGroupsRequest,
  DeleteGroupsResponse,
  GroupRequest,
  OffsetDeleteRequest,
  OffsetDeleteResponse,
} from '../coordinator/messages.ts';
import type {
  AppendOutcome,
  CoordinatorRecord,
  OffsetsPartitionStore,
  ReadOutcome,
} from '../coordinator/runtime.ts';
import { buildRecordBatch } from '../log/batch/index.ts';
import type { TimerHandle } from '../sim/scheduler.ts';
import type { ClusterCore } from './cluster-core.ts';
import type { DataPlane } from './data-plane.ts';

export const OFFSETS_TOPIC = '__consumer_offsets';
/**
 * The log settings Kafka gives __consumer_offsets when it creates it
 * (GroupCoordinatorService.groupMetadataTopicConfigs): compacted, never deleted by time or size,
 * so a group's last GroupMetadata record and its offsets stay however old they are;
 * segment.bytes is offsets.topic.segment.bytes (default 100 MiB).
 */
export const OFFSETS_TOPIC_LOG_CONFIG = {
  'cleanup.policy': 'compact',
  'segment.bytes': 104_857_600,
} as const;
const EAGER_REPLICATION_ROUNDS = 3;

export class GroupHosting {
  private readonly coordinators = new Map<number, GroupCoordinator>();
  private readonly loaded = new Map<number, Set<number>>();
  private readonly pending = new Map<number, (response: CoordinatorResponse) => void>();
  private readonly timers = new Map<number, TimerHandle>();
  private nextRequestId = 1;
  private readonly config;

  constructor(private readonly cluster: ClusterCore & { readonly data: DataPlane }) {
    this.config = coordinatorConfigFrom(cluster.config.raw);
    cluster.onPartitionChange((partition) => this.partitionChanged(partition));
    cluster.onBrokerStop((broker) => this.brokerStopped(broker));
  }

  coordinatorOf(broker: number): GroupCoordinator {
    let coordinator = this.coordinators.get(broker);
    if (!coordinator) {
      coordinator = new GroupCoordinator({
        config: this.config,
        seed: this.cluster.random.derive(`coordinator-${broker}-${this.cluster.now()}`).seed,
        host: { respond: (answer) => this.deliver(answer) },
        // An append that completes after its request (a follower of the offsets partition caught up
        // later) must start the members' sessions at that time, not at the coordinator's last tick.
        clock: () => this.cluster.now(),
      });
      this.coordinators.set(broker, coordinator);
      this.loaded.set(broker, new Set());
    }
    return coordinator;
  }

  private deliver(answer: AddressedResponse): void {
    const callback = this.pending.get(answer.requestId);
    if (!callback) return;
    this.pending.delete(answer.requestId);
    callback(answer.response);
  }

  /** A broker process stopped: its coordinator and everything it held in memory are gone. */
  private brokerStopped(broker: number): void {
    const coordinator = this.coordinators.get(broker);
    if (coordinator) for (const partition of this.loaded.get(broker) ?? []) coordinator.resign(partition);
    this.coordinators.delete(broker);
    this.loaded.delete(broker);
    this.cluster.scheduler.cancel(this.timers.get(broker));
    this.timers.delete(broker);
  }

  /** Loads or resigns offsets partitions as their leadership moves. */
  private partitionChanged(meta: PartitionMetadata): void {
    if (meta.topic !== OFFSETS_TOPIC) return;
    for (const broker of this.cluster.brokers) {
      if (!broker.running) continue;
      const replica = broker.replica(OFFSETS_TOPIC, meta.partition);
      const leads = replica?.role === 'leader';
      const loaded = this.loaded.get(broker.id)?.has(meta.partition) ?? false;
      if (
        leads &&
        (!loaded || replica.leaderEpoch !== this.loadedEpoch.get(`${broker.id}/${meta.partition}`))
      ) {
        this.coordinatorOf(broker.id).becomeLeader(
          this.storeFor(broker.id, meta.partition),
          this.cluster.now(),
        );
        this.loaded.get(broker.id)!.add(meta.partition);
        this.loadedEpoch.set(`${broker.id}/${meta.partition}`, replica.leaderEpoch);
      } else if (!leads && loaded) {
        this.coordinatorOf(broker.id).resign(meta.partition);
        this.loaded.get(broker.id)!.delete(meta.partition);
      }
      this.scheduleTick(broker.id);
    }
  }
  private readonly loadedEpoch = new Map<string, number>();

  private storeFor(brokerId: number, partition: number): OffsetsPartitionStore {
    const cluster = this.cluster;
    return {
      partition,
      append: (records: readonly CoordinatorRecord[], done: (outcome: AppendOutcome) => void) => {
        const batch = buildRecordBatch(
          records.map((r) => ({
            key: Buffer.from(r.key),
            value: r.value === null ? null : Buffer.from(r.value),
            timestamp: cluster.now(),
          })),
        );
        cluster.data.produce(
          brokerId,
          { from: `broker:${brokerId}`, topic: OFFSETS_TOPIC, partition, acks: -1, records: batch },
          (answer) =>
            done(
              answer.error === 'NONE'
                ? { ok: true, baseOffset: answer.baseOffset }
                : { ok: false, error: answer.error },
            ),
        );
        for (let round = 0; round < EAGER_REPLICATION_ROUNDS; round++)
          cluster.data.replicate(OFFSETS_TOPIC, partition);
      },
      readAll: (done: (outcome: ReadOutcome) => void) => {
        const replica = cluster.broker(brokerId).replica(OFFSETS_TOPIC, partition);
        if (!replica) return done({ ok: false, error: 'NOT_LEADER_OR_FOLLOWER' });
        const stored = replica.store.readRecords(
          replica.store.logStartOffset(),
          replica.logEndOffset(),
          Number.MAX_SAFE_INTEGER,
        );
        done({
          ok: true,
          records: stored.map((r) => ({
            key: new Uint8Array(r.key ?? Buffer.alloc(0)),
            value: r.value ? new Uint8Array(r.value) : null,
          })),
        });
      },
    };
  }

  /** Fires the coordinator's timers at its next deadline (session, join, sync, retention). */
  private scheduleTick(brokerId: number): void {
    const coordinator = this.coordinators.get(brokerId);
    this.cluster.scheduler.cancel(this.timers.get(brokerId));
    this.timers.delete(brokerId);
    const deadline = coordinator?.nextDeadlineMs();
    if (deadline === null || deadline === undefined) return;
    const handle = this.cluster.scheduler.schedule(
      Math.max(deadline, this.cluster.now()),
      `coordinator-${brokerId}`,
      () => {
        this.timers.delete(brokerId);
        if (!this.cluster.broker(brokerId).running) return;
        coordinator!.tick(this.cluster.now());
        this.scheduleTick(brokerId);
      },
    );
    this.timers.set(brokerId, handle);
  }

  /** Creates __consumer_offsets on first use, as FindCoordinator does. */
  private ensureOffsetsTopic(): void {
    if (this.cluster.controller.topic(OFFSETS_TOPIC)) return;
    const alive = this.cluster.brokers.filter((b) => this.cluster.controller.isAlive(b.id)).length;
    const replicationFactor = Math.min(this.cluster.config.offsetsTopicReplicationFactor, alive);
    if (replicationFactor < 1) return;
    this.cluster.createTopic(
      OFFSETS_TOPIC,
      this.cluster.config.offsetsTopicPartitions,
      replicationFactor,
      {},
      OFFSETS_TOPIC_LOG_CONFIG,
    );
  }

  /**
   * FindCoordinator from `from`: the first running broker it reaches answers with the leader of the
   * group's offsets partition as it knows it. Undefined: COORDINATOR_NOT_AVAILABLE.
   */
  findCoordinator(from: string, groupId: string): number | undefined {
    this.ensureOffsetsTopic();
    const partition = offsetsPartitionFor(groupId, this.cluster.config.offsetsTopicPartitions);
    for (const broker of this.cluster.brokers) {
      if (!broker.running || !this.cluster.network.connected(from, `broker:${broker.id}`)) continue;
      const leader = broker.view(OFFSETS_TOPIC, partition)?.leader;
      return leader === null || leader === undefined ? undefined : leader;
    }
    return undefined;
  }

  /**
   * Sends a group request from `from`; `respond` gets the answer (now, or later for parked
   * JoinGroup/SyncGroup). The request's own requestId is replaced by a cluster-wide one.
   */
  send(from: string, request: CoordinatorRequest, respond: (response: CoordinatorResponse) => void): void {
    if (request.api === 'DeleteGroups') this.sendDeleteGroups(from, request, respond);
    else if (request.api === 'OffsetDelete') this.sendOffsetDelete(from, request, respond);
    else this.route(from, request, respond);
  }

  /**
   * GC-38: GroupCoordinatorService.deleteGroups splits the (distinct) ids by __consumer_offsets
   * partition and runs one operation per partition; the results are joined, partition by partition.
   */
  private sendDeleteGroups(
    from: string,
    request: DeleteGroupsRequest,
    respond: (response: CoordinatorResponse) => void,
  ): void {
    const byPartition = new Map<number, string[]>();
    for (const groupId of new Set(request.groupIds)) {
      const partition = offsetsPartitionFor(groupId, this.cluster.config.offsetsTopicPartitions);
      byPartition.set(partition, [...(byPartition.get(partition) ?? []), groupId]);
    }
    const parts = [...byPartition.values()];
    const answers: DeleteGroupsResponse['results'][] = parts.map(() => []);
    let waiting = parts.length;
    if (waiting === 0) {
      respond({ api: 'DeleteGroups', results: [] });
      return;
    }
    for (const [index, groupIds] of parts.entries()) {
      this.route(from, { ...request, groupIds }, (response) => {
        answers[index] = (response as DeleteGroupsResponse).results;
        waiting -= 1;
        if (waiting === 0) respond({ api: 'DeleteGroups', results: answers.flat() });
      });
    }
  }

  /**
   * OC-21: the request layer (KafkaApis.handleOffsetDeleteRequest) answers partitions its metadata
   * does not have UNKNOWN_TOPIC_OR_PARTITION and sends the coordinator the rest; the two answers are
   * merged (OffsetDeleteResponse.Builder.merge).
   */
  private sendOffsetDelete(
    from: string,
    request: OffsetDeleteRequest,
    respond: (response: CoordinatorResponse) => void,
  ): void {
    const known: { name: string; partitionIndexes: number[] }[] = [];
    const unknown: { name: string; partitionIndexes: number[] }[] = [];
    for (const topic of request.topics) {
      const partitions = this.cluster.controller.topic(topic.name)?.partitions.length;
      if (partitions === undefined) {
        unknown.push({ name: topic.name, partitionIndexes: [...topic.partitionIndexes] });
        continue;
      }
      const valid = topic.partitionIndexes.filter((index) => index >= 0 && index < partitions);
      const invalid = topic.partitionIndexes.filter((index) => !(index >= 0 && index < partitions));
      if (invalid.length > 0) unknown.push({ name: topic.name, partitionIndexes: invalid });
      if (valid.length > 0) known.push({ name: topic.name, partitionIndexes: valid });
    }
    this.route(from, { ...request, topics: known }, (response) =>
      respond(mergeOffsetDeleteResponse(unknown, response as OffsetDeleteResponse)),
    );
  }

  private route(
    from: string,
    request: CoordinatorRequest,
    respond: (response: CoordinatorResponse) => void,
  ): void {
    const requestId = this.nextRequestId++;
    const routed = { ...request, requestId } as CoordinatorRequest;
    const groupId =
      routed.api === 'DescribeGroups' || routed.api === 'DeleteGroups'
        ? (routed.groupIds[0] ?? '')
        : routed.api === 'ListGroups'
          ? ''
          : routed.groupId;
    const target = this.findCoordinator(from, groupId);
    const reachable =
      target !== undefined &&
      this.cluster.broker(target).running &&
      this.cluster.network.connected(from, `broker:${target}`);
    if (!reachable) {
      if (routed.api === 'DescribeGroups' || routed.api === 'ListGroups' || routed.api === 'DeleteGroups')
        respond(coordinatorUnavailable(routed));
      else respond(groupRequestError(routed as GroupRequest, 'COORDINATOR_NOT_AVAILABLE').response);
      return;
    }
    this.pending.set(requestId, respond);
    this.coordinatorOf(target).handle(routed, this.cluster.now());
    this.scheduleTick(target);
  }

  /** The loaded state of an offsets partition on `broker`, without creating a coordinator. */
  shardState(broker: number, partition: number) {
    return this.coordinators.get(broker)?.shardState(partition) ?? null;
  }

  /** The loaded coordinator state of a group (for inspection), from the broker leading its partition. */
  shardFor(groupId: string) {
    const partition = offsetsPartitionFor(groupId, this.cluster.config.offsetsTopicPartitions);
    const leader = this.cluster.controller.partition(OFFSETS_TOPIC, partition)?.leader;
    if (leader === null || leader === undefined) return null;
    return this.coordinators.get(leader)?.shardState(partition) ?? null;
  }
}

function coordinatorUnavailable(request: CoordinatorRequest): CoordinatorResponse {
  if (request.api === 'ListGroups')
    return { api: 'ListGroups', error: 'COORDINATOR_NOT_AVAILABLE', groups: [] };
  if (request.api === 'DeleteGroups') return deleteGroupsError(request, 'COORDINATOR_NOT_AVAILABLE').response;
  if (request.api !== 'DescribeGroups') throw new Error('not an admin group request');
  return {
    api: 'DescribeGroups',
    groups: request.groupIds.map((groupId) => ({
      error: 'COORDINATOR_NOT_AVAILABLE',
      groupId,
      groupState: '',
      protocolType: '',
      protocolData: '',
      members: [],
    })),
  };
}
