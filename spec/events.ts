// Events: everything a run can do to a system. A run is a list of events; the system answers each
// with observations (spec/observations.ts). Client events are protocol-level requests (so a run can
// send a stale generation on purpose) plus a few consumer-level steps (poll, process, commit of the
// consumed positions) that follow the Java consumer's semantics.
import { type Static, Type } from '@sinclair/typebox';
import {
  BrokerId,
  ClientName,
  Closed,
  DurationMs,
  Generation,
  GroupId,
  HEX_BYTES_PATTERN,
  InstanceId,
  Literal,
  MemberRef,
  Offset,
  PartitionIndex,
  TopicName,
  TopicPartition,
  TopicPartitions,
  Values,
} from './common.ts';
import { MALFORMED_BATCHES } from './malformed-batches.ts';

const SettingValue = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

// ---- group membership (protocol level) ----

export const JoinEvent = Closed(
  {
    type: Literal('join'),
    client: ClientName,
    group: GroupId,
    member: MemberRef,
    instanceId: InstanceId,
    /** The assignors this member supports, best first, each with the topics it subscribes to. */
    protocols: Type.Array(Closed({ name: Type.String({ minLength: 1 }), topics: Type.Array(TopicName) }), {
      minItems: 1,
      maxItems: 8,
    }),
    sessionTimeoutMs: DurationMs,
    rebalanceTimeoutMs: DurationMs,
    /** JoinGroup request version; v4+ makes a new member ask again with its id (MEMBER_ID_REQUIRED). */
    version: Type.Optional(Type.Integer({ minimum: 0, maximum: 9 })),
  },
  'JoinGroup: the answer may be parked until the join phase completes.',
);

export const SyncEvent = Closed(
  {
    type: Literal('sync'),
    client: ClientName,
    group: GroupId,
    generation: Generation,
    member: MemberRef,
    instanceId: InstanceId,
    /**
     * The leader's plan, by client name. When absent, a leader computes the plan itself with the
     * group's selected assignor over the members of its last JoinGroup answer; a follower sends none.
     */
    assignments: Type.Optional(
      Type.Array(Closed({ client: ClientName, partitions: Type.Array(TopicPartitions) })),
    ),
  },
  'SyncGroup: a follower is parked until the leader sends the plan.',
);

export const HeartbeatEvent = Closed({
  type: Literal('heartbeat'),
  client: ClientName,
  group: GroupId,
  generation: Generation,
  member: MemberRef,
  instanceId: InstanceId,
});

export const LeaveEvent = Closed({
  type: Literal('leave'),
  client: ClientName,
  group: GroupId,
  member: MemberRef,
  instanceId: InstanceId,
  /** LeaveGroup version (0-5); absent: 3. Before v3 the member id is the request's own field and no instance id can be sent. */
  version: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
});

/** The consumer process dies: no LeaveGroup is sent and its local state (positions, unprocessed records) is gone. */
export const ConsumerCrashEvent = Closed({ type: Literal('consumer-crash'), client: ClientName });

export const DescribeGroupEvent = Closed({ type: Literal('describe-group'), group: GroupId });

// ---- offsets ----

export const CommitEvent = Closed(
  {
    type: Literal('commit'),
    client: ClientName,
    group: GroupId,
    generation: Generation,
    member: MemberRef,
    instanceId: InstanceId,
    /** OffsetCommit version (Kafka 4.4 serves 2-9); absent: 9. Before v9 a missing group is ILLEGAL_GENERATION (OC-1). */
    version: Type.Optional(Type.Integer({ minimum: 2, maximum: 9 })),
    offsets: Type.Array(
      Closed({
        topic: TopicName,
        partition: PartitionIndex,
        offset: Offset,
        metadata: Type.Optional(Type.String()),
      }),
      { minItems: 1 },
    ),
  },
  'OffsetCommit with explicit generation, member and offsets.',
);

export const OffsetFetchEvent = Closed({
  type: Literal('offset-fetch'),
  client: ClientName,
  group: GroupId,
  /** Absent: every partition the group has committed. */
  partitions: Type.Optional(Type.Array(TopicPartition)),
});

/**
 * DeleteGroups (an admin's request, e.g. kafka-consumer-groups --delete): each group is deleted
 * with its offsets when it is Empty (SPEC.md GC-36); the answer is one result per distinct group id.
 */
export const DeleteGroupsEvent = Closed(
  {
    type: Literal('delete-groups'),
    client: ClientName,
    groups: Type.Array(GroupId, { minItems: 1, maxItems: 16 }),
  },
  'DeleteGroups: deletes Empty groups with their committed offsets.',
);

