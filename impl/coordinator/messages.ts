// Requests and responses of the group coordinator, shaped after the Kafka wire messages
// (JoinGroupRequestData, SyncGroupResponseData, ...) so the wire server maps fields one to one.
// Error codes are names from spec/errors.ts. Every request carries a `requestId` chosen by the
// caller: parked JoinGroup/SyncGroup answers come back later, tagged with it.
import type { ErrorName } from '../../spec/errors.ts';

export type RequestId = number;

export interface JoinGroupProtocol {
  readonly name: string;
  readonly metadata: Uint8Array;
}

export interface JoinGroupRequest {
  readonly api: 'JoinGroup';
  readonly requestId: RequestId;
  /** Wire version: v4+ makes a new dynamic member ask again with the id it is given (MEMBER_ID_REQUIRED). */
  readonly version: number;
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  /** v0 has none on the wire; the caller passes the session timeout then, as Kafka does. */
  readonly rebalanceTimeoutMs: number;
  /** '' for a member without an id. */
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly protocolType: string;
  readonly protocols: readonly JoinGroupProtocol[];
  readonly clientId: string;
  readonly clientHost: string;
}

export interface JoinGroupResponseMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly metadata: Uint8Array;
}

export interface JoinGroupResponse {
  readonly api: 'JoinGroup';
  readonly error: ErrorName;
  readonly generationId: number;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  readonly leader: string;
  readonly memberId: string;
  /** Only the leader's answer lists the members, with their metadata for the selected protocol. */
  readonly members: readonly JoinGroupResponseMember[];
  /**
   * v9+: a static leader that rejoins a Stable group without changing the protocol is told to
   * keep its assignment rather than compute one (it still gets the member list). Absent: false.
   */
  readonly skipAssignment?: boolean;
}

export interface SyncGroupRequest {
  readonly api: 'SyncGroup';
  readonly requestId: RequestId;
  readonly version: number;
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  /** v5+: checked against the group's when present. */
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  readonly assignments: readonly { readonly memberId: string; readonly assignment: Uint8Array }[];
}

export interface SyncGroupResponse {
  readonly api: 'SyncGroup';
  readonly error: ErrorName;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  readonly assignment: Uint8Array;
}

export interface HeartbeatRequest {
  readonly api: 'Heartbeat';
  readonly requestId: RequestId;
  readonly version: number;
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

export interface HeartbeatResponse {
  readonly api: 'Heartbeat';
  readonly error: ErrorName;
}

export interface LeaveGroupRequest {
  readonly api: 'LeaveGroup';
  readonly requestId: RequestId;
  /** v0-v2 carry one member id; the caller passes it as a one-element `members`. */
  readonly version: number;
  readonly groupId: string;
  readonly members: readonly { readonly memberId: string; readonly groupInstanceId: string | null }[];
}

export interface LeaveGroupResponse {
  readonly api: 'LeaveGroup';
  /** Before v3 the single member's error is the top-level error. */
  readonly error: ErrorName;
  readonly members: readonly {
    readonly memberId: string;
    readonly groupInstanceId: string | null;
    readonly error: ErrorName;
  }[];
}

export interface DescribeGroupsRequest {
  readonly api: 'DescribeGroups';
  readonly requestId: RequestId;
  readonly version: number;
  readonly groupIds: readonly string[];
}

export interface DescribedMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  /** Metadata for the selected protocol and the assignment: only in Stable, else empty. */
  readonly memberMetadata: Uint8Array;
  readonly memberAssignment: Uint8Array;
}

export interface DescribedGroup {
  readonly error: ErrorName;
  readonly groupId: string;
  readonly groupState: string;
  readonly protocolType: string;
  /** The selected protocol in Stable, '' otherwise (Kafka's NoProtocol). */
  readonly protocolData: string;
  readonly members: readonly DescribedMember[];
}

export interface DescribeGroupsResponse {
  readonly api: 'DescribeGroups';
  readonly groups: readonly DescribedGroup[];
}

export interface ListGroupsRequest {
  readonly api: 'ListGroups';
  readonly requestId: RequestId;
  readonly version: number;
  /** v4+: only groups in these states (empty = all). */
  readonly statesFilter: readonly string[];
}

