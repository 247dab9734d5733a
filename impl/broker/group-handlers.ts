// Group APIs: wire requests mapped field by field onto the coordinator's messages
// (impl/coordinator/messages.ts) and routed through the cluster's group hosting; parked JoinGroup and
// SyncGroup answers arrive when the coordinator completes the phase (or its timer fires).
import { listGroups as listShardGroups } from '../coordinator/describe-groups.ts';
import type {
  CoordinatorRequest,
  CoordinatorResponse,
  DescribeGroupsResponse,
  HeartbeatResponse,
  JoinGroupResponse,
  LeaveGroupResponse,
  OffsetCommitResponse,
  OffsetFetchResponse,
  SyncGroupResponse,
} from '../coordinator/messages.ts';
import type { Apis } from '../protocol/registry.ts';
import type { Infer, Input } from '../protocol/schema.ts';
import type { RequestContext } from '../server/handler.ts';
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
    protocolName: answer.protocolName ?? '',
    leader: answer.leader,
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
    protocolType: null,
    protocolName: null,
    assignments: request.assignments.map((a) => ({ memberId: a.memberId, assignment: a.assignment })),
  });
  return { throttleTimeMs: 0, errorCode: code(answer.error), assignment: Buffer.from(answer.assignment) };
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
    groupInstanceId: null,
    retentionTimeMs: request.retentionTimeMs,
    topics: request.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        committedOffset: p.committedOffset,
        committedLeaderEpoch: -1,
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

export async function offsetFetch(
  context: BrokerContext,
  request: Request<'OffsetFetch'>,
  requestContext: RequestContext,
): Promise<Response<'OffsetFetch'>> {
  const answer = await send<OffsetFetchResponse>(context, requestContext, {
    api: 'OffsetFetch',
    requestId: 0,
    version: requestContext.apiVersion,
    groupId: request.groupId,
    topics: request.topics?.map((t) => ({ name: t.name, partitionIndexes: t.partitionIndexes })) ?? null,
  });
  // Before v2 there is no top-level error: Kafka puts it on every partition.
  const topLevel = requestContext.apiVersion < 2 ? code(answer.error) : 0;
  return {
    throttleTimeMs: 0,
    errorCode: code(answer.error),
    topics: answer.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        committedOffset: p.committedOffset,
        metadata: p.metadata,
        errorCode: topLevel || code(p.error),
      })),
    })),
  };
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
  return {
    throttleTimeMs: 0,
    groups: answers.flatMap((answer) =>
      answer.groups.map((group) => ({
        errorCode: code(group.error),
        groupId: group.groupId,
        groupState: group.groupState,
        protocolType: group.protocolType,
        protocolData: group.protocolData,
        members: group.members.map((m) => ({
          memberId: m.memberId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: Buffer.from(m.memberMetadata),
          memberAssignment: Buffer.from(m.memberAssignment),
        })),
      })),
    ),
  };
}

export async function listGroups(
  context: BrokerContext,
  _request: Request<'ListGroups'>,
  requestContext: RequestContext,
): Promise<Response<'ListGroups'>> {
  // Kafka answers ListGroups per broker: the groups this broker coordinates.
  context.driver.sync();
  const partitions = context.cluster.config.offsetsTopicPartitions;
  const groups: { groupId: string; protocolType: string }[] = [];
  for (let partition = 0; partition < partitions; partition++) {
    const shard = context.cluster.groups.shardState(requestContext.brokerId, partition);
    if (!shard) continue;
    for (const group of listShardGroups(shard, []))
      if (group.groupState !== 'Dead')
        groups.push({ groupId: group.groupId, protocolType: group.protocolType });
  }
  return { throttleTimeMs: 0, errorCode: 0, groups };
}