/**
 * OffsetDelete (kafka-consumer-groups --delete-offsets): deletes a group's committed offsets of
 * topics its members are not subscribed to (SPEC.md OC-11, OC-12).
 */
export const OffsetDeleteEvent = Closed(
  {
    type: Literal('offset-delete'),
    client: ClientName,
    group: GroupId,
    topics: Type.Array(TopicPartitions, { minItems: 1, maxItems: 16 }),
  },
  'OffsetDelete: deletes committed offsets of topics the group is not subscribed to.',
);

// ---- consumer level ----

export const PollEvent = Closed(
  {
    type: Literal('poll'),
    client: ClientName,
    group: GroupId,
    maxRecords: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  },
  'KafkaConsumer.poll on the assigned partitions: positions from committed offsets or auto.offset.reset; ' +
    'with enable.auto.commit, first commits the positions of the previous poll once auto.commit.interval.ms passed.',
);

/** The application finishes processing every record this client's polls returned so far. */
export const ProcessEvent = Closed({ type: Literal('process'), client: ClientName });

export const ConsumerCommitEvent = Closed(
  {
    type: Literal('consumer-commit'),
    client: ClientName,
    group: GroupId,
    mode: Type.Union([Literal('sync'), Literal('async')]),
  },
  "commitSync()/commitAsync() of the consumer's current positions with its generation and member id.",
);

/** A raw Fetch of one partition from its leader (what a checker uses to read the log). */
export const FetchEvent = Closed({
  type: Literal('fetch'),
  client: ClientName,
  topic: TopicName,
  partition: PartitionIndex,
  offset: Offset,
  maxRecords: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});

/**
 * ListOffsets for one partition from the leader the client's metadata names, as a consumer sends it
 * (replica id -1) to find where auto.offset.reset or seekToBeginning/seekToEnd starts.
 */
export const ListOffsetsEvent = Closed(
  {
    type: Literal('list-offsets'),
    client: ClientName,
    topic: TopicName,
    partition: PartitionIndex,
    /**
     * earliest: timestamp -2, the log start offset; latest: timestamp -1, the last offset the
     * isolation level may read; timestamp: a lookup by `timestamp` (LG-7).
     */
    position: Type.Union([Literal('earliest'), Literal('latest'), Literal('timestamp')]),
    /**
     * With position `timestamp`: the target in ms on the run's clock (as produce's `timestamps`);
     * the answer is the first offset whose record timestamp is at or above it. Absent there: 0.
     */
    timestamp: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    /** read_uncommitted (the default): latest is the high watermark; read_committed: the last stable offset. */
    isolation: Type.Optional(Type.Union([Literal('read_uncommitted'), Literal('read_committed')])),
    /**
     * The ListOffsets version the client sends (0-6); absent: 6. A lookup by timestamp goes at v1 or
     * above and read_committed at v2 or above, as the Java consumer asks for them, so a lower version
     * is raised to that floor (spec/timestamps.ts listOffsetsVersion). Before v5 an
     * OFFSET_NOT_AVAILABLE is answered LEADER_NOT_AVAILABLE; v0 lists the offset in its own field.
     */
    version: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 })),
  },
  'ListOffsets (earliest, latest or by timestamp) at an isolation level and a version (SPEC.md RP-24, LG-7).',
);

// ---- producer ----

export const ProduceEvent = Closed(
  {
    type: Literal('produce'),
    producer: ClientName,
    topic: TopicName,
    partition: PartitionIndex,
    values: Values,
    /**
     * Each value's CreateTime in ms on the run's clock (a real system's adapter adds its own
     * origin, so a lookup by timestamp finds the same offsets); a retry sends the same. Absent,
     * or for values past its end: the run's clock when the produce is sent, as KafkaProducer stamps a
     * record without a timestamp.
     */
    timestamps: Type.Optional(
      Type.Array(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }), { maxItems: 1000 }),
    ),
    /** -1 is acks=all; any other value than -1, 0, 1 must be answered INVALID_REQUIRED_ACKS. */
    acks: Type.Integer({ minimum: -32768, maximum: 32767 }),
    /**
     * An idempotent producer's batch header (SPEC.md IP-1..IP-6): its producer id, epoch and the
     * sequence of the first value (the values take baseSequence, baseSequence + 1, ...). A retry
     * sends the same three and the same values. Absent: a plain batch (producer id -1).
     */
    idempotence: Type.Optional(
      Closed({
        producerId: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
        producerEpoch: Type.Integer({ minimum: 0, maximum: 32767 }),
        baseSequence: Type.Integer({ minimum: 0, maximum: 2147483647 }),
      }),
    ),
    /**
     * The batch the client built, made malformed by one edit before it is sent
     * (spec/malformed-batches.ts, LG-1): the broker refuses it with the error Kafka 4.4 gives and
     * stores nothing, or stores it when the edit keeps it valid. Absent: the batch as built.
     */
    malformed: Type.Optional(Type.Union(MALFORMED_BATCHES.map((kind) => Type.Literal(kind)))),
    /**
     * The batch's records section (the bytes after its 61-byte header) as these bytes, in hex, in
     * place of the one built from `values`: the header (a record count of one per value) kept, the
     * batch length and checksum recomputed (LG-1). The broker reads them as Kafka's DefaultRecord
     * does (spec/record-section.ts): it refuses the batch when they do not parse, else stores what
     * they read as. Absent: the section as built.
     */
    records: Type.Optional(Type.String({ pattern: HEX_BYTES_PATTERN, maxLength: 8192 })),
  },
  'One Produce attempt (one record batch); acks=0 gets no answer, acks=-1 is answered once the high watermark covers it.',
);

