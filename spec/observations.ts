// Observations: what a system answers. Every answer names the event that asked (`request`, the
// event's position in the run), because some answers come later: a parked JoinGroup is answered
// when the join phase completes, an acks=all produce when the high watermark covers it.
// Clients are named by the run's logical names; `memberId` keeps the system's own id for reading.
import { type Static, Type } from '@sinclair/typebox';
import {
  BrokerId,
  ClientName,
  Closed,
  ErrorNameSchema,
  Generation,
  GroupId,
  InstanceId,
  Literal,
  Offset,
  PartitionIndex,
  StringEnum,
  TopicName,
  TopicPartitions,
} from './common.ts';
import { CONFIG_SOURCES } from './described-configs.ts';
import { EVENT_TYPES } from './events.ts';

const Request = Type.Integer({ minimum: 0, description: 'Position in the run of the event this answers.' });
const NullableClient = Type.Union([ClientName, Type.Null()]);

export const GROUP_STATES = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'] as const;
export const GroupStateSchema = StringEnum(GROUP_STATES);
export type GroupState = (typeof GROUP_STATES)[number];

export const JoinResponse = Closed({
  type: Literal('join-response'),
  request: Request,
  client: ClientName,
  group: GroupId,
  error: ErrorNameSchema,
  memberId: Type.String(),
  generation: Generation,
  protocol: Type.Union([Type.String(), Type.Null()]),
  /** The leader's client name, or null when there is none or the system's id is not one it issued to a known client. */
  leader: NullableClient,
  /** Only the leader's answer lists the members (client names, with the topics each subscribes to). */
  members: Type.Array(
    Closed({
      client: NullableClient,
      memberId: Type.String(),
      topics: Type.Array(TopicName),
      /** A static member's group.instance.id (GC-40); the leader's assignor orders by it (AS-1). */
      instanceId: InstanceId,
    }),
  ),
});

export const SyncResponse = Closed({
  type: Literal('sync-response'),
  request: Request,
  client: ClientName,
  group: GroupId,
  error: ErrorNameSchema,
  assignment: Type.Array(TopicPartitions),
});

export const HeartbeatResponse = Closed({
  type: Literal('heartbeat-response'),
  request: Request,
  client: ClientName,
  group: GroupId,
  error: ErrorNameSchema,
});

export const LeaveResponse = Closed({
  type: Literal('leave-response'),
  request: Request,
  client: ClientName,
  group: GroupId,
  error: ErrorNameSchema,
});

export const CommitSource = Type.Union([Literal('request'), Literal('auto'), Literal('consumer')]);

export const CommitResponse = Closed({
  type: Literal('commit-response'),
  request: Request,
  client: ClientName,
  group: GroupId,
  /** request: a `commit` event; auto: enable.auto.commit inside a poll; consumer: a `consumer-commit`. */
  source: CommitSource,
  /** The generation the request carried (so a checker can tell a stale one). */
  generation: Generation,
  partitions: Type.Array(
    Closed({ topic: TopicName, partition: PartitionIndex, offset: Offset, error: ErrorNameSchema }),
  ),
});

export const OffsetFetchResponse = Closed({
  type: Literal('offset-fetch-response'),
  request: Request,
  client: ClientName,
  group: GroupId,
  error: ErrorNameSchema,
  offsets: Type.Array(
    Closed({
      topic: TopicName,
      partition: PartitionIndex,
      offset: Offset,
      metadata: Type.String(),
      error: ErrorNameSchema,
    }),
  ),
});

/** One result per distinct group id of the request, in the request's order (GC-36). */
export const DeleteGroupsResponse = Closed({
  type: Literal('delete-groups-response'),
  request: Request,
  client: ClientName,
  results: Type.Array(Closed({ group: GroupId, error: ErrorNameSchema })),
});

/**
 * A top-level error (then no partitions), or one error per requested partition in the request's
 * order (OC-11, OC-12).
 */
export const OffsetDeleteResponse = Closed({
  type: Literal('offset-delete-response'),
  request: Request,
  client: ClientName,
  group: GroupId,
  error: ErrorNameSchema,
  partitions: Type.Array(Closed({ topic: TopicName, partition: PartitionIndex, error: ErrorNameSchema })),
});

export const DescribeResponse = Closed({
  type: Literal('describe-response'),
  request: Request,
  group: GroupId,
  error: ErrorNameSchema,
  state: GroupStateSchema,
  protocol: Type.String(),
  members: Type.Array(
    Closed({ client: NullableClient, memberId: Type.String(), assignment: Type.Array(TopicPartitions) }),
  ),
});

