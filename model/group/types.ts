// The group coordinator model's data: plain JSON (no classes, no Maps) so a state can be cloned,
// compared and used as an explorer key. One coordinator (one __consumer_offsets partition) holding
// any number of classic groups. Member ids are the model's own: `<client>-<n>`.
import type { ErrorName } from '../../spec/errors.ts';
import type { GroupState } from '../../spec/observations.ts';

export type { GroupState };

export interface Protocol {
  readonly name: string;
  readonly topics: readonly string[];
  /**
   * A sticky assignor's protocol (STICKY_STRATEGIES) also carries what the member holds, as its
   * subscription's bytes do: a member re-joining with another assignment or generation has changed
   * metadata (GC-15). Absent for the other assignors and while it holds no assignment.
   */
  readonly held?: Held;
}

/** A member's last assignment (topics and partitions sorted) and the generation it came with. */
export interface Held {
  readonly owned: readonly TopicPartitions[];
  readonly generation: number;
}

export interface TopicPartitions {
  readonly topic: string;
  readonly partitions: readonly number[];
}

export interface Member {
  memberId: string;
  /** The client that asked for this member id (it is issued to that client with the answer). */
  client: string;
  /**
   * The client.id DescribeGroups shows, when not `client`: a static member replaced by another
   * client keeps the old member's (ClassicGroup.replaceStaticMember copies it).
   */
  clientId?: string;
  /** group.instance.id of a static member, else null. */
  instanceId: string | null;
  protocols: Protocol[];
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  /** The parked JoinGroup (its request position) while the member awaits the join phase's end. */
  awaitingJoin: number | null;
  /** The parked SyncGroup while the member awaits the leader's assignment. */
  awaitingSync: number | null;
  /** Added in the current join phase and not yet through a completed join (ClassicGroupMember.isNew). */
  isNew: boolean;
  assignment: TopicPartitions[];
}

export interface PendingMember {
  memberId: string;
  client: string;
}

/** Timers are deadlines, fired by `advance-time` (never real time). */
export type Timer =
  | { kind: 'heartbeat'; memberId: string; deadline: number }
  | { kind: 'join'; deadline: number }
  | { kind: 'initial-join'; deadline: number; delayMs: number; remainingMs: number }
  | { kind: 'sync'; deadline: number; generation: number };

/** What the coordinator last wrote to __consumer_offsets for the group (replayed on load). */
export interface PersistedGroup {
  generation: number;
  /** currentStateTimestamp of the record. */
  stateSince: number;
  protocolType: string | null;
  protocol: string | null;
  leader: string | null;
  members: {
    memberId: string;
    client: string;
    /** Kafka's client.id where it differs from `client` (see Member). */
    clientId?: string;
    instanceId: string | null;
    protocols: Protocol[];
    sessionTimeoutMs: number;
    rebalanceTimeoutMs: number;
    assignment: TopicPartitions[];
  }[];
}

export interface CommittedOffset {
  topic: string;
  partition: number;
  offset: number;
  metadata: string;
  commitTimestamp: number;
}

export interface Group {
  id: string;
  state: GroupState;
  previousState: GroupState;
  /** When the group entered its current state (currentStateTimestamp; retention counts from Empty). */
  stateSince: number;
  generation: number;
  /** 'consumer' once a member joined; null for a "simple" group created by a generation -1 commit. */
  protocolType: string | null;
  protocol: string | null;
  /** The leader when determined; see `leaderCandidates`. */
  leader: string | null;
  /**
   * Kafka replaces a removed leader by an arbitrary remaining member (HashMap order). The model keeps
   * the set of members that may be leader now; null when `leader` is exact.
   */
  leaderCandidates: string[] | null;
  /** Members in insertion order. */
  members: Member[];
  pending: PendingMember[];
  /** Members that got their JoinGroup answer and have not sent SyncGroup yet. */
  pendingSync: string[];
  /** A member joined during the initial (delayed) rebalance (ClassicGroup.newMemberAdded). */
  newMemberAdded: boolean;
  timers: Timer[];
  offsets: CommittedOffset[];
  persisted: PersistedGroup | null;
  /**
   * The topics the group's current generation subscribes to (ClassicGroup.subscribedTopics, set when
   * a generation starts and on load); absent until the first generation, when a consumer group counts
   * as subscribed to every topic (OC-21).
   */
  subscribedTopics?: string[];
  /**
   * An OffsetDelete tombstoned one of its offsets while it had no group record: the log still holds
   * that offset's commit record, so a replay recreates it as a simple group (OC-21).
   */
  offsetRecordsInLog?: true;
  /**
   * OC-1 (Kafka 4.4): a simple group created by an OffsetCommit that stored nothing exists only in
   * the coordinator's memory; DescribeGroups reads at the last committed offset and describes it as
   * Dead until a record is written for it (its own commit or group record; in Kafka any record on
   * its __consumer_offsets partition, and a run's groups share none).
   */
  unwritten?: true;
}

