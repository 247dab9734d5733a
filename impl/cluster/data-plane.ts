// The data path of the cluster: Produce (acks 0/1/all with min.insync.replicas and the purgatory),
// Fetch and ListOffsets for clients, follower fetches (replicate), and ISR shrink/expand through the
// controller. Network checks happen here: a request that cannot reach its broker fails with
// NETWORK_EXCEPTION, as a dropped connection does.

import type { ErrorName } from '../../spec/errors.ts';
import type { ReplicateRoundOptions } from '../../spec/events.ts';
import { produceRecordsError } from '../log/batch/produce-records.ts';
import type { LogPartitionStore } from '../replication/log-store.ts';
import type { PartitionReplica } from '../replication/partition-replica.ts';
import { ProducePurgatory } from '../replication/produce-purgatory.ts';
import { brokerNode } from '../sim/network.ts';
import type { ClusterCore } from './cluster-core.ts';
import {
  type FetchAnswer,
  type FetchBatchesAnswer,
  type FetchBatchesRequest,
  type FetchRequest,
  type ListOffsetsAnswer,
  type ListOffsetsRequest,
  noListedOffset,
  type ProduceAnswer,
  type ProduceRequest,
} from './requests.ts';

/** replica.fetch.max.bytes default. */
const REPLICA_FETCH_MAX_BYTES = 1_048_576;
const DEFAULT_MAX_RECORDS = 500;

/** What a follower's request carries when the run chose it (RP-26). */
interface ChosenFetch {
  readonly offset?: number;
  readonly epoch?: number;
}

export class DataPlane {
  readonly purgatory = new ProducePurgatory();
  /** Set within a replicate round that lets the ISR expiration run before completions (RP-10). */
  private completionsHeld = false;

  private readonly fetchOrderRandom;

  constructor(private readonly cluster: ClusterCore) {
    this.fetchOrderRandom = cluster.random.derive('fetch-order');
  }

  /** The leader replica on `brokerId` reachable from `from`, or the error a client would see. */
  private reach(
    from: string,
    brokerId: number,
    topic: string,
    partition: number,
  ): PartitionReplica | ErrorName {
    const broker = this.cluster.brokers[brokerId];
    if (!broker?.running || !this.cluster.network.deliver(from, brokerNode(brokerId)).delivered)
      return 'NETWORK_EXCEPTION';
    if (!this.cluster.controller.partition(topic, partition)) return 'UNKNOWN_TOPIC_OR_PARTITION';
    const replica = broker.replica(topic, partition);
    if (replica?.role !== 'leader') return 'NOT_LEADER_OR_FOLLOWER';
    return replica;
  }

  produce(brokerId: number, request: ProduceRequest, deliver: (answer: ProduceAnswer) => void): void {
    // The answer travels back over the network: lost (dropped, or the client is cut off by then),
    // the client sees NETWORK_EXCEPTION although the write may have happened.
    const done = (answer: ProduceAnswer) => {
      const back = this.cluster.network.deliver(brokerNode(brokerId), request.from);
      deliver(back.delivered ? answer : { error: 'NETWORK_EXCEPTION', baseOffset: -1, logStartOffset: -1 });
    };
    const refuse = (error: ErrorName, logStartOffset = -1) => done({ error, baseOffset: -1, logStartOffset });
    if (request.acks !== -1 && request.acks !== 0 && request.acks !== 1) {
      refuse('INVALID_REQUIRED_ACKS');
      return;
    }
    const replica = this.reach(request.from, brokerId, request.topic, request.partition);
    // LG-1: the request's own check of the records comes before leadership (KafkaApis).
    if (replica !== 'NETWORK_EXCEPTION' && replica !== 'UNKNOWN_TOPIC_OR_PARTITION') {
      const invalid = produceRecordsError(request.records);
      if (invalid) {
        refuse(invalid);
        return;
      }
    }
    if (typeof replica === 'string') {
      refuse(replica);
      return;
    }
    const outcome = replica.appendAsLeader(request.records, request.acks);
    const logStartOffset = replica.store.logStartOffset();
    if (!('baseOffset' in outcome)) {
      refuse(outcome.error, logStartOffset);
      return;
    }
    if (request.acks !== -1) {
      this.checkPurgatory(); // the append may have moved the HW (a single-replica ISR)
      done({ error: 'NONE', baseOffset: outcome.baseOffset, logStartOffset });
      return;
    }
    const deadlineMs = this.cluster.now() + (request.timeoutMs ?? this.cluster.config.produceTimeoutMs);
    this.purgatory.add({
      broker: brokerId,
      topic: request.topic,
      partition: request.partition,
      baseOffset: outcome.baseOffset,
      lastOffset: outcome.lastOffset,
      deadlineMs,
      complete: (error, baseOffset) => done({ error, baseOffset, logStartOffset }),
    });
    this.cluster.scheduler.schedule(deadlineMs, 'produce-timeout', () => this.checkPurgatory());
    this.checkPurgatory();
  }

