// Group APIs: wire requests mapped field by field onto the coordinator's messages
// (impl/coordinator/messages.ts) and routed through the cluster's group hosting; parked JoinGroup and
// SyncGroup answers arrive when the coordinator completes the phase (or its timer fires).
// Fields of later versions that only feed Kafka's logs (JoinGroup v8 and LeaveGroup v5 `reason`)
// are accepted and not used; OffsetFetch v7's requireStable changes nothing, as kspec has no
// transactions and so never a pending transactional offset; OffsetFetch v9's member id and epoch
// are checked by Kafka for KIP-848 groups only, and kspec's groups are all classic.
import { listGroups as listShardGroups } from '../coordinator/describe-groups.ts';
import type {
  CoordinatorRequest,
  CoordinatorResponse,
  DeleteGroupsResponse,
  DescribedGroup,
  DescribeGroupsResponse,
  HeartbeatResponse,
  JoinGroupResponse,
  LeaveGroupResponse,
  OffsetCommitResponse,
  OffsetDeleteResponse,
  OffsetFetchResponse,
  SyncGroupResponse,
} from '../coordinator/messages.ts';
import type { Apis } from '../protocol/registry.ts';
import type { Infer, Input } from '../protocol/schema.ts';
import type { RequestContext } from '../server/handler.ts';
import { authorizedOperations } from './authorized-operations.ts';
import { type BrokerContext, code, nodeOf } from './broker-context.ts';

type Request<N extends keyof Apis> = Infer<Apis[N]['request']>;
type Response<N extends keyof Apis> = Input<Apis[N]['response']>;

function send<R extends CoordinatorResponse>(
  context: BrokerContext,
  requestContext: RequestContext,
  request: CoordinatorRequest,
): Promise<R> {
  context.driver.sync();
  return new Promise<R>((resolve) => {
    context.cluster.groups.send(nodeOf(requestContext.brokerId), request, (answer) => resolve(answer as R));
    context.driver.settle();
  });
}

/** Kafka reports a member's host as InetAddress.toString(): `/127.0.0.1`. */
const clientHostOf = (requestContext: RequestContext) =>
  `/${requestContext.clientHost.replace(/^::ffff:/, '')}`;

export async function joinGroup(
  context: BrokerContext,
  request: Request<'JoinGroup'>,
  requestContext: RequestContext,
): Promise<Response<'JoinGroup'>> {
  const version = requestContext.apiVersion;
  const answer = await send<JoinGroupResponse>(context, requestContext, {
    api: 'JoinGroup',
    requestId: 0,
    version,
    groupId: request.groupId,
    sessionTimeoutMs: request.sessionTimeoutMs,
    rebalanceTimeoutMs: version === 0 ? request.sessionTimeoutMs : request.rebalanceTimeoutMs,
    memberId: request.memberId,
    groupInstanceId: request.groupInstanceId ?? null,
    protocolType: request.protocolType,
    protocols: request.protocols.map((p) => ({ name: p.name, metadata: p.metadata })),
    clientId: requestContext.clientId ?? '',
    clientHost: clientHostOf(requestContext),
  });
  return {
    throttleTimeMs: 0,
    errorCode: code(answer.error),
    generationId: answer.generationId,
    protocolType: answer.protocolType,
    // v7+ can say "no protocol" as null; earlier versions have only the empty string.
    protocolName: answer.protocolName ?? (version >= 7 ? null : ''),
    leader: answer.leader,
    skipAssignment: answer.skipAssignment ?? false,
    memberId: answer.memberId,
    members: answer.members.map((member) => ({
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId,
      metadata: Buffer.from(member.metadata),
    })),
  };
}

export async function syncGroup(
  context: BrokerContext,
  request: Request<'SyncGroup'>,
  requestContext: RequestContext,
): Promise<Response<'SyncGroup'>> {
  const answer = await send<SyncGroupResponse>(context, requestContext, {
    api: 'SyncGroup',
    requestId: 0,
    version: requestContext.apiVersion,
    groupId: request.groupId,
    generationId: request.generationId,
    memberId: request.memberId,
    groupInstanceId: request.groupInstanceId ?? null,
    protocolType: request.protocolType,
    protocolName: request.protocolName,
    assignments: request.assignments.map((a) => ({ memberId: a.memberId, assignment: a.assignment })),
  });
  return {
    throttleTimeMs: 0,
    errorCode: code(answer.error),
    protocolType: answer.protocolType,
    protocolName: answer.protocolName,
    assignment: Buffer.from(answer.assignment),
  };
}