export type CoordinatorStatus = 'active' | 'loading' | 'not-coordinator' | 'unavailable';

export interface CoordinatorConfig {
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  maxSize: number;
  initialRebalanceDelayMs: number;
  /** CLASSIC_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS, a constant in Kafka (5 minutes). */
  newMemberJoinTimeoutMs: number;
  offsetsRetentionMs: number;
  offsetMetadataMaxBytes: number;
  /** offsets.retention.check.interval.ms: how often the cleanup (OC-10) runs. */
  offsetsRetentionCheckIntervalMs: number;
}

/** What survives in __consumer_offsets while no coordinator holds the partition. */
export interface StoredGroup {
  id: string;
  record: PersistedGroup | null;
  offsets: CommittedOffset[];
  /** See Group.offsetRecordsInLog. */
  offsetRecordsInLog?: true;
}

export interface CoordinatorState {
  now: number;
  status: CoordinatorStatus;
  groups: Group[];
  /** The partition's content while unloaded (GC-32, GC-33); empty while active. */
  stored: StoredGroup[];
  /** Next member-id serial per id prefix (the client, or a static member's instance id). */
  serials: Record<string, number>;
  config: CoordinatorConfig;
  /**
   * When the coordinator loaded its `__consumer_offsets` partition: the periodic cleanup (OC-10)
   * runs every offsets.retention.check.interval.ms from then. Null until the first request, whose
   * FindCoordinator creates the topic (and the shard loads); a load after a move restarts it.
   */
  loadedAtMs: number | null;
  /** When the cleanup last ran (null: not since the load). */
  lastCleanupMs: number | null;
}

// ---- requests (close to the contract's events, with the system's member ids made explicit) ----

export interface JoinRequest {
  type: 'join';
  request: number;
  client: string;
  group: string;
  /** '' for a new member. */
  memberId: string;
  instanceId?: string | null;
  protocols: Protocol[];
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  /** JoinGroup version; v4+ answers a new dynamic member MEMBER_ID_REQUIRED. Default 9. */
  version?: number;
}

export interface SyncRequest {
  type: 'sync';
  request: number;
  client: string;
  group: string;
  memberId: string;
  /** group.instance.id of a static member (GC-40); absent or null: dynamic. */
  instanceId?: string | null;
  generation: number;
  /**
   * The protocol name a SyncGroup v5+ carries: the one of the client's last successful JoinGroup
   * answer, null before it had one (GC-24). Absent: not compared (the explorer's own members, which
   * only sync after a successful join).
   */
  protocolName?: string | null;
  /** The leader's plan by member id; followers send none. */
  assignments?: { memberId: string; partitions: TopicPartitions[] }[];
}

export interface HeartbeatRequest {
  type: 'heartbeat';
  request: number;
  client: string;
  group: string;
  memberId: string;
  /** group.instance.id of a static member (GC-40); absent or null: dynamic. */
  instanceId?: string | null;
  generation: number;
}

export interface LeaveRequest {
  type: 'leave';
  request: number;
  client: string;
  group: string;
  memberId: string;
  /** group.instance.id of a static member (GC-40); absent or null: dynamic. */
  instanceId?: string | null;
}

export interface CommitRequest {
  type: 'commit';
  request: number;
  client: string;
  group: string;
  memberId: string;
  /** group.instance.id of a static member (GC-40); absent or null: dynamic. */
  instanceId?: string | null;
  generation: number;
  offsets: { topic: string; partition: number; offset: number; metadata?: string }[];
  /** OffsetCommit version; v9+ answers GROUP_ID_NOT_FOUND for a missing group. Default 9. */
  version?: number;
  /** Which path produced it (for observations): a raw request, auto commit, or commitSync/Async. */
  source?: 'request' | 'auto' | 'consumer';
}

export interface OffsetFetchRequest {
  type: 'offset-fetch';
  request: number;
  client: string;
  group: string;
  partitions?: { topic: string; partition: number }[];
}

/** DeleteGroups: the group ids as the request lists them (GC-38). */
export interface DeleteGroupsRequest {
  type: 'delete-groups';
  request: number;
  client: string;
  groups: string[];
}

/** OffsetDelete; `exists` is what the broker's metadata says of each partition (OC-21). */
export interface OffsetDeleteRequest {
  type: 'offset-delete';
  request: number;
  client: string;
  group: string;
  partitions: { topic: string; partition: number; exists: boolean }[];
}

