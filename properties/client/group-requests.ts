// Group and offset events as a consumer library's coordinator requests (JoinGroup with the
// MEMBER_ID_REQUIRED round, SyncGroup with the leader's assignor, Heartbeat, LeaveGroup,
// OffsetCommit, OffsetFetch, DescribeGroups), and the answers as the contract's observations.
// Answers may come at once or during a later event (a parked JoinGroup), through any transport.

import {
  CONSUMER_PROTOCOL_TYPE,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
  type TopicPartitionList,
} from '../../impl/coordinator/consumer-protocol.ts';
import { assign, isStrategy } from '../../model/assignors/index.ts';
import { ClientName, type MemberRef } from '../../spec/common.ts';
import type { CommitEvent, EventOf, JoinEvent, SyncEvent } from '../../spec/events.ts';
import { BOGUS_MEMBER_ID, type ClientState, flattened, grouped } from './client-state.ts';
import type { Clients } from './clients.ts';
import { heldIn, stickyFields } from './sticky-subscription.ts';
import { ADMIN, type Endpoint } from './transport.ts';

const GROUP_STATES = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'] as const;

const main = (client: string): Endpoint => ({ client, lane: 'main' });

function memberIdFor(client: ClientState, ref: MemberRef): string {
  if (ref === 'own') return client.memberId;
  if (ref === 'bogus') return BOGUS_MEMBER_ID;
  return '';
}

/** Topic-partition lists renamed topic by topic (run prefixes on and off). */
const renamed = (lists: readonly TopicPartitionList[], name: (topic: string) => string) =>
  lists.map((l) => ({ topic: name(l.topic), partitions: [...l.partitions] }));

function assignmentOf(clients: Clients, bytes: Uint8Array) {
  return bytes.length > 0 ? renamed(decodeAssignment(bytes).partitions, clients.names.contract) : [];
}

