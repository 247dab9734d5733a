// Group and offset events of the contract as wire requests to the group's coordinator, on the
// client's own connection; the answers as the contract's observations (contract names, not the
// run's prefixed ones). A request that fails on the wire answers NETWORK_EXCEPTION and the client
// looks its coordinator up again next time, as a consumer would.
import { ASSIGNORS } from '../../../impl/adapter/assignors.ts';
import {
  CONSUMER_PROTOCOL_TYPE,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
} from '../../../impl/coordinator/consumer-protocol.ts';
import type { ApiName } from '../../../impl/protocol/registry.ts';
import type { MemberRef } from '../../../spec/common.ts';
import type { ErrorName } from '../../../spec/errors.ts';
import type { EventOf } from '../../../spec/events.ts';
import { BOGUS_MEMBER_ID, flattened, grouped, type KafkaClientState } from './client-state.ts';
import { COORDINATOR_MOVED, errorName, type KafkaContext } from './context.ts';

// biome-ignore lint/suspicious/noExplicitAny: decoded wire responses are checked field by field
type Answer = any;

/**
 * Heartbeats and LeaveGroup go on a second connection of the client (as a consumer's heartbeat
 * thread does), so they are not queued behind the client's own parked JoinGroup: a broker answers
 * a connection's requests in order.
 */
export const auxLane = (client: string) => `${client}-aux`;

function memberIdFor(client: KafkaClientState, ref: MemberRef): string {
  if (ref === 'own') return client.memberId;
  if (ref === 'bogus') return BOGUS_MEMBER_ID;
  return '';
}

/** A request to the group's coordinator on the client's lane; an ErrorName when it could not be made. */
async function toCoordinator(
  ctx: KafkaContext,
  lane: string,
  group: string,
  name: ApiName,
  cap: number,
  body: object,
  timeoutMs?: number,
): Promise<Answer | ErrorName> {
  const coordinator = await ctx.coordinator(group).catch(() => 'COORDINATOR_NOT_AVAILABLE' as ErrorName);
  if (typeof coordinator === 'string') return coordinator;
  try {
    return await ctx.target.request(
      coordinator,
      lane,
      name,
      cap,
      body as never,
      timeoutMs ? { timeoutMs } : {},
    );
  } catch (error) {
    if ((error as Error).name === 'UnsupportedApiError') throw error;
    ctx.forgetCoordinator(group);
    return 'NETWORK_EXCEPTION';
  }
}

function noteCoordinatorError(ctx: KafkaContext, group: string, error: ErrorName): void {
  if (COORDINATOR_MOVED.includes(error)) ctx.forgetCoordinator(group);
}

export async function join(ctx: KafkaContext, event: EventOf<'join'>, seq: number): Promise<void> {
  const client = ctx.client(event.client);
  const incarnation = client.incarnation;
  const answer = await toCoordinator(
    ctx,
    event.client,
    event.group,
    'JoinGroup',
    Math.min(event.version ?? 5, 5),
    {
      groupId: ctx.real(event.group),
      sessionTimeoutMs: event.sessionTimeoutMs,
      rebalanceTimeoutMs: event.rebalanceTimeoutMs,
      memberId: memberIdFor(client, event.member),
      groupInstanceId: null,
      protocolType: CONSUMER_PROTOCOL_TYPE,
      protocols: event.protocols.map((p) => ({
        name: p.name,
        metadata: encodeSubscription({
          version: 1,
          topics: p.topics.map((t) => ctx.real(t)),
          ownedPartitions: grouped(client.assignment).map((g) => ({ ...g, topic: ctx.real(g.topic) })),
        }),
      })),
    },
    event.rebalanceTimeoutMs + 5000,
  );
  if (client.incarnation !== incarnation) return;
  const error = typeof answer === 'string' ? (answer as ErrorName) : errorName(answer.errorCode);
  noteCoordinatorError(ctx, event.group, error);
  const members =
    typeof answer === 'string' ? [] : (answer.members as { memberId: string; metadata: Uint8Array }[]);
  const decoded = members.map((m) => ({
    memberId: m.memberId,
    subscription: decodeSubscription(m.metadata),
  }));
  if (typeof answer !== 'string' && answer.memberId) {
    client.memberId = answer.memberId;
    ctx.issued.set(answer.memberId, event.client);
  }
  if (typeof answer !== 'string' && error === 'NONE') {
    client.generation = answer.generationId;
    client.protocol = answer.protocolName;
    client.joinedMembers = decoded.map((m) => ({
      memberId: m.memberId,
      topics: m.subscription.topics.map((t) => ctx.contractName(t)),
      owned: flattened(m.subscription.ownedPartitions).map((tp) => ({
        ...tp,
        topic: ctx.contractName(tp.topic),
      })),
    }));
  }
  ctx.emit({
    type: 'join-response',
    request: seq,
    client: event.client,
    group: event.group,
    error,
    memberId: typeof answer === 'string' ? '' : answer.memberId,
    generation: typeof answer === 'string' ? -1 : Math.max(-1, answer.generationId),
    protocol: typeof answer === 'string' || answer.protocolName === '' ? null : answer.protocolName,
    leader: typeof answer === 'string' ? null : (ctx.issued.get(answer.leader) ?? null),
    members: decoded.map((m) => ({
      client: ctx.issued.get(m.memberId) ?? null,
      memberId: m.memberId,
      topics: m.subscription.topics.map((t) => ctx.contractName(t)),
    })),
  });
}

