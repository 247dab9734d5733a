// The coordinator's typed messages (impl/coordinator/messages.ts) as Kafka wire request bodies, and
// wire answers back as typed responses: the reverse of what the broker's group handlers do. Each
// API is capped at the highest version kspec's codecs speak (the target negotiates below that), or
// lower where a newer version would change what the client sees: OffsetFetch stops at v7, as v8
// batches groups in another body. JoinGroup goes to v9 (KIP-814: a replaced static leader is told to
// skip the assignment; the client's plan, sent anyway, is ignored in Stable, GC-25).
import { deleteGroupsError, groupRequestError } from '../../../impl/coordinator/group-coordinator.ts';
import type {
  CoordinatorRequest,
  CoordinatorResponse,
  DescribeGroupsResponse,
} from '../../../impl/coordinator/messages.ts';
import type { ApiName } from '../../../impl/protocol/registry.ts';
import { type ErrorName, errorByCode } from '../../../spec/errors.ts';

export function errorName(code: number): ErrorName {
  return (errorByCode(code)?.name ?? 'UNKNOWN_SERVER_ERROR') as ErrorName;
}

/** How long a JoinGroup may stay parked beyond its rebalance timeout before it counts as lost. */
const JOIN_GRACE_MS = 5000;
const EMPTY = new Uint8Array(0);

export interface WireCall {
  readonly api: ApiName;
  readonly cap: number;
  readonly body: object;
  readonly timeoutMs?: number;
}

/** The wire request for a coordinator request. */
export function wireCall(request: CoordinatorRequest): WireCall {
  const cap = (limit: number) => Math.min(request.version, limit);
  switch (request.api) {
    case 'JoinGroup':
      return {
        api: 'JoinGroup',
        cap: cap(9),
        timeoutMs: request.rebalanceTimeoutMs + JOIN_GRACE_MS,
        body: {
          groupId: request.groupId,
          sessionTimeoutMs: request.sessionTimeoutMs,
          rebalanceTimeoutMs: request.rebalanceTimeoutMs,
          memberId: request.memberId,
          groupInstanceId: request.groupInstanceId,
          protocolType: request.protocolType,
          protocols: request.protocols.map((p) => ({ name: p.name, metadata: p.metadata })),
        },
      };
    case 'SyncGroup':
      return { api: 'SyncGroup', cap: cap(5), body: { ...request } };
    case 'Heartbeat':
      return { api: 'Heartbeat', cap: cap(4), body: { ...request } };
    case 'LeaveGroup':
      return {
        api: 'LeaveGroup',
        cap: cap(5),
        body: {
          groupId: request.groupId,
          memberId: request.members[0]?.memberId ?? '',
          members: request.members,
        },
      };
    case 'OffsetCommit':
      return { api: 'OffsetCommit', cap: cap(9), body: { ...request } };
    case 'OffsetFetch':
      return { api: 'OffsetFetch', cap: cap(7), body: { groupId: request.groupId, topics: request.topics } };
    case 'DescribeGroups':
      return { api: 'DescribeGroups', cap: cap(5), body: { groups: request.groupIds } };
    case 'ListGroups':
      return { api: 'ListGroups', cap: cap(5), body: { statesFilter: request.statesFilter } };
    case 'DeleteGroups':
      return { api: 'DeleteGroups', cap: cap(2), body: { groupsNames: request.groupIds } };
    case 'OffsetDelete':
      return {
        api: 'OffsetDelete',
        cap: cap(0),
        body: {
          groupId: request.groupId,
          topics: request.topics.map((topic) => ({
            name: topic.name,
            partitions: topic.partitionIndexes.map((partitionIndex) => ({ partitionIndex })),
          })),
        },
      };
  }
}

/** The answer a client reports when a request could not be made or got no answer. */
export function failedResponse(request: CoordinatorRequest, error: ErrorName): CoordinatorResponse {
  if (request.api === 'DescribeGroups')
    return {
      api: 'DescribeGroups',
      groups: request.groupIds.map((groupId) => ({
        error,
        groupId,
        groupState: 'Dead',
        protocolType: '',
        protocolData: '',
        members: [],
      })),
    };
  if (request.api === 'ListGroups') return { api: 'ListGroups', error, groups: [] };
  if (request.api === 'DeleteGroups') return deleteGroupsError(request, error).response;
  return groupRequestError(request, error).response;
}

// biome-ignore lint/suspicious/noExplicitAny: decoded wire answers, read field by field
type Answer = any;