export function join(clients: Clients, event: JoinEvent, seq: number): void {
  const { names } = clients;
  const client = clients.client(event.client);
  clients.transport.send(
    main(event.client),
    {
      api: 'JoinGroup',
      requestId: seq,
      version: event.version ?? 9,
      groupId: names.real(event.group),
      sessionTimeoutMs: event.sessionTimeoutMs,
      rebalanceTimeoutMs: event.rebalanceTimeoutMs,
      memberId: memberIdFor(client, event.member),
      groupInstanceId: event.instanceId ?? null,
      protocolType: CONSUMER_PROTOCOL_TYPE,
      protocols: event.protocols.map((p) => ({
        name: p.name,
        // The contract's protocol metadata is the subscribed topics: what the member holds goes only
        // to the assignors that read it, so a follower re-joining a Stable group with the same topics
        // keeps its generation (GC-15) unless a sticky assignor's subscription changed with it.
        metadata: encodeSubscription({
          topics: p.topics.map(names.real),
          ...stickyFields(p.name, {
            owned: renamed(grouped(client.assignment), names.real),
            generation: client.assignedGeneration,
          }),
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
      if (issued) {
        clients.issued.set(response.memberId, event.client);
        if (event.instanceId !== undefined) clients.instanceHolders.set(event.instanceId, event.client);
      }
      const members = response.members.map((m) => {
        const subscription = decodeSubscription(m.metadata);
        const held = heldIn(response.protocolName, subscription);
        return {
          memberId: m.memberId,
          topics: subscription.topics.map(names.contract),
          owned: flattened(renamed(held.owned, names.contract)),
          generation: held.generation,
          ...(m.groupInstanceId ? { groupInstanceId: m.groupInstanceId } : {}),
        };
      });
      // A crashed process never sees the answer.
      if (!clients.alive(client)) return;
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
        client.joinedMembers = members;
      }
      // Named at drain: a member of this list may learn its id later in the same event.
      clients.emitNaming(() => ({
        type: 'join-response',
        request: seq,
        client: event.client,
        group: event.group,
        error: response.error,
        memberId: response.memberId,
        generation: response.generationId,
        protocol: response.protocolName,
        leader: clients.clientOf(response.leader),
        members: members.map((m) => ({
          client: clients.clientOf(m.memberId),
          memberId: m.memberId,
          topics: [...m.topics],
          ...(m.groupInstanceId ? { instanceId: m.groupInstanceId } : {}),
        })),
      }));
    },
  );
}

/** The plan a leader sends: the event's, or computed with the selected assignor over its last join answer. */
function planFor(clients: Clients, client: ClientState, event: SyncEvent) {
  const encode = (lists: readonly TopicPartitionList[]) =>
    encodeAssignment({ partitions: renamed(lists, clients.names.real) });
  if (event.assignments)
    return event.assignments.map((entry) => ({
      memberId:
        client.joinedMembers.find((m) => clients.issued.get(m.memberId) === entry.client)?.memberId ??
        clients.client(entry.client).memberId,
      assignment: encode(entry.partitions),
    }));
  if (client.joinedMembers.length === 0) return [];
  const strategy = client.protocol !== null && isStrategy(client.protocol) ? client.protocol : 'range';
  const topics: Record<string, number> = {};
  for (const member of client.joinedMembers)
    for (const topic of member.topics)
      topics[topic] = clients.transport.partitions(clients.names.real(topic));
  const plan = assign(strategy, { topics, members: client.joinedMembers });
  return Object.entries(plan).map(([memberId, list]) => ({ memberId, assignment: encode(grouped(list)) }));
}

export function sync(clients: Clients, event: SyncEvent, seq: number): void {
  const client = clients.client(event.client);
  clients.transport.send(
    main(event.client),
    {
      api: 'SyncGroup',
      requestId: seq,
      version: 5,
      groupId: clients.names.real(event.group),
      generationId: event.generation,
      memberId: memberIdFor(client, event.member),
      groupInstanceId: event.instanceId ?? null,
      protocolType: CONSUMER_PROTOCOL_TYPE,
      protocolName: client.protocol,
      assignments: planFor(clients, client, event),
    },
    (response) => {
      if (response.api !== 'SyncGroup') throw new Error(`SyncGroup answered with ${response.api}`);
      if (!clients.alive(client)) return;
      const assignment = assignmentOf(clients, response.assignment);
      if (response.error === 'NONE') {
        client.assignment = flattened(assignment);
        client.generation = event.generation;
        client.assignedGeneration = event.generation;
        // Positions of partitions no longer assigned are forgotten (onPartitionsRevoked).
        const keep = new Set(client.assignment.map((tp) => `${tp.topic}\0${tp.partition}`));
        for (const key of [...client.positions.keys()]) if (!keep.has(key)) client.positions.delete(key);
      }
      clients.emit({
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

export function heartbeat(clients: Clients, event: EventOf<'heartbeat'>, seq: number): void {
  const client = clients.client(event.client);
  clients.transport.send(
    { client: event.client, lane: 'heartbeat' },
    {
      api: 'Heartbeat',
      requestId: seq,
      version: 4,
      groupId: clients.names.real(event.group),
      generationId: event.generation,
      memberId: memberIdFor(client, event.member),
      groupInstanceId: event.instanceId ?? null,
    },
    (response) => {
      if (response.api !== 'Heartbeat') throw new Error(`Heartbeat answered with ${response.api}`);
      clients.emit({
        type: 'heartbeat-response',
        request: seq,
        client: event.client,
        group: event.group,
        error: response.error,
      });
    },
  );
}

export function leave(clients: Clients, event: EventOf<'leave'>, seq: number): void {
  const client = clients.client(event.client);
  const memberId = memberIdFor(client, event.member);
  clients.transport.send(
    { client: event.client, lane: 'heartbeat' },
    {
      api: 'LeaveGroup',
      requestId: seq,
      version: event.version ?? 3,
      groupId: clients.names.real(event.group),
      members: [{ memberId, groupInstanceId: event.instanceId ?? null }],
    },
    (response) => {
      if (response.api !== 'LeaveGroup') throw new Error(`LeaveGroup answered with ${response.api}`);
      const error = response.error !== 'NONE' ? response.error : (response.members[0]?.error ?? 'NONE');
      clients.emit({ type: 'leave-response', request: seq, client: event.client, group: event.group, error });
    },
  );
  if (event.member === 'own') {
    // The Java consumer forgets its generation and assignment when it leaves
    // (resetGenerationOnLeaveGroup). The member id stays: in the contract, `own` is the id the
    // coordinator last gave this client, so a run re-joins afresh with `none`.
    client.generation = -1;
    client.assignment = [];
    client.assignedGeneration = -1;
    client.positions.clear();
  }
}

const CLIENT_NAME = new RegExp(ClientName.pattern!);
/** A client.id that is a contract client's name (spec/common.ts ClientName), else null. */
const contractClient = (clientId: string | null): string | null =>
  clientId !== null && clientId.length <= ClientName.maxLength! && CLIENT_NAME.test(clientId)
    ? clientId
    : null;

export function describeGroup(clients: Clients, event: EventOf<'describe-group'>, seq: number): void {
  clients.transport.send(
    ADMIN,
    { api: 'DescribeGroups', requestId: seq, version: 5, groupIds: [clients.names.real(event.group)] },
    (response) => {
      if (response.api !== 'DescribeGroups') throw new Error(`DescribeGroups answered with ${response.api}`);
      const group = response.groups[0]!;
      const state = GROUP_STATES.find((s) => s === group.groupState) ?? 'Dead';
      clients.emitNaming(() => ({
        type: 'describe-response',
        request: seq,
        group: event.group,
        error: group.error,
        state,
        protocol: group.protocolData,
        members: group.members.map((m) => ({
          // By the client its id was issued to; a static member whose first JoinGroup is still
          // parked has no id yet, so by its client.id, which is the contract client's name.
          client: clients.clientOf(m.memberId) ?? contractClient(m.clientId),
          memberId: m.memberId,
          assignment: grouped(flattened(assignmentOf(clients, m.memberAssignment))),
        })),
      }));
    },
  );
}

export interface CommitInput {
  readonly client: string;
  readonly group: string;
  readonly generation: number;
  readonly memberId: string;
  /** A static member's group.instance.id (GC-40). */
  readonly instanceId?: string;
  /** OffsetCommit version; absent: 9 (OC-1). */
  readonly version?: number;
  readonly offsets: CommitEvent['offsets'];
}

/** OffsetCommit and its answer as a commit-response with the given source (commitSync, auto commit, a raw request). */
export function sendCommit(
  clients: Clients,
  input: CommitInput,
  source: 'request' | 'auto' | 'consumer',
  seq: number,
): void {
  const { names } = clients;
  const topics = new Map<
    string,
    {
      partitionIndex: number;
      committedOffset: number;
      committedLeaderEpoch: number;
      committedMetadata: string;
    }[]
  >();
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
  clients.transport.send(
    main(input.client),
    {
      api: 'OffsetCommit',
      requestId: seq,
      version: input.version ?? 9,
      groupId: names.real(input.group),
      generationId: input.generation,
      memberId: input.memberId,
      groupInstanceId: input.instanceId ?? null,
      retentionTimeMs: -1,
      topics: [...topics.entries()].map(([name, partitions]) => ({ name: names.real(name), partitions })),
    },
    (response) => {
      if (response.api !== 'OffsetCommit') throw new Error(`OffsetCommit answered with ${response.api}`);
      const errors = new Map(
        response.topics.flatMap((t) =>
          t.partitions.map((p) => [`${names.contract(t.name)}\0${p.partitionIndex}`, p.error] as const),
        ),
      );
      clients.emit({
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

export function commit(clients: Clients, event: CommitEvent, seq: number): void {
  const client = clients.client(event.client);
  sendCommit(clients, { ...event, memberId: memberIdFor(client, event.member) }, 'request', seq);
}

/** An OffsetFetch of `partitions` (every committed one when null), topics in first-seen order. */
export function offsetFetchRequest(
  clients: Clients,
  group: string,
  partitions: readonly { topic: string; partition: number }[] | null,
  seq: number,
) {
  const byTopic = new Map<string, number[]>();
  for (const tp of partitions ?? []) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
  return {
    api: 'OffsetFetch' as const,
    requestId: seq,
    version: 7,
    groupId: clients.names.real(group),
    topics: partitions
      ? [...byTopic.entries()].map(([name, partitionIndexes]) => ({
          name: clients.names.real(name),
          partitionIndexes,
        }))
      : null,
  };
}

export function offsetFetch(clients: Clients, event: EventOf<'offset-fetch'>, seq: number): void {
  clients.transport.send(
    main(event.client),
    offsetFetchRequest(clients, event.group, event.partitions ?? null, seq),
    (response) => {
      if (response.api !== 'OffsetFetch') throw new Error(`OffsetFetch answered with ${response.api}`);
      clients.emit({
        type: 'offset-fetch-response',
        request: seq,
        client: event.client,
        group: event.group,
        error: response.error,
        offsets: response.topics.flatMap((t) =>
          t.partitions.map((p) => ({
            topic: clients.names.contract(t.name),
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