function planFor(ctx: KafkaContext, client: KafkaClientState, event: EventOf<'sync'>) {
  const encode = (partitions: readonly { topic: string; partitions: readonly number[] }[]) =>
    encodeAssignment({
      partitions: partitions.map((p) => ({ topic: ctx.real(p.topic), partitions: [...p.partitions] })),
    });
  if (event.assignments)
    return event.assignments.map((entry) => ({
      memberId:
        client.joinedMembers.find((m) => ctx.issued.get(m.memberId) === entry.client)?.memberId ??
        ctx.client(entry.client).memberId,
      assignment: encode(entry.partitions),
    }));
  if (client.joinedMembers.length === 0) return [];
  const assignor = ASSIGNORS[client.protocol ?? ''] ?? ASSIGNORS.range!;
  const plan = assignor(client.joinedMembers, (topic) => ctx.topics.get(topic) ?? 0);
  return [...plan.entries()].map(([memberId, list]) => ({ memberId, assignment: encode(grouped(list)) }));
}

export async function sync(ctx: KafkaContext, event: EventOf<'sync'>, seq: number): Promise<void> {
  const client = ctx.client(event.client);
  const incarnation = client.incarnation;
  const answer = await toCoordinator(ctx, event.client, event.group, 'SyncGroup', 3, {
    groupId: ctx.real(event.group),
    generationId: event.generation,
    memberId: memberIdFor(client, event.member),
    groupInstanceId: null,
    assignments: planFor(ctx, client, event),
  });
  if (client.incarnation !== incarnation) return;
  const error = typeof answer === 'string' ? (answer as ErrorName) : errorName(answer.errorCode);
  noteCoordinatorError(ctx, event.group, error);
  const bytes: Uint8Array | undefined = typeof answer === 'string' ? undefined : answer.assignment;
  const assignment =
    bytes && bytes.length > 0
      ? decodeAssignment(bytes).partitions.map((p) => ({
          topic: ctx.contractName(p.topic),
          partitions: p.partitions,
        }))
      : [];
  if (error === 'NONE') {
    client.assignment = flattened(assignment);
    client.generation = event.generation;
    const keep = new Set(client.assignment.map((tp) => `${tp.topic}\0${tp.partition}`));
    for (const key of [...client.positions.keys()]) if (!keep.has(key)) client.positions.delete(key);
  }
  ctx.emit({
    type: 'sync-response',
    request: seq,
    client: event.client,
    group: event.group,
    error,
    assignment: grouped(flattened(assignment)),
  });
}

export async function heartbeat(ctx: KafkaContext, event: EventOf<'heartbeat'>, seq: number): Promise<void> {
  const client = ctx.client(event.client);
  const answer = await toCoordinator(ctx, auxLane(event.client), event.group, 'Heartbeat', 3, {
    groupId: ctx.real(event.group),
    generationId: event.generation,
    memberId: memberIdFor(client, event.member),
    groupInstanceId: null,
  });
  const error = typeof answer === 'string' ? (answer as ErrorName) : errorName(answer.errorCode);
  noteCoordinatorError(ctx, event.group, error);
  ctx.emit({ type: 'heartbeat-response', request: seq, client: event.client, group: event.group, error });
}

export async function leave(ctx: KafkaContext, event: EventOf<'leave'>, seq: number): Promise<void> {
  const client = ctx.client(event.client);
  const memberId = memberIdFor(client, event.member);
  const answer = await toCoordinator(ctx, auxLane(event.client), event.group, 'LeaveGroup', 3, {
    groupId: ctx.real(event.group),
    memberId,
    members: [{ memberId, groupInstanceId: null }],
  });
  let error = typeof answer === 'string' ? (answer as ErrorName) : errorName(answer.errorCode);
  if (error === 'NONE' && typeof answer !== 'string' && Array.isArray(answer.members) && answer.members[0])
    error = errorName(answer.members[0].errorCode);
  if (error === 'NONE' && event.member === 'own') {
    client.assignment = [];
    client.generation = -1;
    client.memberId = '';
  }
  ctx.emit({ type: 'leave-response', request: seq, client: event.client, group: event.group, error });
}