const bytes = (value: Uint8Array | null | undefined): Uint8Array => value ?? EMPTY;

/** A wire answer as the coordinator's typed response. */
export function typedResponse(request: CoordinatorRequest, answer: Answer): CoordinatorResponse {
  switch (request.api) {
    case 'JoinGroup':
      return {
        api: 'JoinGroup',
        error: errorName(answer.errorCode),
        generationId: Math.max(-1, answer.generationId),
        protocolType: answer.protocolType ?? null,
        protocolName: answer.protocolName ? answer.protocolName : null,
        leader: answer.leader ?? '',
        memberId: answer.memberId ?? '',
        members: (answer.members ?? []).map((m: Answer) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId ?? null,
          metadata: bytes(m.metadata),
        })),
      };
    case 'SyncGroup':
      return {
        api: 'SyncGroup',
        error: errorName(answer.errorCode),
        protocolType: answer.protocolType ?? null,
        protocolName: answer.protocolName ?? null,
        assignment: bytes(answer.assignment),
      };
    case 'Heartbeat':
      return { api: 'Heartbeat', error: errorName(answer.errorCode) };
    case 'LeaveGroup':
      return {
        api: 'LeaveGroup',
        error: errorName(answer.errorCode),
        members: (answer.members ?? []).map((m: Answer) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId ?? null,
          error: errorName(m.errorCode),
        })),
      };
    case 'OffsetCommit':
      return {
        api: 'OffsetCommit',
        topics: (answer.topics ?? []).map((t: Answer) => ({
          name: t.name,
          partitions: t.partitions.map((p: Answer) => ({
            partitionIndex: p.partitionIndex,
            error: errorName(p.errorCode),
          })),
        })),
      };
    case 'OffsetFetch':
      return {
        api: 'OffsetFetch',
        error: errorName(answer.errorCode ?? 0),
        topics: (answer.topics ?? []).map((t: Answer) => ({
          name: t.name,
          partitions: t.partitions.map((p: Answer) => ({
            partitionIndex: p.partitionIndex,
            committedOffset: Number(p.committedOffset),
            committedLeaderEpoch: p.committedLeaderEpoch ?? -1,
            metadata: p.metadata ?? '',
            error: errorName(p.errorCode),
          })),
        })),
      };
    case 'DescribeGroups':
      return {
        api: 'DescribeGroups',
        groups: (answer.groups ?? []).map((g: Answer): DescribeGroupsResponse['groups'][number] => ({
          error: errorName(g.errorCode),
          groupId: g.groupId,
          groupState: g.groupState,
          protocolType: g.protocolType ?? '',
          protocolData: g.protocolData ?? '',
          members: (g.members ?? []).map((m: Answer) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId ?? null,
            clientId: m.clientId ?? '',
            clientHost: m.clientHost ?? '',
            memberMetadata: bytes(m.memberMetadata),
            memberAssignment: bytes(m.memberAssignment),
          })),
        })),
      };
    case 'DeleteGroups':
      return {
        api: 'DeleteGroups',
        results: (answer.results ?? []).map((r: Answer) => ({
          groupId: r.groupId,
          error: errorName(r.errorCode),
        })),
      };
    case 'OffsetDelete':
      return {
        api: 'OffsetDelete',
        error: errorName(answer.errorCode),
        topics: (answer.topics ?? []).map((t: Answer) => ({
          name: t.name,
          partitions: t.partitions.map((p: Answer) => ({
            partitionIndex: p.partitionIndex,
            error: errorName(p.errorCode),
          })),
        })),
      };
    case 'ListGroups':
      return {
        api: 'ListGroups',
        error: errorName(answer.errorCode),
        groups: (answer.groups ?? []).map((g: Answer) => ({
          groupId: g.groupId,
          protocolType: g.protocolType ?? '',
          groupState: g.groupState ?? '',
        })),
      };
  }
}

/** Every error an answer carries, top level and per partition or member. */
export function errorsOf(response: CoordinatorResponse): ErrorName[] {
  switch (response.api) {
    case 'OffsetCommit':
      return response.topics.flatMap((t) => t.partitions.map((p) => p.error));
    case 'DescribeGroups':
      return response.groups.map((g) => g.error);
    case 'OffsetFetch':
    case 'OffsetDelete':
      return [response.error, ...response.topics.flatMap((t) => t.partitions.map((p) => p.error))];
    case 'DeleteGroups':
      return response.results.map((r) => r.error);
    default:
      return [response.error];
  }
}
