// The classic group's states and the one place that moves between them. Legal moves are data
// (target <- allowed sources), as in Kafka's ClassicGroupState; `transitionTo` throws on any
// other move, because reaching one is a bug in this coordinator, not a protocol outcome.

export const GROUP_STATE_NAMES = [
  'Empty',
  'PreparingRebalance',
  'CompletingRebalance',
  'Stable',
  'Dead',
] as const;
export type GroupStateName = (typeof GROUP_STATE_NAMES)[number];

/** For each target state, the states it may be entered from. */
export const LEGAL_PREVIOUS_STATES: Readonly<Record<GroupStateName, readonly GroupStateName[]>> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

export function isLegalTransition(from: GroupStateName, to: GroupStateName): boolean {
  return LEGAL_PREVIOUS_STATES[to].includes(from);
}

/** A request parked until the join or sync phase completes. */
export interface ParkedRequest {
  readonly requestId: number;
  readonly version: number;
}

export interface MemberProtocol {
  readonly name: string;
  readonly metadata: Uint8Array;
}

export interface GroupMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  readonly protocolType: string;
  protocols: readonly MemberProtocol[];
  assignment: Uint8Array;
  /** The generation in which `assignment` was handed out (-1: never). */
  assignmentGeneration: number;
  awaitingJoin: ParkedRequest | null;
  awaitingSync: ParkedRequest | null;
  /** Joined but not yet through a completed join phase: its session may expire while it waits. */
  isNew: boolean;
}

export interface ClassicGroup {
  readonly groupId: string;
  /**
   * OC-1 (Kafka 4.4): created by an OffsetCommit that wrote no record, so it exists in memory only:
   * DescribeGroups and ListGroups read the shard as of its last committed write and do not see it
   * until a record of this shard is replicated (any group's).
   */
  unwritten?: true;
  state: GroupStateName;
  previousState: GroupStateName | null;
  stateTimestampMs: number | null;
  generation: number;
  protocolType: string | null;
  protocolName: string | null;
  leaderId: string | null;
  /** Insertion order; Kafka's order is a HashMap's, so anything relying on order is a choice Kafka leaves open. */
  members: Map<string, GroupMember>;
  /** Ids handed out with MEMBER_ID_REQUIRED, not joined yet. They hold up the join phase. */
  pendingMembers: Set<string>;
  /** Members of the current generation that have not sent SyncGroup yet. */
  pendingSyncMembers: Set<string>;
  /** A member joined during the initial delay: the delay may be extended. */
  newMemberAdded: boolean;
  /**
   * The topics the current generation's members subscribe to (ClassicGroup.subscribedTopics), set
   * when a generation starts and on load; null when unknown (no generation yet, a simple group,
   * unreadable subscriptions). OffsetDelete refuses the topics in it (handle-offset-delete.ts).
   */
  subscribedTopics: readonly string[] | null;
}

export function newGroup(groupId: string, nowMs: number): ClassicGroup {
  return {
    groupId,
    state: 'Empty',
    previousState: null,
    stateTimestampMs: nowMs,
    generation: 0,
    protocolType: null,
    protocolName: null,
    leaderId: null,
    members: new Map(),
    pendingMembers: new Set(),
    pendingSyncMembers: new Set(),
    newMemberAdded: false,
    subscribedTopics: null,
  };
}

export function cloneGroup(group: ClassicGroup): ClassicGroup {
  const members = new Map<string, GroupMember>();
  for (const [id, member] of group.members) members.set(id, { ...member });
  return {
    ...group,
    members,
    pendingMembers: new Set(group.pendingMembers),
    pendingSyncMembers: new Set(group.pendingSyncMembers),
  };
}

export function transitionTo(group: ClassicGroup, target: GroupStateName, nowMs: number): void {
  if (!isLegalTransition(group.state, target))
    throw new Error(`group ${group.groupId}: illegal transition ${group.state} -> ${target}`);
  group.previousState = group.state;
  group.state = target;
  group.stateTimestampMs = nowMs;
}