  /** Completes waiting acks=all produces whose fate is known. */
  checkPurgatory(): void {
    if (this.purgatory.size() === 0 || this.completionsHeld) return;
    // Every check walks every waiting produce; one replica lookup per partition, not per produce
    // (the lookup builds a string key: it was a quarter of kspec broker's CPU under kgo's ETL test).
    const replicas: Map<string, (PartitionReplica | undefined)[]>[] = [];
    const replicaOf = (broker: number, topic: string, partition: number) => {
      const byTopic = replicas[broker] ?? new Map<string, (PartitionReplica | undefined)[]>();
      replicas[broker] = byTopic;
      let byPartition = byTopic.get(topic);
      if (!byPartition) {
        byPartition = [];
        byTopic.set(topic, byPartition);
      }
      if (!(partition in byPartition))
        byPartition[partition] = this.cluster.brokers[broker]!.replica(topic, partition);
      return byPartition[partition];
    };
    this.purgatory.check(this.cluster.now(), (entry) => {
      const broker = this.cluster.brokers[entry.broker]!;
      if (!broker.running) return 'NETWORK_EXCEPTION';
      const replica = replicaOf(entry.broker, entry.topic, entry.partition);
      if (!replica) return 'NOT_LEADER_OR_FOLLOWER';
      return replica.produceCompletion(entry.lastOffset);
    });
  }

  /**
   * RP-22: every partition error, OFFSET_OUT_OF_RANGE included, answers HW -1 and log start -1
   * (ReplicaManager.readFromLog: `new LogReadResult(Errors)`).
   */
  fetch(brokerId: number, request: FetchRequest): FetchAnswer {
    const failed = (error: ErrorName): FetchAnswer => ({
      error,
      highWatermark: -1,
      logStartOffset: -1,
      records: [],
    });
    const replica = this.reach(request.from, brokerId, request.topic, request.partition);
    if (typeof replica === 'string') return failed(replica);
    if (request.currentLeaderEpoch !== undefined && request.currentLeaderEpoch >= 0) {
      if (request.currentLeaderEpoch < replica.leaderEpoch) return failed('FENCED_LEADER_EPOCH');
      if (request.currentLeaderEpoch > replica.leaderEpoch) return failed('UNKNOWN_LEADER_EPOCH');
    }
    const read = replica.readForConsumer(request.offset, request.maxRecords ?? DEFAULT_MAX_RECORDS);
    if (read.error !== 'NONE') return failed(read.error);
    const answer = { highWatermark: replica.highWatermark, logStartOffset: replica.store.logStartOffset() };
    return { error: 'NONE', ...answer, records: read.records };
  }

  /**
   * Fetch for the wire server: whole record batches below the HW as bytes (the copy path) and the
   * file slices they come from (the sendfile path, real storage only). Fencing as in fetch().
   */
  fetchBatches(brokerId: number, request: FetchBatchesRequest): FetchBatchesAnswer {
    const replica = this.reach(request.from, brokerId, request.topic, request.partition);
    const none = { highWatermark: -1, logStartOffset: -1, records: Buffer.alloc(0), slices: [] };
    if (typeof replica === 'string') return { error: replica, ...none };
    if (
      request.currentLeaderEpoch !== undefined &&
      request.currentLeaderEpoch >= 0 &&
      request.currentLeaderEpoch !== replica.leaderEpoch
    )
      return {
        error:
          request.currentLeaderEpoch < replica.leaderEpoch ? 'FENCED_LEADER_EPOCH' : 'UNKNOWN_LEADER_EPOCH',
        ...none,
      };
    const log = (replica.store as LogPartitionStore).log;
    const read = log.read(request.offset, request.maxBytes, replica.highWatermark);
    if ('error' in read) return { error: 'OFFSET_OUT_OF_RANGE', ...none }; // RP-22
    const answer = { highWatermark: replica.highWatermark, logStartOffset: replica.store.logStartOffset() };
    return { error: 'NONE', ...answer, records: log.readBytes(read), slices: read.slices };
  }

