// The client's transport over the Kafka wire protocol to any Kafka-protocol cluster: coordinator
// lookup (FindCoordinator, looked up again after NOT_COORDINATOR and friends), partition leaders from
// Metadata, Produce, Fetch, ListOffsets, CreateTopics, CreatePartitions and DescribeConfigs, each endpoint on its own
// connections (target.ts). Real time: answers come when the cluster sends them, so the adapter
// waits for the requests in flight (`settle`) before it reports an event's observations.

import type { CoordinatorResponse } from '../../../impl/coordinator/messages.ts';
import { buildRecordBatch } from '../../../impl/log/batch/build.ts';
import type { Config } from '../../../spec/config.ts';
import type { ErrorName } from '../../../spec/errors.ts';
import { topicConfigSent } from '../../../spec/topic-config-sent.ts';
import { batchFor } from '../malformed-batch.ts';
import {
  ADMIN,
  type ClientTransport,
  type Endpoint,
  type FetchOutcome,
  type ListedOffset,
  type ListOffsetsCall,
  type Route,
  type TopicConfigsAnswer,
} from '../transport.ts';
import { errorName, errorsOf, failedResponse, typedResponse, wireCall } from './coordinator-wire.ts';
import { describeReplicas, type ReplicaView } from './describe-replicas.ts';
import { describeTopicConfigs } from './describe-topic-configs.ts';
import { fetchedRecords } from './fetched-records.ts';
import { type Address, type KafkaTarget, UnsupportedApiError } from './target.ts';

// biome-ignore lint/suspicious/noExplicitAny: decoded wire answers, read field by field
type Answer = any;