export interface ListGroupsResponse {
  readonly api: 'ListGroups';
  readonly error: ErrorName;
  readonly groups: readonly {
    readonly groupId: string;
    readonly protocolType: string;
    readonly groupState: string;
  }[];
}

export interface OffsetCommitRequestPartition {
  readonly partitionIndex: number;
  readonly committedOffset: number;
  /** -1 when the client does not know it. */
  readonly committedLeaderEpoch: number;
  readonly committedMetadata: string | null;
}

export interface OffsetCommitRequest {
  readonly api: 'OffsetCommit';
  readonly requestId: RequestId;
  /** v9+ answers GROUP_ID_NOT_FOUND for a missing group when a generation is given; older ILLEGAL_GENERATION. */
  readonly version: number;
  readonly groupId: string;
  /** -1: no generation (a standalone `assign()` user or an admin). */
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  /** v2-v4 only; -1 means the broker's retention. */
  readonly retentionTimeMs: number;
  readonly topics: readonly {
    readonly name: string;
    readonly partitions: readonly OffsetCommitRequestPartition[];
  }[];
}

export interface OffsetCommitResponse {
  readonly api: 'OffsetCommit';
  readonly topics: readonly {
    readonly name: string;
    readonly partitions: readonly { readonly partitionIndex: number; readonly error: ErrorName }[];
  }[];
}

export interface OffsetFetchRequest {
  readonly api: 'OffsetFetch';
  readonly requestId: RequestId;
  readonly version: number;
  readonly groupId: string;
  /** null: every partition the group has committed. */
  readonly topics: readonly { readonly name: string; readonly partitionIndexes: readonly number[] }[] | null;
}

export interface OffsetFetchResponsePartition {
  readonly partitionIndex: number;
  /** -1 when nothing is committed. */
  readonly committedOffset: number;
  readonly committedLeaderEpoch: number;
  readonly metadata: string;
  readonly error: ErrorName;
}

export interface OffsetFetchResponse {
  readonly api: 'OffsetFetch';
  readonly error: ErrorName;
  readonly topics: readonly {
    readonly name: string;
    readonly partitions: readonly OffsetFetchResponsePartition[];
  }[];
}

/** DeleteGroups for the ids of one __consumer_offsets partition (GroupHosting splits a request by partition). */
export interface DeleteGroupsRequest {
  readonly api: 'DeleteGroups';
  readonly requestId: RequestId;
  readonly version: number;
  readonly groupIds: readonly string[];
}

export interface DeleteGroupsResponse {
  readonly api: 'DeleteGroups';
  /** One result per distinct group id. */
  readonly results: readonly { readonly groupId: string; readonly error: ErrorName }[];
}

/** OffsetDelete, with only the partitions the broker's metadata has (the request layer answers the rest). */
export interface OffsetDeleteRequest {
  readonly api: 'OffsetDelete';
  readonly requestId: RequestId;
  readonly version: number;
  readonly groupId: string;
  readonly topics: readonly { readonly name: string; readonly partitionIndexes: readonly number[] }[];
}

export interface OffsetDeleteResponse {
  readonly api: 'OffsetDelete';
  /** A group-level error; then `topics` is empty. */
  readonly error: ErrorName;
  readonly topics: readonly {
    readonly name: string;
    readonly partitions: readonly { readonly partitionIndex: number; readonly error: ErrorName }[];
  }[];
}

export type GroupRequest =
  | JoinGroupRequest
  | SyncGroupRequest
  | HeartbeatRequest
  | LeaveGroupRequest
  | OffsetCommitRequest
  | OffsetFetchRequest
  | OffsetDeleteRequest;

export type CoordinatorRequest =
  | GroupRequest
  | DescribeGroupsRequest
  | ListGroupsRequest
  | DeleteGroupsRequest;

export type CoordinatorResponse =
  | JoinGroupResponse
  | SyncGroupResponse
  | HeartbeatResponse
  | LeaveGroupResponse
  | DescribeGroupsResponse
  | ListGroupsResponse
  | OffsetCommitResponse
  | OffsetFetchResponse
  | DeleteGroupsResponse
  | OffsetDeleteResponse;

/** A response to the request `requestId` (possibly a parked one of another member). */
export interface AddressedResponse {
  readonly requestId: RequestId;
  readonly response: CoordinatorResponse;
}