  /**
   * A consumer's ListOffsets (RP-24, LG-7), as Partition.fetchOffsetForTimestamp answers it: earliest
   * the log start offset; latest the HW (the last stable offset too: no transactions), or
   * OFFSET_NOT_AVAILABLE while the HW lags the start offset of the leader's epoch (KIP-207); by
   * timestamp the first record at or above it, seen only below the HW, and past it a lagging HW is
   * the error again (the holder's maybeOffsetsError), else no offset. Before v5 the error is
   * LEADER_NOT_AVAILABLE (KafkaApis: OffsetNotAvailableException by request version).
   */
  listOffsets(brokerId: number, request: ListOffsetsRequest): ListOffsetsAnswer {
    const answer = this.listOffsetsAtLatestVersion(brokerId, request);
    return answer.error === 'OFFSET_NOT_AVAILABLE' && (request.version ?? 5) < 5
      ? { ...answer, error: 'LEADER_NOT_AVAILABLE' }
      : answer;
  }

  private listOffsetsAtLatestVersion(brokerId: number, request: ListOffsetsRequest): ListOffsetsAnswer {
    const replica = this.reach(request.from, brokerId, request.topic, request.partition);
    if (typeof replica === 'string') return noListedOffset(replica);
    const log = (replica.store as LogPartitionStore).log;
    const found = (offset: number, timestamp = -1): ListOffsetsAnswer => ({
      error: 'NONE',
      offset,
      timestamp,
      leaderEpoch: log.epochForOffset(offset),
    });
    if (request.timestamp === -2) return found(replica.store.logStartOffset());
    const lagging = replica.leaderEpochStartOffset > replica.highWatermark;
    if (request.timestamp === -1)
      return lagging
        ? noListedOffset('OFFSET_NOT_AVAILABLE')
        : { error: 'NONE', offset: replica.highWatermark, timestamp: -1, leaderEpoch: replica.leaderEpoch };
    const record = log.offsetForTimestamp(request.timestamp);
    if (record && record.offset < replica.highWatermark) return found(record.offset, record.timestamp);
    return noListedOffset(lagging ? 'OFFSET_NOT_AVAILABLE' : 'NONE');
  }

  /**
   * Every follower of the selected partitions (or only `options.follower`) fetches once from the
   * leader it knows: the only way replication advances in a simulation.
   */
  replicate(topic?: string, partition?: number, options: ReplicateRoundOptions = {}): void {
    const selected = this.cluster.controller
      .allPartitions()
      .filter(
        (meta) =>
          (topic === undefined || meta.topic === topic) &&
          (partition === undefined || meta.partition === partition),
      );
    const chosen: ChosenFetch =
      topic !== undefined && partition !== undefined && options.follower !== undefined
        ? { offset: options.fetchOffset, epoch: options.lastFetchedEpoch }
        : {};
    // RP-10's race: Kafka's fetch thread completes waiting produces after it moved the HW, outside
    // the partition lock (Partition.tryCompleteDelayedRequests); the isr-expiration thread may run
    // in between. Holding completions until after the expiration arranges that.
    this.completionsHeld = options.expireIsrBeforeCompletion === true;
    try {
      for (const meta of selected) {
        // Kafka's fetcher threads race; here the order of the followers' fetches comes from the seed.
        for (const brokerId of this.fetchOrder(meta.replicas))
          if (options.follower === undefined || brokerId === options.follower)
            this.followerFetch(brokerId, meta.topic, meta.partition, chosen);
      }
      if (options.expireIsrBeforeCompletion)
        this.shrinkIsrs((replica) =>
          selected.some((m) => m.topic === replica.topic && m.partition === replica.partition),
        );
    } finally {
      this.completionsHeld = false;
    }
    this.checkPurgatory();
  }

