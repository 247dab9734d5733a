// Contract events as the coordinator model's requests: the member id a request carries comes from
// what the client remembers (`own`), and a leader's sync without a plan carries the plan the
// client computes with the group's selected assignor (model/assignors) over its last JoinGroup
// answer, as the Java consumer's leader does.
import type { Event } from '../../spec/events.ts';
import { assign, isStrategy } from '../assignors/index.ts';
import type { CoordinatorEvent, TopicPartitions } from './types.ts';

/** What a client learned from its answers (the Java consumer keeps the same). */
export interface ClientMemory {
  memberId: string;
  generation: number;
  /** The members of a leader's last JoinGroup answer, with their subscriptions. */
  leaderOf: { memberId: string; client: string; topics: string[]; instanceId?: string }[] | null;
  protocol: string | null;
}

export interface RequestContext {
  /** The member id `member` stands for in a request of `client`. */
  memberId(client: string, member: 'own' | 'none' | 'bogus'): string;
  memory(client: string): ClientMemory;
  /** Partitions of a topic, as the client's metadata has them. */
  partitionsOf(topic: string): number;
  /** Whether the broker's metadata has the partition (OffsetDelete's request-layer check, OC-21). */
  partitionExists(topic: string, partition: number): boolean;
}

/** The coordinator request of a contract event; 'handled' by the adapter itself; 'unsupported'. */
export function coordinatorRequest(
  event: Event,
  seq: number,
  ctx: RequestContext,
): CoordinatorEvent | 'unsupported' | 'handled' {
  switch (event.type) {
    case 'join':
      return {
        type: 'join',
        request: seq,
        client: event.client,
        group: event.group,
        memberId: ctx.memberId(event.client, event.member),
        ...(event.instanceId ? { instanceId: event.instanceId } : {}),
        protocols: event.protocols,
        sessionTimeoutMs: event.sessionTimeoutMs,
        rebalanceTimeoutMs: event.rebalanceTimeoutMs,
        version: event.version ?? 9,
      };
    case 'sync': {
      const assignments = event.assignments
        ? event.assignments.map((entry) => ({
            memberId: ctx.memory(entry.client).memberId,
            partitions: entry.partitions,
          }))
        : leaderPlan(ctx.memory(event.client), ctx.partitionsOf);
      return {
        type: 'sync',
        request: seq,
        client: event.client,
        group: event.group,
        memberId: ctx.memberId(event.client, event.member),
        ...(event.instanceId ? { instanceId: event.instanceId } : {}),
        generation: event.generation,
        protocolName: ctx.memory(event.client).protocol,
        ...(assignments ? { assignments } : {}),
      };
    }
    case 'heartbeat':
      return {
        type: 'heartbeat',
        request: seq,
        client: event.client,
        group: event.group,
        memberId: ctx.memberId(event.client, event.member),
        ...(event.instanceId ? { instanceId: event.instanceId } : {}),
        generation: event.generation,
      };
    case 'leave':
      return {
        type: 'leave',
        request: seq,
        client: event.client,
        group: event.group,
        memberId: ctx.memberId(event.client, event.member),
        ...(event.instanceId ? { instanceId: event.instanceId } : {}),
      };
    case 'commit':
      return {
        type: 'commit',
        request: seq,
        client: event.client,
        group: event.group,
        memberId: ctx.memberId(event.client, event.member),
        ...(event.instanceId ? { instanceId: event.instanceId } : {}),
        generation: event.generation,
        offsets: event.offsets,
        version: event.version ?? 9,
        source: 'request',
      };
    case 'offset-fetch':
      return {
        type: 'offset-fetch',
        request: seq,
        client: event.client,
        group: event.group,
        ...(event.partitions ? { partitions: event.partitions } : {}),
      };
    case 'describe-group':
      return { type: 'describe-group', request: seq, group: event.group };
    case 'delete-groups':
      return { type: 'delete-groups', request: seq, client: event.client, groups: event.groups };
    case 'offset-delete':
      return {
        type: 'offset-delete',
        request: seq,
        client: event.client,
        group: event.group,
        partitions: event.topics.flatMap(({ topic, partitions }) =>
          partitions.map((partition) => ({
            topic,
            partition,
            exists: ctx.partitionExists(topic, partition),
          })),
        ),
      };
    case 'advance-time':
      return { type: 'advance-time', ms: event.ms };
    case 'create-topic':
    case 'partition-change':
    case 'consumer-crash':
    case 'describe-configs': // an admin's request to any broker, answered from the topics (RP-27)
    case 'process': // the application's own work: no request reaches the coordinator
      return 'handled';
    default:
      return 'unsupported';
  }
}

/** A leader without an explicit plan runs the group's assignor over its last JoinGroup answer. */
function leaderPlan(
  memory: ClientMemory,
  partitionsOf: (topic: string) => number,
): { memberId: string; partitions: TopicPartitions[] }[] | undefined {
  if (!memory.leaderOf) return undefined;
  const strategy = memory.protocol !== null && isStrategy(memory.protocol) ? memory.protocol : 'range';
  const topics: Record<string, number> = {};
  for (const member of memory.leaderOf)
    for (const topic of member.topics) topics[topic] = partitionsOf(topic);
  const plan = assign(strategy, {
    topics,
    members: memory.leaderOf.map(({ memberId, topics: subscribed, instanceId }) => ({
      memberId,
      topics: subscribed,
      ...(instanceId ? { groupInstanceId: instanceId } : {}),
    })),
  });
  return Object.entries(plan).map(([memberId, refs]) => {
    const byTopic = new Map<string, number[]>();
    for (const ref of refs) byTopic.set(ref.topic, [...(byTopic.get(ref.topic) ?? []), ref.partition]);
    return { memberId, partitions: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })) };
  });
}