export interface DescribeRequest {
  type: 'describe-group';
  request: number;
  group: string;
}

export interface AdvanceTime {
  type: 'advance-time';
  ms: number;
}

/** The coordinator loses the group's partition (leadership moved): groups go Dead and are dropped. */
export interface CoordinatorUnload {
  type: 'coordinator-unload';
}
/** The coordinator becomes leader of the partition and starts replaying it. */
export interface CoordinatorLoadStart {
  type: 'coordinator-load-start';
}
/** Replay finished: groups rebuilt from the persisted records. */
export interface CoordinatorLoadComplete {
  type: 'coordinator-load-complete';
}
/** The coordinator process is unavailable (shutting down): COORDINATOR_NOT_AVAILABLE. */
export interface CoordinatorUnavailable {
  type: 'coordinator-unavailable';
}

export type ClientRequest =
  | JoinRequest
  | SyncRequest
  | HeartbeatRequest
  | LeaveRequest
  | CommitRequest
  | OffsetFetchRequest
  | DeleteGroupsRequest
  | OffsetDeleteRequest
  | DescribeRequest;

export type CoordinatorEvent =
  | ClientRequest
  | AdvanceTime
  | CoordinatorUnload
  | CoordinatorLoadStart
  | CoordinatorLoadComplete
  | CoordinatorUnavailable;

// ---- responses (close to the contract's observations, with member ids) ----

export interface JoinAnswer {
  type: 'join-response';
  request: number;
  client: string;
  group: string;
  error: ErrorName;
  memberId: string;
  generation: number;
  protocol: string | null;
  leader: string | null;
  members: {
    memberId: string;
    client: string;
    topics: string[];
    instanceId?: string;
    /** What the member holds, by the selected protocol's metadata (the leader's sticky assignor reads it). */
    held?: Held;
  }[];
}
export interface SyncAnswer {
  type: 'sync-response';
  request: number;
  client: string;
  group: string;
  error: ErrorName;
  assignment: TopicPartitions[];
}
export interface HeartbeatAnswer {
  type: 'heartbeat-response';
  request: number;
  client: string;
  group: string;
  error: ErrorName;
}
export interface LeaveAnswer {
  type: 'leave-response';
  request: number;
  client: string;
  group: string;
  error: ErrorName;
}
export interface CommitAnswer {
  type: 'commit-response';
  request: number;
  client: string;
  group: string;
  source: 'request' | 'auto' | 'consumer';
  generation: number;
  partitions: { topic: string; partition: number; offset: number; error: ErrorName }[];
}
export interface OffsetFetchAnswer {
  type: 'offset-fetch-response';
  request: number;
  client: string;
  group: string;
  error: ErrorName;
  offsets: { topic: string; partition: number; offset: number; metadata: string; error: ErrorName }[];
}
export interface DeleteGroupsAnswer {
  type: 'delete-groups-response';
  request: number;
  client: string;
  results: { group: string; error: ErrorName }[];
}
export interface OffsetDeleteAnswer {
  type: 'offset-delete-response';
  request: number;
  client: string;
  group: string;
  error: ErrorName;
  partitions: { topic: string; partition: number; error: ErrorName }[];
}
export interface DescribeAnswer {
  type: 'describe-response';
  request: number;
  group: string;
  error: ErrorName;
  state: GroupState;
  protocol: string;
  members: { memberId: string; client: string; assignment: TopicPartitions[] }[];
}

export type Answer =
  | JoinAnswer
  | SyncAnswer
  | HeartbeatAnswer
  | LeaveAnswer
  | CommitAnswer
  | OffsetFetchAnswer
  | DeleteGroupsAnswer
  | OffsetDeleteAnswer
  | DescribeAnswer;

/** Where Kafka leaves an outcome open, a caller may adopt the choice it observed. */
export interface Choice {
  /** The leader (member id) of the generation the join phase completes now. */
  leader?: string;
  /** The protocol selected when votes tie. */
  protocol?: string;
}

/** The sets of outcomes Kafka allows for the choices this step made (present only when it made one). */
export interface Allowed {
  leaders?: string[];
  protocols?: string[];
}

/** An accepted offset commit, with what the group was when it accepted (for the commit invariant). */
export interface AcceptedCommit {
  group: string;
  memberId: string;
  generation: number;
  groupGeneration: number;
  groupState: GroupState;
  wasMember: boolean;
}

export interface StepResult {
  state: CoordinatorState;
  answers: Answer[];
  allowed: Allowed;
  accepted: AcceptedCommit[];
  /** Every group state change this step made, in order. */
  transitions: { group: string; from: GroupState; to: GroupState }[];
}
