// Group and offset events of the contract as coordinator requests (impl/coordinator/messages.ts),
// and the coordinator's answers as the contract's observations.

import type { MemberRef } from '../../spec/common.ts';
import type { CommitEvent, EventOf, JoinEvent, SyncEvent } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import {
  CONSUMER_PROTOCOL_TYPE,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
} from '../coordinator/consumer-protocol.ts';
import type { CoordinatorResponse, OffsetCommitRequest } from '../coordinator/messages.ts';
import { ASSIGNORS } from './assignors.ts';
import { BOGUS_MEMBER_ID, type ClientState, flattened, grouped } from './client-state.ts';
import type { AdapterContext } from './context.ts';

/** Assignors that read what a member owned from its subscription. */
const STICKY_PROTOCOLS = new Set(['sticky', 'cooperative-sticky']);
export function memberIdFor(client: ClientState, ref: MemberRef): string {
  if (ref === 'own') return client.memberId;
  if (ref === 'bogus') return BOGUS_MEMBER_ID;
  return '';
}

export function join(ctx: AdapterContext, event: JoinEvent, seq: number): void {
  const client = ctx.client(event.client);
  const incarnation = client.incarnation;
  ctx.cluster.groups.send(
    ctx.node(event.client),
    {
      api: 'JoinGroup',
      requestId: seq,
      version: event.version ?? 9,
      groupId: event.group,
      sessionTimeoutMs: event.sessionTimeoutMs,
      rebalanceTimeoutMs: event.rebalanceTimeoutMs,
      memberId: memberIdFor(client, event.member),
      groupInstanceId: null,
      protocolType: CONSUMER_PROTOCOL_TYPE,
      protocols: event.protocols.map((p) => ({
        name: p.name,
        // The contract's protocol metadata is the subscribed topics: owned partitions go only to the
        // assignors that use them, so a follower re-joining a Stable group with the same topics keeps
        // its generation (GC-15) instead of changing its metadata bytes by what it was assigned.
        metadata: encodeSubscription({
          version: 1,
          topics: p.topics,
          ownedPartitions: STICKY_PROTOCOLS.has(p.name) ? grouped(client.assignment) : [],
        }),
      })),
      clientId: event.client,
      clientHost: '/127.0.0.1',
    },
    (response) => {
      if (response.api !== 'JoinGroup') throw new Error(`JoinGroup answered with ${response.api}`);
      // Only an id the coordinator gave (success or MEMBER_ID_REQUIRED) becomes the client's own;
      // an error answer merely echoes the id the request carried (a bogus one, say).
      const issued =
        response.memberId !== '' && (response.error === 'NONE' || response.error === 'MEMBER_ID_REQUIRED');
      // The id names this client in answers even when the process that asked has crashed since:
      // its member lives on in the group until its session expires (DescribeGroups shows client.id).
      if (issued) ctx.issued.set(response.memberId, event.client);
      // A crashed process never sees the answer.
      if (client.incarnation !== incarnation || ctx.client(event.client) !== client) return;
      if (issued) client.memberId = response.memberId;
      if (response.error === 'UNKNOWN_MEMBER_ID') {
        // The membership is gone: no generation, and a later sync without a plan computes one over
        // the members of this (last) JoinGroup answer, which lists none (spec/events.ts `sync`).
        client.generation = -1;
        client.joinedMembers = [];
      }
      if (response.error === 'NONE') {
        client.generation = response.generationId;
        client.protocol = response.protocolName;
        client.joinedMembers = response.members.map((m) => {
          const subscription = decodeSubscription(m.metadata);
          return {
            memberId: m.memberId,
            topics: subscription.topics,
            owned: flattened(subscription.ownedPartitions),
          };
        });
      }
      // Named at drain: a member of this list may learn its id later in the same event.
      const members = response.members.map((m) => ({
        memberId: m.memberId,
        topics: [...decodeSubscription(m.metadata).topics],
      }));
      ctx.emitNaming(() => ({
        type: 'join-response',
        request: seq,
        client: event.client,
        group: event.group,
        error: response.error,
        memberId: response.memberId,
        generation: response.generationId,
        protocol: response.protocolName,
        leader: ctx.clientOf(response.leader),
        members: members.map((m) => ({ client: ctx.clientOf(m.memberId), ...m })),
      }));
    },
  );
}