  /**
   * `rounds` rounds in which every follower of each listed partition fetches once (in the seeded
   * order, as replicate does), then one check of the waiting produces: the realtime driver's
   * catch-up after appends. replicate(topic, partition) per partition would look the partition up
   * among all of them and walk every waiting produce once per partition and round.
   */
  replicatePartitions(partitions: readonly { topic: string; partition: number }[], rounds: number): void {
    for (let round = 0; round < rounds; round++)
      for (const { topic, partition } of partitions) {
        const meta = this.cluster.controller.partition(topic, partition);
        if (!meta) continue;
        for (const brokerId of this.fetchOrder(meta.replicas)) this.followerFetch(brokerId, topic, partition);
      }
    this.checkPurgatory();
  }

  private fetchOrder(replicas: readonly number[]): number[] {
    const order = [...replicas];
    for (let i = order.length - 1; i > 0; i--) {
      const j = this.fetchOrderRandom.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order;
  }

  private followerFetch(brokerId: number, topic: string, partition: number, chosen: ChosenFetch = {}): void {
    const follower = this.cluster.brokers[brokerId]!;
    const replica = follower.replica(topic, partition);
    if (!follower.running || !replica || replica.role !== 'follower' || replica.leader === null) return;
    const leaderBroker = this.cluster.brokers[replica.leader];
    if (
      !leaderBroker?.running ||
      !this.cluster.network.deliver(brokerNode(brokerId), brokerNode(leaderBroker.id)).delivered
    )
      return;
    const leader = leaderBroker.replica(topic, partition);
    if (!leader) return;
    const fetchOffset = chosen.offset ?? replica.logEndOffset();
    const lastFetchedEpoch = chosen.epoch ?? replica.lastFetchedEpoch();
    const { response, proposeIsr } = leader.handleReplicaFetch(
      brokerId,
      fetchOffset,
      lastFetchedEpoch,
      replica.leaderEpoch,
      this.cluster.now(),
      REPLICA_FETCH_MAX_BYTES,
      follower.epoch,
    );
    if (proposeIsr) this.alterIsr(leader, proposeIsr);
    // RP-26: the leader handled whatever it got; the fetcher uses an answer only to the request its
    // own fetch state sent (AbstractFetcherThread.processFetchRequest), with its LEO and latest epoch.
    if (fetchOffset !== replica.logEndOffset() || lastFetchedEpoch !== replica.lastFetchedEpoch()) return;
    if (response.error === 'OFFSET_OUT_OF_RANGE') replica.handleOutOfRange(leader.logEndOffset());
    else replica.applyFetchResponse(response);
  }

  /** The ISR expiration task: leaders propose dropping followers that lag too long. */
  shrinkIsrs(only: (replica: PartitionReplica) => boolean = () => true): void {
    for (const broker of this.cluster.brokers) {
      if (!broker.running) continue;
      for (const replica of broker.hostedReplicas()) {
        if (!only(replica)) continue;
        const proposal = replica.proposeShrink(
          this.cluster.now(),
          (follower) => this.canFetchFrom(follower, broker.id),
          (follower) =>
            this.cluster.brokers[follower]?.replica(replica.topic, replica.partition)?.logEndOffset(),
        );
        if (proposal) this.alterIsr(replica, proposal);
      }
    }
    this.checkPurgatory();
  }

  /** Whether `follower` is running and connected to `leader` (so its fetcher keeps fetching). */
  private canFetchFrom(follower: number, leader: number): boolean {
    return (
      (this.cluster.brokers[follower]?.running ?? false) &&
      this.cluster.network.connected(brokerNode(follower), brokerNode(leader))
    );
  }

  /** AlterPartition: reaches the controller only if the leader can; applied when accepted. */
  private alterIsr(leader: PartitionReplica, isr: readonly number[]): void {
    if (!this.cluster.controllerReaches(leader.broker)) return;
    const result = this.cluster.controller.alterIsr(
      leader.topic,
      leader.partition,
      leader.broker,
      leader.leaderEpoch,
      isr,
    );
    if (result.error === 'NONE' && result.partition) this.cluster.propagate([result.partition]);
  }
}