export const FetchedRecord = Closed({ offset: Type.Integer({ minimum: 0 }), value: Type.String() });

export const FetchResponse = Closed({
  type: Literal('fetch-response'),
  request: Request,
  client: ClientName,
  topic: TopicName,
  partition: PartitionIndex,
  error: ErrorNameSchema,
  highWatermark: Offset,
  logStartOffset: Offset,
  records: Type.Array(FetchedRecord),
});

export const ListOffsetsResponse = Closed({
  type: Literal('list-offsets-response'),
  request: Request,
  client: ClientName,
  topic: TopicName,
  partition: PartitionIndex,
  error: ErrorNameSchema,
  /** The offset found, -1 with an error. */
  offset: Offset,
  /** A lookup by timestamp only: the timestamp of the record found, -1 when none was. */
  timestamp: Type.Optional(Type.Integer({ minimum: -1 })),
});

export const PollResult = Closed({
  type: Literal('poll-result'),
  request: Request,
  client: ClientName,
  group: GroupId,
  /** A Java consumer exception the poll threw (NoOffsetForPartitionException, ...), else null. */
  exception: Type.Union([Type.String(), Type.Null()]),
  records: Type.Array(
    Closed({
      topic: TopicName,
      partition: PartitionIndex,
      offset: Type.Integer({ minimum: 0 }),
      value: Type.String(),
    }),
  ),
});

export const ProduceResponse = Closed({
  type: Literal('produce-response'),
  request: Request,
  producer: ClientName,
  topic: TopicName,
  partition: PartitionIndex,
  acks: Type.Integer(),
  error: ErrorNameSchema,
  /** Offset of the first value when appended, else -1. */
  baseOffset: Offset,
  values: Type.Array(Type.String()),
  /**
   * RP-28 (KIP-951): with NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH from Produce v10 on, the
   * leader and epoch the answering broker knows when it answers, if it knows one.
   */
  currentLeader: Type.Optional(Closed({ leaderId: BrokerId, leaderEpoch: Type.Integer({ minimum: 0 }) })),
});

export const AdminResponse = Closed({
  type: Literal('admin-response'),
  request: Request,
  op: Type.Union([Literal('create-topic'), Literal('partition-change')]),
  topic: TopicName,
  error: ErrorNameSchema,
});

/**
 * A DescribeConfigs of one topic (RP-27): an error (UNKNOWN_TOPIC_OR_PARTITION for a topic that does
 * not exist, INVALID_TOPIC_EXCEPTION for a name Kafka refuses; then no configs), or the topic's
 * configs the contract knows (spec/described-configs.ts), sorted by name.
 */
export const DescribeConfigsResponse = Closed({
  type: Literal('describe-configs-response'),
  request: Request,
  topic: TopicName,
  error: ErrorNameSchema,
  configs: Type.Array(
    Closed({
      name: Type.String(),
      /** Kafka's text of the value (`false`, `604800000`); null only for a sensitive config. */
      value: Type.Union([Type.String(), Type.Null()]),
      source: StringEnum(CONFIG_SOURCES),
    }),
  ),
});

/** The system cannot perform this event kind (e.g. no fault hook); the run goes on without it. */
export const Unsupported = Closed({
  type: Literal('unsupported'),
  request: Request,
  event: StringEnum(EVENT_TYPES),
  reason: Type.String(),
});

export const OBSERVATION_SCHEMAS = [
  JoinResponse,
  SyncResponse,
  HeartbeatResponse,
  LeaveResponse,
  CommitResponse,
  OffsetFetchResponse,
  DeleteGroupsResponse,
  OffsetDeleteResponse,
  DescribeResponse,
  FetchResponse,
  PollResult,
  ProduceResponse,
  AdminResponse,
  Unsupported,
  ListOffsetsResponse,
  DescribeConfigsResponse,
] as const;

export const ObservationSchema = Type.Union([...OBSERVATION_SCHEMAS], {
  $id: 'kspec/observation/v1',
  title: 'kspec observation',
});

export type Observation = Static<typeof ObservationSchema>;
export type ObservationType = Observation['type'];
export type ObservationOf<T extends ObservationType> = Extract<Observation, { type: T }>;
export type JoinResponse = Static<typeof JoinResponse>;
export type SyncResponse = Static<typeof SyncResponse>;
export type CommitResponse = Static<typeof CommitResponse>;
export type ProduceResponse = Static<typeof ProduceResponse>;
export type PollResult = Static<typeof PollResult>;