// ---- cluster ----

/**
 * Kafka's MAX_PARTITIONS_PER_BATCH: a CreateTopics asking for more partitions than this in one
 * request, or a CreatePartitions adding more, is refused whole with POLICY_VIOLATION before any
 * other check (RP-1; ReplicationControlManager.validateTotalNumberOfPartitions).
 */
export const MAX_NEW_PARTITIONS_PER_REQUEST = 10_000;

const PartitionCount = Type.Integer({ minimum: 1, maximum: 2147483647 });

export const CreateTopicEvent = Closed({
  type: Literal('create-topic'),
  topic: TopicName,
  /** More than MAX_NEW_PARTITIONS_PER_REQUEST is refused POLICY_VIOLATION. */
  partitions: PartitionCount,
  replicationFactor: Type.Integer({ minimum: 1, maximum: 99 }),
  /**
   * The topic's own settings. The admin client sends the run's `min.insync.replicas` and
   * `unclean.leader.election.enable` with them (spec/topic-config-sent.ts), so the topic has those
   * as its own too (DescribeConfigs source `topic`, RP-27).
   */
  config: Type.Optional(Type.Record(Type.String(), SettingValue)),
});

/**
 * The name of the topic Kafka's group coordinator creates at the first FindCoordinator. A contract
 * event names it as is: it is the cluster's, not the run's, so no run prefix applies to it.
 */
export const OFFSETS_TOPIC = '__consumer_offsets';

/**
 * DescribeConfigs of one topic resource, all keys, no synonyms, no documentation: what
 * `kafka-topics --describe` and Admin.describeConfigs send (RP-27). The topic may be one the run
 * created, one it never created, `__consumer_offsets` (OFFSETS_TOPIC) or a name Kafka refuses
 * (`.`, `..`).
 */
export const DescribeConfigsEvent = Closed(
  { type: Literal('describe-configs'), topic: TopicName },
  "An admin's DescribeConfigs of one topic: its settings, each with its value and where it comes from.",
);

/** CreatePartitions: grow a topic to `partitions` in total; groups subscribed to it must rebalance onto them. */
export const PartitionChangeEvent = Closed({
  type: Literal('partition-change'),
  topic: TopicName,
  /** Adding more than MAX_NEW_PARTITIONS_PER_REQUEST is refused POLICY_VIOLATION. */
  partitions: PartitionCount,
  /**
   * CreatePartitions' validate_only: answered as the same request would be, and nothing changes
   * (no partition is added, no group rebalances). Absent: false.
   */
  validateOnly: Type.Optional(Type.Boolean()),
});

export const BrokerFailureKind = Type.Union([
  Literal('clean-shutdown'),
  Literal('process-crash'),
  Literal('power-loss'),
  Literal('disk-loss'),
]);

/**
 * clean-shutdown: flushes, hands leadership over, then stops; process-crash: stops at once, written
 * bytes survive (page cache); power-loss: bytes after the last fsync vanish and the last write may be
 * torn; disk-loss: the broker's whole log directory is gone.
 */
export const BrokerFailureEvent = Closed({
  type: Literal('broker-failure'),
  broker: BrokerId,
  kind: BrokerFailureKind,
});
export const BrokerRestartEvent = Closed({ type: Literal('broker-restart'), broker: BrokerId });

/** Cuts the listed nodes off from every node not listed (both directions). Partitions compose. */
export const NetworkPartitionEvent = Closed({
  type: Literal('network-partition'),
  isolate: Closed({ brokers: Type.Array(BrokerId), clients: Type.Array(ClientName) }),
});
export const NetworkHealEvent = Closed({ type: Literal('network-heal') });