export async function sendCommit(
  ctx: KafkaContext,
  input: {
    client: string;
    group: string;
    generation: number;
    memberId: string;
    offsets: readonly { topic: string; partition: number; offset: number; metadata?: string }[];
  },
  source: 'request' | 'auto' | 'consumer',
  seq: number,
): Promise<void> {
  const topics = grouped(input.offsets).map((g) => ({
    name: ctx.real(g.topic),
    partitions: g.partitions.map((p) => {
      const entry = input.offsets.find((o) => o.topic === g.topic && o.partition === p)!;
      return { partitionIndex: p, committedOffset: entry.offset, committedMetadata: entry.metadata ?? '' };
    }),
  }));
  const answer = await toCoordinator(ctx, input.client, input.group, 'OffsetCommit', 5, {
    groupId: ctx.real(input.group),
    generationId: input.generation,
    memberId: input.memberId,
    retentionTimeMs: -1,
    topics,
  });
  const errorOf = (topic: string, partition: number): ErrorName => {
    if (typeof answer === 'string') return answer as ErrorName;
    const t = (
      answer.topics as { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[]
    ).find((x) => x.name === ctx.real(topic));
    const p = t?.partitions.find((x) => x.partitionIndex === partition);
    return p ? errorName(p.errorCode) : 'UNKNOWN_SERVER_ERROR';
  };
  const partitions = input.offsets.map((o) => ({
    topic: o.topic,
    partition: o.partition,
    offset: o.offset,
    error: errorOf(o.topic, o.partition),
  }));
  for (const p of partitions) noteCoordinatorError(ctx, input.group, p.error);
  ctx.emit({
    type: 'commit-response',
    request: seq,
    client: input.client,
    group: input.group,
    source,
    generation: input.generation,
    partitions,
  });
}

export function commit(ctx: KafkaContext, event: EventOf<'commit'>, seq: number): Promise<void> {
  const client = ctx.client(event.client);
  return sendCommit(
    ctx,
    {
      client: event.client,
      group: event.group,
      generation: event.generation,
      memberId: memberIdFor(client, event.member),
      offsets: event.offsets,
    },
    'request',
    seq,
  );
}

/** Committed offsets of `partitions` (all the group has when null): offset -1 where none. */
export async function fetchCommitted(
  ctx: KafkaContext,
  lane: string,
  group: string,
  partitions: readonly { topic: string; partition: number }[] | null,
): Promise<{
  error: ErrorName;
  offsets: { topic: string; partition: number; offset: number; metadata: string; error: ErrorName }[];
}> {
  const answer = await toCoordinator(ctx, lane, group, 'OffsetFetch', 4, {
    groupId: ctx.real(group),
    topics:
      partitions === null
        ? null
        : grouped(partitions).map((g) => ({ name: ctx.real(g.topic), partitionIndexes: g.partitions })),
  });
  if (typeof answer === 'string') return { error: answer as ErrorName, offsets: [] };
  const error = errorName(answer.errorCode ?? 0);
  noteCoordinatorError(ctx, group, error);
  const offsets = (
    answer.topics as {
      name: string;
      partitions: {
        partitionIndex: number;
        committedOffset: number;
        metadata: string | null;
        errorCode: number;
      }[];
    }[]
  )
    .flatMap((t) =>
      t.partitions.map((p) => ({
        topic: ctx.contractName(t.name),
        partition: p.partitionIndex,
        offset: p.committedOffset,
        metadata: p.metadata ?? '',
        error: errorName(p.errorCode),
      })),
    )
    .filter((o) => partitions !== null || o.offset >= 0)
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  return { error, offsets };
}

export async function offsetFetch(
  ctx: KafkaContext,
  event: EventOf<'offset-fetch'>,
  seq: number,
): Promise<void> {
  const { error, offsets } = await fetchCommitted(ctx, event.client, event.group, event.partitions ?? null);
  ctx.emit({
    type: 'offset-fetch-response',
    request: seq,
    client: event.client,
    group: event.group,
    error,
    offsets,
  });
}

const STATES = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'] as const;

export async function describeGroup(
  ctx: KafkaContext,
  event: EventOf<'describe-group'>,
  seq: number,
): Promise<void> {
  const answer = await toCoordinator(ctx, 'admin', event.group, 'DescribeGroups', 2, {
    groups: [ctx.real(event.group)],
  });
  const group = typeof answer === 'string' ? undefined : answer.groups?.[0];
  const state = STATES.find((s) => s === group?.groupState) ?? 'Dead';
  ctx.emit({
    type: 'describe-response',
    request: seq,
    group: event.group,
    error:
      typeof answer === 'string'
        ? (answer as ErrorName)
        : group
          ? errorName(group.errorCode)
          : 'UNKNOWN_SERVER_ERROR',
    state,
    protocol: group?.protocolData ?? '',
    members: ((group?.members ?? []) as { memberId: string; memberAssignment: Uint8Array }[]).map((m) => ({
      client: ctx.issued.get(m.memberId) ?? null,
      memberId: m.memberId,
      assignment:
        m.memberAssignment.length > 0
          ? decodeAssignment(m.memberAssignment).partitions.map((p) => ({
              topic: ctx.contractName(p.topic),
              partitions: [...p.partitions],
            }))
          : [],
    })),
  });
}