export async function heartbeat(
  context: BrokerContext,
  request: Request<'Heartbeat'>,
  requestContext: RequestContext,
): Promise<Response<'Heartbeat'>> {
  const answer = await send<HeartbeatResponse>(context, requestContext, {
    api: 'Heartbeat',
    requestId: 0,
    version: requestContext.apiVersion,
    groupId: request.groupId,
    generationId: request.generationId,
    memberId: request.memberId,
    groupInstanceId: request.groupInstanceId ?? null,
  });
  return { throttleTimeMs: 0, errorCode: code(answer.error) };
}

export async function leaveGroup(
  context: BrokerContext,
  request: Request<'LeaveGroup'>,
  requestContext: RequestContext,
): Promise<Response<'LeaveGroup'>> {
  const version = requestContext.apiVersion;
  const members =
    version >= 3
      ? request.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId }))
      : [{ memberId: request.memberId, groupInstanceId: null }];
  const answer = await send<LeaveGroupResponse>(context, requestContext, {
    api: 'LeaveGroup',
    requestId: 0,
    version,
    groupId: request.groupId,
    members,
  });
  return {
    throttleTimeMs: 0,
    errorCode: code(answer.error),
    members: answer.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      errorCode: code(m.error),
    })),
  };
}

export async function offsetCommit(
  context: BrokerContext,
  request: Request<'OffsetCommit'>,
  requestContext: RequestContext,
): Promise<Response<'OffsetCommit'>> {
  const answer = await send<OffsetCommitResponse>(context, requestContext, {
    api: 'OffsetCommit',
    requestId: 0,
    version: requestContext.apiVersion,
    groupId: request.groupId,
    generationId: request.generationId,
    memberId: request.memberId,
    groupInstanceId: request.groupInstanceId,
    retentionTimeMs: request.retentionTimeMs,
    topics: request.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        committedOffset: p.committedOffset,
        committedLeaderEpoch: p.committedLeaderEpoch,
        committedMetadata: p.committedMetadata,
      })),
    })),
  });
  return {
    throttleTimeMs: 0,
    topics: answer.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: code(p.error),
      })),
    })),
  };
}

type FetchTopics = readonly { name: string; partitionIndexes: readonly number[] }[] | null;

function fetchGroupOffsets(
  context: BrokerContext,
  requestContext: RequestContext,
  groupId: string,
  topics: FetchTopics,
): Promise<OffsetFetchResponse> {
  return send<OffsetFetchResponse>(context, requestContext, {
    api: 'OffsetFetch',
    requestId: 0,
    version: requestContext.apiVersion,
    groupId,
    topics: topics?.map((t) => ({ name: t.name, partitionIndexes: t.partitionIndexes })) ?? null,
  });
}

const fetchedTopics = (answer: OffsetFetchResponse, partitionError = 0) =>
  answer.topics.map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.map((p) => ({
      partitionIndex: p.partitionIndex,
      committedOffset: p.committedOffset,
      committedLeaderEpoch: p.committedLeaderEpoch,
      metadata: p.metadata,
      errorCode: partitionError || code(p.error),
    })),
  }));

export async function offsetFetch(
  context: BrokerContext,
  request: Request<'OffsetFetch'>,
  requestContext: RequestContext,
): Promise<Response<'OffsetFetch'>> {
  if (requestContext.apiVersion >= 8) {
    // v8+: several groups, possibly on different coordinators, each with its own error.
    const answers = await Promise.all(
      request.groups.map((group) => fetchGroupOffsets(context, requestContext, group.groupId, group.topics)),
    );
    return {
      throttleTimeMs: 0,
      groups: request.groups.map((group, index) => ({
        groupId: group.groupId,
        topics: fetchedTopics(answers[index]!),
        errorCode: code(answers[index]!.error),
      })),
    };
  }
  const answer = await fetchGroupOffsets(context, requestContext, request.groupId, request.topics);
  // Before v2 there is no top-level error: Kafka puts it on every partition.
  const topLevel = requestContext.apiVersion < 2 ? code(answer.error) : 0;
  return { throttleTimeMs: 0, errorCode: code(answer.error), topics: fetchedTopics(answer, topLevel) };
}