/** Produce's timeoutMs against a real-time cluster: short, so a run stays quick. */
const PRODUCE_TIMEOUT_MS = 5000;
const MAX_FETCH_BYTES = 4 * 1024 * 1024;
/** Errors after which a client looks its coordinator up again. */
const COORDINATOR_MOVED: readonly ErrorName[] = [
  'NOT_COORDINATOR',
  'COORDINATOR_NOT_AVAILABLE',
  'NETWORK_EXCEPTION',
];
/** Errors after which a client refreshes its partition leaders. */
const LEADER_MOVED: readonly ErrorName[] = [
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'NETWORK_EXCEPTION',
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The connection a request of `from` travels on. */
function laneOf(from: Endpoint): string {
  if (from.client === ADMIN.client) return 'admin';
  switch (from.lane) {
    case 'main':
      return from.client;
    case 'heartbeat':
      return `${from.client}-aux`;
    case 'fetch':
      return `fetch-${from.client}`;
    case 'produce':
      return `producer-${from.client}`;
  }
}

export class WireTransport implements ClientTransport {
  /** The run's clock: the sum of advance-time events (drives auto commit), not the wall clock. */
  nowMs = 0;
  /**
   * Where the run's clock starts on the system's own clock: record timestamps and ListOffsets
   * targets are sent shifted by it, and found timestamps come back shifted back, so a broker
   * whose clock is the wall clock sees records of its own present (retention.ms and
   * message.timestamp.after.max.ms measure from it) while lookups find the same offsets.
   */
  timestampOriginMs = 0;
  /** Partition counts of the run's topics (cluster names). */
  private readonly topics = new Map<string, number>();
  private readonly leaders = new Map<string, number>();
  private readonly coordinators = new Map<string, Address>();
  /** Requests in flight; JoinGroup and SyncGroup may stay parked until other members act. */
  private readonly inflight = new Map<Promise<void>, { parkable: boolean }>();
  /** Why a request of the current event could not be made (no version both sides speak). */
  private unsupported: string | undefined;

  constructor(
    readonly target: KafkaTarget,
    private readonly config: Config,
    /** Produce's timeoutMs; a simulated cluster judged by the model takes the producer default (30 s). */
    private readonly produceTimeoutMs = PRODUCE_TIMEOUT_MS,
    /**
     * A broker takes a connection's requests one at a time, so a request behind a parked one (a
     * second acks=all produce, a commit behind a parked JoinGroup) waits for it. With `spread`, a
     * request whose lane is busy goes on another connection of the same client instead: requests
     * then never queue behind each other, as in the in-process transport and the model.
     */
    private readonly spread = false,
  ) {}

  /** Lanes with a request in flight (only with `spread`), and every lane each base lane used. */
  private readonly busyLanes = new Set<string>();
  private readonly lanesUsed = new Map<string, Set<string>>();

  /** Runs `work` on `from`'s lane, or with `spread` on a free connection of the same client. */
  private async onLane<T>(from: Endpoint, work: (lane: string) => Promise<T>): Promise<T> {
    const base = laneOf(from);
    if (!this.spread) return work(base);
    let lane = base;
    for (let n = 1; this.busyLanes.has(lane); n++) lane = `${base}#${n}`;
    this.busyLanes.add(lane);
    const used = this.lanesUsed.get(base) ?? new Set<string>();
    this.lanesUsed.set(base, used.add(lane));
    try {
      return await work(lane);
    } finally {
      this.busyLanes.delete(lane);
    }
  }

  now(): number {
    return this.nowMs;
  }

  private track(work: Promise<void>, parkable: boolean): void {
    this.inflight.set(work, { parkable });
    void work.finally(() => this.inflight.delete(work));
  }

  /**
   * Waits for the requests in flight: all that cannot park, and parked ones for at most
   * `parkWaitMs` (answered during a later event if not now).
   */
  async settle(parkWaitMs: number): Promise<void> {
    const firm = [...this.inflight].filter(([, { parkable }]) => !parkable).map(([work]) => work);
    await Promise.allSettled(firm);
    const parked = [...this.inflight.keys()];
    if (parked.length > 0) await Promise.race([Promise.allSettled(parked), sleep(parkWaitMs)]);
  }

  /** The reason a request of the last event found no version both sides speak, once. */
  takeUnsupported(): string | undefined {
    const reason = this.unsupported;
    this.unsupported = undefined;
    return reason;
  }

  private async coordinator(group: string): Promise<Address | ErrorName> {
    const known = this.coordinators.get(group);
    if (known) return known;
    const answer = (await this.target.requestAnyBroker('admin', 'FindCoordinator', 3, {
      key: group,
      keyType: 0,
    })) as Answer;
    if (answer.errorCode !== 0) return errorName(answer.errorCode);
    const address = { host: answer.host, port: answer.port };
    this.coordinators.set(group, address);
    return address;
  }

  send: ClientTransport['send'] = (from, request, respond) => {
    const parkable = request.api === 'JoinGroup' || request.api === 'SyncGroup';
    const work = this.exchange(from, request)
      .then((response) => respond(response))
      .catch((error: Error) => this.noteUnsupported(error));
    this.track(work, parkable);
  };

  async call(from: Endpoint, request: Parameters<ClientTransport['call']>[1]) {
    return this.exchange(from, request).catch((error: Error) => this.noteUnsupported(error));
  }

  /** A request no version of which both sides speak is reported as `unsupported`, not answered. */
  private noteUnsupported(error: Error): undefined {
    if (!(error instanceof UnsupportedApiError)) throw error;
    this.unsupported = error.message;
    return undefined;
  }

  private async exchange(
    from: Endpoint,
    request: Parameters<ClientTransport['call']>[1],
  ): Promise<CoordinatorResponse> {
    const distinct = request.api === 'DeleteGroups' ? [...new Set(request.groupIds)] : [];
    if (request.api === 'DeleteGroups' && distinct.length > 1) {
      // Groups live on different coordinators: one DeleteGroups per group, as an admin client
      // sends one per coordinator; each group's result stands on its own (GC-38).
      const answers = await Promise.all(
        distinct.map((groupId) => this.exchange(from, { ...request, groupIds: [groupId] })),
      );
      return {
        api: 'DeleteGroups',
        results: answers.flatMap((answer) => (answer.api === 'DeleteGroups' ? answer.results : [])),
      };
    }
    const group =
      request.api === 'DescribeGroups' || request.api === 'DeleteGroups'
        ? (request.groupIds[0] ?? '')
        : request.api === 'ListGroups'
          ? ''
          : request.groupId;
    const coordinator = await this.coordinator(group).catch(() => 'COORDINATOR_NOT_AVAILABLE' as ErrorName);
    if (typeof coordinator === 'string') return failedResponse(request, coordinator);
    const call = wireCall(request);
    try {
      const answer = await this.onLane(from, (lane) =>
        this.target.request(
          coordinator,
          lane,
          call.api,
          call.cap,
          call.body as never,
          call.timeoutMs ? { timeoutMs: call.timeoutMs } : {},
        ),
      );
      const response = typedResponse(request, answer);
      if (errorsOf(response).some((e) => COORDINATOR_MOVED.includes(e))) this.coordinators.delete(group);
      return response;
    } catch (error) {
      if (error instanceof UnsupportedApiError) throw error;
      this.coordinators.delete(group);
      return failedResponse(request, 'NETWORK_EXCEPTION');
    }
  }

  partitions(topic: string): number {
    return this.topics.get(topic) ?? 0;
  }

  /** Metadata for `topics` (every topic when null): brokers' addresses and partition leaders. */
  private async refreshMetadata(topics: readonly string[] | null): Promise<{ controllerId: number }> {
    const answer = (await this.target.requestAnyBroker('admin', 'Metadata', 9, {
      topics: topics === null ? null : topics.map((name) => ({ name })),
      allowAutoTopicCreation: false,
    })) as Answer;
    for (const broker of answer.brokers)
      this.target.nodes.set(broker.nodeId, { host: broker.host, port: broker.port });
    for (const topic of answer.topics)
      for (const partition of topic.partitions)
        this.leaders.set(`${topic.name}/${partition.partitionIndex}`, partition.leaderId);
    return { controllerId: answer.controllerId ?? -1 };
  }

  /** Leaders, replicas and ISRs of the run's topics and of `extra` (cluster names), as reported now. */
  describeReplicas(extra: readonly string[] = []): Promise<ReplicaView[]> {
    return describeReplicas(this.target, [...this.topics.keys(), ...extra]);
  }

  private forgetLeaders(): void {
    this.leaders.clear();
  }

  /** Forgets every leader (after a fault the adapter injected). */
  faultInjected(): void {
    this.forgetLeaders();
  }

  async route(_from: Endpoint, topic: string, partition: number): Promise<Route> {
    const key = `${topic}/${partition}`;
    let reachable = true;
    if (!this.leaders.has(key)) await this.refreshMetadata([topic]).catch(() => (reachable = false));
    const id = this.leaders.get(key);
    return {
      exists: partition < this.partitions(topic),
      leader: id === undefined || id < 0 || !this.target.nodes.has(id) ? undefined : id,
      reachable,
    };
  }

  private address(leader: number): Address {
    return this.target.nodes.get(leader)!;
  }

  produce: ClientTransport['produce'] = (from, leader, call, respond) => {
    const records = batchFor(
      call,
      buildRecordBatch(
        call.values.map((value, i) => ({ value, timestamp: this.timestampOriginMs + call.timestamps[i]! })),
        call.idempotence ?? {},
      ),
    );
    const body = {
      transactionalId: null,
      acks: call.acks,
      timeoutMs: this.produceTimeoutMs,
      topicData: [{ name: call.topic, partitionData: [{ index: call.partition, records }] }],
    };
    const work = (async () => {
      let answer: Answer;
      try {
        answer = await this.onLane(from, (lane) =>
          this.target.request(this.address(leader), lane, 'Produce', call.version, body as never, {
            minimum: 3,
            ...(call.acks === 0 ? { expectResponse: false } : {}),
          }),
        );
      } catch (error) {
        if (error instanceof UnsupportedApiError) throw error;
        this.forgetLeaders();
        respond({ error: 'NETWORK_EXCEPTION', baseOffset: -1 });
        return;
      }
      if (call.acks === 0) return;
      const partition = answer.responses?.[0]?.partitionResponses?.[0];
      const error = partition ? errorName(partition.errorCode) : 'UNKNOWN_SERVER_ERROR';
      if (LEADER_MOVED.includes(error)) this.forgetLeaders();
      // KIP-951 (v10+): a tagged field, absent (leader -1) when the broker names no leader.
      const hint = partition?.currentLeader as { leaderId: number; leaderEpoch: number } | undefined;
      respond({
        error,
        baseOffset: error === 'NONE' ? Number(partition.baseOffset) : -1,
        ...(hint && hint.leaderId >= 0
          ? { currentLeader: { leaderId: hint.leaderId, leaderEpoch: hint.leaderEpoch } }
          : {}),
      });
    })().catch((error: Error) => this.noteUnsupported(error));
    this.track(work, false);
  };

  async fetch(
    from: Endpoint,
    leader: number | 'any',
    call: { topic: string; partition: number; offset: number; maxRecords: number },
  ): Promise<FetchOutcome> {
    const none = { highWatermark: -1, logStartOffset: -1, records: [] };
    let answer: Answer;
    try {
      answer = await this.onLane(from, (lane) => {
        const body = {
          replicaId: -1,
          maxWaitMs: 0,
          minBytes: 0,
          maxBytes: MAX_FETCH_BYTES,
          isolationLevel: 0,
          topics: [
            {
              topic: call.topic,
              partitions: [
                { partition: call.partition, fetchOffset: call.offset, partitionMaxBytes: MAX_FETCH_BYTES },
              ],
            },
          ],
        } as never;
        return leader === 'any'
          ? this.target.requestAnyBroker(lane, 'Fetch', 12, body)
          : this.target.request(this.address(leader), lane, 'Fetch', 12, body);
      });
    } catch (error) {
      if (error instanceof UnsupportedApiError) throw error;
      this.forgetLeaders();
      return { error: 'NETWORK_EXCEPTION', ...none };
    }
    const p = answer.responses?.[0]?.partitions?.[0];
    if (!p) return { error: 'UNKNOWN_SERVER_ERROR', ...none };
    const error = errorName(p.errorCode);
    if (LEADER_MOVED.includes(error)) this.forgetLeaders();
    const fetched =
      error === 'NONE' && p.records && p.records.length > 0
        ? fetchedRecords(
            Buffer.isBuffer(p.records) ? p.records : Buffer.from(p.records),
            call.offset,
            call.maxRecords,
          )
        : [];
    const records = fetched === 'corrupt' ? [] : fetched;
    return {
      error: fetched === 'corrupt' ? 'CORRUPT_MESSAGE' : error,
      highWatermark: Number(p.highWatermark),
      logStartOffset: Number(p.logStartOffset ?? -1),
      records,
    };
  }

  async listOffsets(from: Endpoint, leader: number, call: ListOffsetsCall): Promise<ListedOffset> {
    const failed = (error: ErrorName): ListedOffset => ({ error, offset: -1, timestamp: -1 });
    const timestamp = call.timestamp >= 0 ? this.timestampOriginMs + call.timestamp : call.timestamp;
    try {
      const answer: Answer = await this.onLane(from, (lane) =>
        this.target.request(
          this.address(leader),
          lane,
          'ListOffsets',
          call.version,
          {
            replicaId: -1,
            // READ_COMMITTED (1) asks for the last stable offset (ListOffsets v2+).
            isolationLevel: call.isolation === 'read_committed' ? 1 : 0,
            topics: [
              {
                name: call.topic,
                partitions: [{ partitionIndex: call.partition, timestamp }],
              },
            ],
          } as never,
          // v0 is sent only for earliest and latest (listOffsetsVersion), which v1 answers alike:
          // a target that no longer serves v0 (Kafka 4, KIP-896) is asked at its lowest version.
          { raiseToTargetMinimum: true },
        ),
      );
      const p = answer.topics?.[0]?.partitions?.[0];
      if (!p) return failed('UNKNOWN_SERVER_ERROR');
      const found = Number(p.timestamp);
      // v0 lists the offset (none: not found); v1+ has its own field (the list is not encoded).
      const listed = p.oldStyleOffsets as readonly (number | bigint)[] | undefined;
      return {
        error: errorName(p.errorCode),
        offset: listed && listed.length > 0 ? Number(listed[0]) : Number(p.offset),
        timestamp: found >= 0 ? found - this.timestampOriginMs : found,
      };
    } catch (error) {
      if (error instanceof UnsupportedApiError) throw error;
      return failed('NETWORK_EXCEPTION');
    }
  }

  private async controller(): Promise<Address> {
    const { controllerId } = await this.refreshMetadata(null).catch(() => ({ controllerId: -1 }));
    return this.target.nodes.get(controllerId) ?? this.target.preferred();
  }

  /** Waits (bounded) until every partition of `topic` has a leader, so the first produce finds one. */
  private async awaitLeaders(topic: string, partitions: number): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      this.forgetLeaders();
      let ready = true;
      for (let p = 0; p < partitions && ready; p++)
        ready = (await this.route(ADMIN, topic, p)).leader !== undefined;
      if (ready) return;
      await sleep(100);
    }
  }

  /** Auto-creation through Metadata; records the partition count the target chose. */
  private async autoCreate(topic: string): Promise<ErrorName> {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const answer: Answer = await this.target.requestAnyBroker(
          'admin',
          'Metadata',
          9,
          { topics: [{ name: topic }], allowAutoTopicCreation: true } as never,
          { minimum: 4 },
        );
        const found = answer.topics?.find((t: { name: string }) => t.name === topic);
        if (found && found.errorCode === 0 && found.partitions.length > 0) {
          this.topics.set(topic, found.partitions.length);
          return 'NONE';
        }
      } catch (error) {
        if (error instanceof UnsupportedApiError) return 'UNSUPPORTED_VERSION';
      }
      await sleep(100);
    }
    return 'REQUEST_TIMED_OUT';
  }

  async createTopic(
    topic: string,
    partitions: number,
    replicationFactor: number,
    config: Readonly<Record<string, string | number | boolean>>,
  ): Promise<ErrorName> {
    // A real cluster has its own defaults: the run's pinned settings go with every topic.
    const configs = Object.entries(topicConfigSent(this.config, config)).map(([name, value]) => ({
      name,
      value: String(value),
    }));
    let error: ErrorName;
    try {
      const answer: Answer = await this.target.request(await this.controller(), 'admin', 'CreateTopics', 6, {
        topics: [{ name: topic, numPartitions: partitions, replicationFactor, assignments: [], configs }],
        timeoutMs: 10000,
        validateOnly: false,
      } as never);
      error = errorName(answer.topics?.[0]?.errorCode ?? -1);
    } catch (e) {
      // No CreateTopics (librdkafka's mock cluster): create it the way a client's first Metadata
      // request does, by auto-creation, with the target's default partition count and replication.
      error = e instanceof UnsupportedApiError ? await this.autoCreate(topic) : 'NETWORK_EXCEPTION';
    }
    if (error === 'NONE') {
      if (!this.topics.has(topic)) this.topics.set(topic, partitions);
      await this.awaitLeaders(topic, this.topics.get(topic)!);
    }
    return error;
  }

  async createPartitions(topic: string, count: number, validateOnly: boolean): Promise<ErrorName> {
    let error: ErrorName;
    try {
      const answer: Answer = await this.target.request(
        await this.controller(),
        'admin',
        'CreatePartitions',
        3,
        {
          topics: [{ name: topic, count, assignments: null }],
          timeoutMs: 10000,
          validateOnly,
        } as never,
      );
      error = errorName(answer.results?.[0]?.errorCode ?? -1);
    } catch (e) {
      error = e instanceof UnsupportedApiError ? 'UNSUPPORTED_VERSION' : 'NETWORK_EXCEPTION';
    }
    if (error === 'NONE' && !validateOnly) {
      this.topics.set(topic, count);
      await this.awaitLeaders(topic, count);
    }
    return error;
  }

  describeTopicConfigs(topic: string): Promise<TopicConfigsAnswer> {
    return describeTopicConfigs(this.target, topic);
  }

  async disconnect(client: string): Promise<void> {
    for (const lane of ['main', 'heartbeat', 'fetch', 'produce'] as const) {
      const base = laneOf({ client, lane });
      for (const used of this.lanesUsed.get(base) ?? [base]) await this.target.closeLane(used);
      await this.target.closeLane(base);
    }
  }
}