/**
 * Followers of one partition (or of all, when absent) fetch once from their leader. Replication in a
 * deterministic system advances only on this event, so the run decides when replicas catch up.
 */
export const ReplicateEvent = Closed({
  type: Literal('replicate'),
  topic: Type.Optional(TopicName),
  partition: Type.Optional(PartitionIndex),
  /** Only the follower on this broker fetches (RP-26); absent: every follower of the partitions. */
  follower: Type.Optional(BrokerId),
  /**
   * With topic, partition and follower: the fetch offset the follower's request carries instead of
   * its log end offset; the leader handles it as any follower fetch, and the follower uses the answer
   * only when it equals its log end offset (RP-26).
   */
  fetchOffset: Type.Optional(Offset),
  /** With topic, partition and follower: the last fetched epoch the request carries (KIP-320; -1: none). */
  lastFetchedEpoch: Type.Optional(Type.Integer({ minimum: -1, maximum: 2147483647 })),
  /**
   * After the fetches, each leader of the partitions runs its ISR expiration (RP-6) before waiting
   * acks=all produces are checked: the race that gives NOT_ENOUGH_REPLICAS_AFTER_APPEND (RP-10).
   */
  expireIsrBeforeCompletion: Type.Optional(Type.Boolean()),
});

/** fsync every log of one broker. */
export const FlushEvent = Closed({ type: Literal('flush'), broker: BrokerId });

// ---- time ----

/** Advance the clock: session, join, sync, lag and retention timers fire in time order. */
export const AdvanceTimeEvent = Closed({ type: Literal('advance-time'), ms: Type.Integer({ minimum: 1 }) });

export const EVENT_SCHEMAS = [
  JoinEvent,
  SyncEvent,
  HeartbeatEvent,
  LeaveEvent,
  ConsumerCrashEvent,
  DescribeGroupEvent,
  CommitEvent,
  OffsetFetchEvent,
  DeleteGroupsEvent,
  OffsetDeleteEvent,
  PollEvent,
  ProcessEvent,
  ConsumerCommitEvent,
  FetchEvent,
  ProduceEvent,
  CreateTopicEvent,
  PartitionChangeEvent,
  BrokerFailureEvent,
  BrokerRestartEvent,
  NetworkPartitionEvent,
  NetworkHealEvent,
  ReplicateEvent,
  FlushEvent,
  AdvanceTimeEvent,
  ListOffsetsEvent,
  DescribeConfigsEvent,
] as const;

export const EventSchema = Type.Union([...EVENT_SCHEMAS], { $id: 'kspec/event/v1', title: 'kspec event' });

export type Event = Static<typeof EventSchema>;
export type EventType = Event['type'];
export type EventOf<T extends EventType> = Extract<Event, { type: T }>;
export type JoinEvent = Static<typeof JoinEvent>;
export type SyncEvent = Static<typeof SyncEvent>;
export type CommitEvent = Static<typeof CommitEvent>;
export type ProduceEvent = Static<typeof ProduceEvent>;
export type BrokerFailureKind = Static<typeof BrokerFailureKind>;
/** What a `replicate` event may choose beyond its partitions (RP-26, RP-10): one follower, its request, the race. */
export type ReplicateRoundOptions = Pick<
  Static<typeof ReplicateEvent>,
  'follower' | 'fetchOffset' | 'lastFetchedEpoch' | 'expireIsrBeforeCompletion'
>;

export const EVENT_TYPES = EVENT_SCHEMAS.map(
  (schema) => schema.properties.type.const,
) as readonly EventType[];

/** Events grouped by who performs them; adapters report support per event type. */
export const EVENT_CATEGORIES: Readonly<
  Record<EventType, 'group' | 'offsets' | 'consumer' | 'producer' | 'cluster' | 'fault' | 'time'>
> = {
  join: 'group',
  sync: 'group',
  heartbeat: 'group',
  leave: 'group',
  'consumer-crash': 'consumer',
  'describe-group': 'group',
  commit: 'offsets',
  'offset-fetch': 'offsets',
  'delete-groups': 'group',
  'offset-delete': 'offsets',
  poll: 'consumer',
  process: 'consumer',
  'consumer-commit': 'consumer',
  fetch: 'consumer',
  produce: 'producer',
  'create-topic': 'cluster',
  'partition-change': 'cluster',
  'broker-failure': 'fault',
  'broker-restart': 'fault',
  'network-partition': 'fault',
  'network-heal': 'fault',
  replicate: 'cluster',
  flush: 'fault',
  'advance-time': 'time',
  'list-offsets': 'consumer',
  'describe-configs': 'cluster',
};