/** The plan a leader sends: the event's, or computed with the selected assignor over its last join answer. */
function planFor(
  ctx: AdapterContext,
  client: ClientState,
  event: SyncEvent,
): { memberId: string; assignment: Uint8Array }[] {
  if (event.assignments) {
    return event.assignments.map((entry) => {
      const memberId =
        client.joinedMembers.find((m) => ctx.issued.get(m.memberId) === entry.client)?.memberId ??
        ctx.client(entry.client).memberId;
      return { memberId, assignment: encodeAssignment({ partitions: entry.partitions }) };
    });
  }
  if (client.joinedMembers.length === 0) return [];
  const assignor = ASSIGNORS[client.protocol ?? ''] ?? ASSIGNORS.range!;
  const plan = assignor(
    client.joinedMembers,
    (topic) => ctx.cluster.controller.topic(topic)?.partitions.length ?? 0,
  );
  return [...plan.entries()].map(([memberId, list]) => ({
    memberId,
    assignment: encodeAssignment({ partitions: grouped(list) }),
  }));
}

export function sync(ctx: AdapterContext, event: SyncEvent, seq: number): void {
  const client = ctx.client(event.client);
  const incarnation = client.incarnation;
  ctx.cluster.groups.send(
    ctx.node(event.client),
    {
      api: 'SyncGroup',
      requestId: seq,
      version: 5,
      groupId: event.group,
      generationId: event.generation,
      memberId: memberIdFor(client, event.member),
      groupInstanceId: null,
      protocolType: CONSUMER_PROTOCOL_TYPE,
      protocolName: client.protocol,
      assignments: planFor(ctx, client, event),
    },
    (response) => {
      if (response.api !== 'SyncGroup') throw new Error(`SyncGroup answered with ${response.api}`);
      if (client.incarnation !== incarnation || ctx.client(event.client) !== client) return;
      const assignment =
        response.assignment.length > 0 ? decodeAssignment(response.assignment).partitions : [];
      if (response.error === 'NONE') {
        client.assignment = flattened(assignment);
        client.generation = event.generation;
        // Positions of partitions no longer assigned are forgotten (onPartitionsRevoked).
        const keep = new Set(client.assignment.map((tp) => `${tp.topic}\0${tp.partition}`));
        for (const key of [...client.positions.keys()]) if (!keep.has(key)) client.positions.delete(key);
      }
      ctx.emit({
        type: 'sync-response',
        request: seq,
        client: event.client,
        group: event.group,
        error: response.error,
        assignment: grouped(flattened(assignment)),
      });
    },
  );
}

export function heartbeat(ctx: AdapterContext, event: EventOf<'heartbeat'>, seq: number): void {
  const client = ctx.client(event.client);
  ctx.cluster.groups.send(
    ctx.node(event.client),
    {
      api: 'Heartbeat',
      requestId: seq,
      version: 4,
      groupId: event.group,
      generationId: event.generation,
      memberId: memberIdFor(client, event.member),
      groupInstanceId: null,
    },
    (response) => {
      if (response.api !== 'Heartbeat') throw new Error(`Heartbeat answered with ${response.api}`);
      ctx.emit({
        type: 'heartbeat-response',
        request: seq,
        client: event.client,
        group: event.group,
        error: response.error,
      });
    },
  );
}

export function leave(ctx: AdapterContext, event: EventOf<'leave'>, seq: number): void {
  const client = ctx.client(event.client);
  const memberId = memberIdFor(client, event.member);
  ctx.cluster.groups.send(
    ctx.node(event.client),
    {
      api: 'LeaveGroup',
      requestId: seq,
      version: 3,
      groupId: event.group,
      members: [{ memberId, groupInstanceId: null }],
    },
    (response) => {
      if (response.api !== 'LeaveGroup') throw new Error(`LeaveGroup answered with ${response.api}`);
      const error = response.error !== 'NONE' ? response.error : (response.members[0]?.error ?? 'NONE');
      ctx.emit({ type: 'leave-response', request: seq, client: event.client, group: event.group, error });
    },
  );
  if (event.member === 'own') {
    // The Java consumer forgets its generation and assignment when it leaves
    // (resetGenerationOnLeaveGroup). The member id stays: in the contract, `own` is the id the
    // coordinator last gave this client, so a run re-joins afresh with `none`.
    client.generation = -1;
    client.assignment = [];
    client.positions.clear();
  }
}

