// Contract events as the coordinator model's requests: the member id a request carries comes from
// what the client remembers (`own`), and a leader's sync without a plan carries the plan the
// client computes with the group's selected assignor (model/assignors) over its last JoinGroup
// answer, as the Java consumer's leader does.
import type { Event } from '../../spec/events.ts';
import { assign, isStrategy, STICKY_STRATEGIES } from '../assignors/index.ts';
import { copyHeld } from './members.ts';
import type { CoordinatorEvent, Held, JoinAnswer, TopicPartitions } from './types.ts';

/** What a client learned from its answers (the Java consumer keeps the same). */
export interface ClientMemory {
  memberId: string;
  generation: number;
  /** The members of a leader's last JoinGroup answer, with their subscriptions. */
  leaderOf: JoinAnswer['members'] | null;
  protocol: string | null;
  /**
   * What its last successful SyncGroup assigned, and that generation (a leave of its own
   * membership forgets it): a sticky assignor's subscription carries it.
   */
  held: Held | null;
}

export interface RequestContext {
  /** The member id `member` stands for in a request of `client`. */
  memberId(client: string, member: 'own' | 'none' | 'bogus'): string;
  memory(client: string): ClientMemory;
  /** Partitions of a topic, as the client's metadata has them. */
  partitionsOf(topic: string): number;
  /** Whether the broker's metadata has the partition (OffsetDelete's request-layer check, OC-21). */
  partitionExists(topic: string, partition: number): boolean;
  /** The system's id for a member (AS-10: the sticky assignors' order hangs on it); itself when unknown. */
  systemId(memberId: string): string;
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
        protocols: withHeld(event.protocols, ctx.memory(event.client).held),
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
        : leaderPlan(ctx.memory(event.client), ctx.partitionsOf, ctx.systemId);
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

/** A JoinGroup's protocols as the client sends them: a sticky one carries what the client holds. */
function withHeld(protocols: readonly { name: string; topics: readonly string[] }[], held: Held | null) {
  return protocols.map((protocol) =>
    STICKY_STRATEGIES.has(protocol.name) && held ? { ...protocol, held: copyHeld(held) } : protocol,
  );
}

/**
 * A leader without an explicit plan runs the group's selected assignor over its last JoinGroup
 * answer, as its client computes it. Members go to the
 * assignor under the ids the system issued them (AS-10: the sticky assignors visit members in the
 * HashMap order of their ids), and the plan comes back under the model's.
 */
function leaderPlan(
  memory: ClientMemory,
  partitionsOf: (topic: string) => number,
  systemId: (memberId: string) => string,
): { memberId: string; partitions: TopicPartitions[] }[] | undefined {
  if (!memory.leaderOf) return undefined;
  const strategy = memory.protocol !== null && isStrategy(memory.protocol) ? memory.protocol : 'range';
  const topics: Record<string, number> = {};
  for (const member of memory.leaderOf)
    for (const topic of member.topics) topics[topic] = partitionsOf(topic);
  const modelId = new Map(memory.leaderOf.map(({ memberId }) => [systemId(memberId), memberId]));
  const plan = assign(strategy, {
    topics,
    members: memory.leaderOf.map(({ memberId, topics: subscribed, instanceId, held }) => ({
      memberId: systemId(memberId),
      topics: subscribed,
      ...(instanceId ? { groupInstanceId: instanceId } : {}),
      ...(held
        ? {
            owned: held.owned.flatMap((tp) =>
              tp.partitions.map((partition) => ({ topic: tp.topic, partition })),
            ),
            generation: held.generation,
          }
        : {}),
    })),
  });
  return Object.entries(plan).map(([memberId, refs]) => {
    const byTopic = new Map<string, number[]>();
    for (const ref of refs) byTopic.set(ref.topic, [...(byTopic.get(ref.topic) ?? []), ref.partition]);
    return {
      memberId: modelId.get(memberId) ?? memberId,
      partitions: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
    };
  });
}