/**
 * The coordinator describes an unknown group as Dead with no error (Kafka removes dead groups, so
 * Dead means unknown); from v6 Kafka answers GROUP_ID_NOT_FOUND with a message instead (KIP-1043).
 */
function describedError(group: DescribedGroup, version: number) {
  if (version >= 6 && group.error === 'NONE' && group.groupState === 'Dead')
    return { errorCode: code('GROUP_ID_NOT_FOUND'), errorMessage: `Group ${group.groupId} not found.` };
  return { errorCode: code(group.error), errorMessage: null };
}

export async function describeGroups(
  context: BrokerContext,
  request: Request<'DescribeGroups'>,
  requestContext: RequestContext,
): Promise<Response<'DescribeGroups'>> {
  // One coordinator request per group: groups may live on different coordinators.
  const answers = await Promise.all(
    request.groups.map((groupId) =>
      send<DescribeGroupsResponse>(context, requestContext, {
        api: 'DescribeGroups',
        requestId: 0,
        version: requestContext.apiVersion,
        groupIds: [groupId],
      }),
    ),
  );
  const version = requestContext.apiVersion;
  return {
    throttleTimeMs: 0,
    groups: answers.flatMap((answer) =>
      answer.groups.map((group) => ({
        ...describedError(group, version),
        groupId: group.groupId,
        groupState: group.groupState,
        protocolType: group.protocolType,
        protocolData: group.protocolData,
        members: group.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: Buffer.from(m.memberMetadata),
          memberAssignment: Buffer.from(m.memberAssignment),
        })),
        authorizedOperations: authorizedOperations('group', request.includeAuthorizedOperations),
      })),
    ),
  };
}

export async function listGroups(
  context: BrokerContext,
  request: Request<'ListGroups'>,
  requestContext: RequestContext,
): Promise<Response<'ListGroups'>> {
  // Kafka answers ListGroups per broker: the groups this broker coordinates. Every kspec group is
  // a classic group: a v5 types filter without "classic" (case-insensitive) lists none.
  context.driver.sync();
  const types = new Set(request.typesFilter.map((type) => type.toLowerCase()));
  if (types.size > 0 && !types.has('classic')) return { throttleTimeMs: 0, errorCode: 0, groups: [] };
  const partitions = context.cluster.config.offsetsTopicPartitions;
  const groups: { groupId: string; protocolType: string; groupState: string; groupType: string }[] = [];
  for (let partition = 0; partition < partitions; partition++) {
    const shard = context.cluster.groups.shardState(requestContext.brokerId, partition);
    if (!shard) continue;
    for (const group of listShardGroups(shard, request.statesFilter))
      if (group.groupState !== 'Dead') groups.push({ ...group, groupType: 'classic' });
  }
  return { throttleTimeMs: 0, errorCode: 0, groups };
}

/**
 * DeleteGroups (GC-38): the distinct ids go to the coordinators of their partitions (the cluster's
 * group hosting splits them); one result per id.
 */
export async function deleteGroups(
  context: BrokerContext,
  request: Request<'DeleteGroups'>,
  requestContext: RequestContext,
): Promise<Response<'DeleteGroups'>> {
  const answer = await send<DeleteGroupsResponse>(context, requestContext, {
    api: 'DeleteGroups',
    requestId: 0,
    version: requestContext.apiVersion,
    groupIds: [...new Set(request.groupsNames)],
  });
  return {
    throttleTimeMs: 0,
    results: answer.results.map((result) => ({ groupId: result.groupId, errorCode: code(result.error) })),
  };
}

/** OffsetDelete (OC-20, OC-21): unknown partitions are answered by the cluster's request layer. */
export async function offsetDelete(
  context: BrokerContext,
  request: Request<'OffsetDelete'>,
  requestContext: RequestContext,
): Promise<Response<'OffsetDelete'>> {
  const answer = await send<OffsetDeleteResponse>(context, requestContext, {
    api: 'OffsetDelete',
    requestId: 0,
    version: requestContext.apiVersion,
    groupId: request.groupId,
    topics: request.topics.map((topic) => ({
      name: topic.name,
      partitionIndexes: topic.partitions.map((p) => p.partitionIndex),
    })),
  });
  return {
    errorCode: code(answer.error),
    throttleTimeMs: 0,
    topics: answer.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: code(p.error),
      })),
    })),
  };
}