export function describeGroup(ctx: AdapterContext, event: EventOf<'describe-group'>, seq: number): void {
  ctx.cluster.groups.send(
    ctx.adminNode(),
    { api: 'DescribeGroups', requestId: seq, version: 5, groupIds: [event.group] },
    (response) => {
      if (response.api !== 'DescribeGroups') throw new Error(`DescribeGroups answered with ${response.api}`);
      const group = response.groups[0]!;
      const state =
        (['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'] as const).find(
          (s) => s === group.groupState,
        ) ?? 'Dead';
      ctx.emitNaming(() => ({
        type: 'describe-response',
        request: seq,
        group: event.group,
        error: group.error,
        state,
        protocol: group.protocolData,
        members: group.members.map((m) => ({
          client: ctx.clientOf(m.memberId),
          memberId: m.memberId,
          assignment:
            m.memberAssignment.length > 0
              ? grouped(flattened(decodeAssignment(m.memberAssignment).partitions))
              : [],
        })),
      }));
    },
  );
}

/** OffsetCommit (v9) and its answer as a commit-response with the given source. */
export function sendCommit(
  ctx: AdapterContext,
  input: {
    client: string;
    group: string;
    generation: number;
    memberId: string;
    offsets: CommitEvent['offsets'];
  },
  source: 'request' | 'auto' | 'consumer',
  seq: number,
): void {
  const topics = new Map<string, OffsetCommitRequest['topics'][number]['partitions'][number][]>();
  for (const o of input.offsets)
    topics.set(o.topic, [
      ...(topics.get(o.topic) ?? []),
      {
        partitionIndex: o.partition,
        committedOffset: o.offset,
        committedLeaderEpoch: -1,
        committedMetadata: o.metadata ?? '',
      },
    ]);
  ctx.cluster.groups.send(
    ctx.node(input.client),
    {
      api: 'OffsetCommit',
      requestId: seq,
      version: 9,
      groupId: input.group,
      generationId: input.generation,
      memberId: input.memberId,
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [...topics.entries()].map(([name, partitions]) => ({ name, partitions })),
    },
    (response: CoordinatorResponse) => {
      if (response.api !== 'OffsetCommit') throw new Error(`OffsetCommit answered with ${response.api}`);
      const errors = new Map(
        response.topics.flatMap((t) =>
          t.partitions.map((p) => [`${t.name}\0${p.partitionIndex}`, p.error] as const),
        ),
      );
      ctx.emit({
        type: 'commit-response',
        request: seq,
        client: input.client,
        group: input.group,
        source,
        generation: input.generation,
        partitions: input.offsets.map((o) => ({
          topic: o.topic,
          partition: o.partition,
          offset: o.offset,
          error: errors.get(`${o.topic}\0${o.partition}`) ?? 'UNKNOWN_SERVER_ERROR',
        })),
      });
    },
  );
}

export function commit(ctx: AdapterContext, event: CommitEvent, seq: number): void {
  const client = ctx.client(event.client);
  sendCommit(ctx, { ...event, memberId: memberIdFor(client, event.member) }, 'request', seq);
}

export function offsetFetch(ctx: AdapterContext, event: EventOf<'offset-fetch'>, seq: number): void {
  const byTopic = new Map<string, number[]>();
  for (const tp of event.partitions ?? [])
    byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
  ctx.cluster.groups.send(
    ctx.node(event.client),
    {
      api: 'OffsetFetch',
      requestId: seq,
      version: 7,
      groupId: event.group,
      topics: event.partitions
        ? [...byTopic.entries()].map(([name, partitionIndexes]) => ({ name, partitionIndexes }))
        : null,
    },
    (response) => {
      if (response.api !== 'OffsetFetch') throw new Error(`OffsetFetch answered with ${response.api}`);
      ctx.emit({
        type: 'offset-fetch-response',
        request: seq,
        client: event.client,
        group: event.group,
        error: response.error,
        offsets: response.topics.flatMap((t) =>
          t.partitions.map((p) => ({
            topic: t.name,
            partition: p.partitionIndex,
            offset: p.committedOffset,
            metadata: p.metadata,
            error: p.error,
          })),
        ),
      });
    },
  );
}

export type { Observation };
