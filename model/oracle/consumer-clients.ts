// What each consumer of a run holds between events, as the Java consumer keeps it: its generation,
// its assignment and its positions, and when it last auto-committed. Learned from the answers the
// group model gives (a JoinGroup or SyncGroup answer to this client) and from the client's own
// steps (leaving, crashing). The member id itself is the group model's (GroupModelSystem.memberIdOf).
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';

export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

export interface ConsumerClient {
  generation: number;
  /** In the order of the SyncGroup answer: polls fetch and commits list partitions in this order. */
  assignment: TopicPartitionRef[];
  /** Next offset to fetch, by `tpKey`. */
  readonly positions: Map<string, number>;
  lastAutoCommitMs: number;
}

export const tpKey = (topic: string, partition: number): string => `${topic}\0${partition}`;

/** Events after which a client exists (the first one starts its auto-commit clock). */
const CLIENT_EVENTS: ReadonlySet<Event['type']> = new Set([
  'join',
  'sync',
  'heartbeat',
  'leave',
  'commit',
  'poll',
  'consumer-commit',
]);

export class ConsumerClients {
  private readonly clients = new Map<string, ConsumerClient>();
  /** SyncGroup requests not answered yet: a parked follower learns its generation from its request. */
  private readonly syncGenerations = new Map<number, number>();

  reset(): void {
    this.clients.clear();
    this.syncGenerations.clear();
  }

  get(name: string, nowMs: number): ConsumerClient {
    let client = this.clients.get(name);
    if (!client) {
      client = fresh(nowMs);
      this.clients.set(name, client);
    }
    return client;
  }

  /** Before the event reaches the group model: who exists now, and what the client itself does. */
  before(event: Event, seq: number, nowMs: number): void {
    if (event.type === 'consumer-crash') {
      this.clients.set(event.client, fresh(nowMs)); // a new process remembers nothing
      return;
    }
    if (!CLIENT_EVENTS.has(event.type) || !('client' in event)) return;
    const client = this.get(event.client, nowMs);
    if (event.type === 'sync') {
      this.syncGenerations.set(seq, event.generation);
      for (const entry of event.assignments ?? []) this.get(entry.client, nowMs);
    }
    if (event.type === 'leave' && event.member === 'own') {
      // resetGenerationOnLeaveGroup: generation and assignment go, the member id stays.
      client.generation = -1;
      client.assignment = [];
      client.positions.clear();
    }
  }

  /** After the group model answered: what the answers told their clients. */
  learn(observations: readonly Observation[]): void {
    for (const o of observations) {
      if (o.type === 'join-response') {
        const client = this.clients.get(o.client);
        if (!client) continue;
        if (o.error === 'NONE') client.generation = o.generation;
        else if (o.error === 'UNKNOWN_MEMBER_ID') client.generation = -1;
      } else if (o.type === 'sync-response') {
        const generation = this.syncGenerations.get(o.request);
        this.syncGenerations.delete(o.request);
        const client = this.clients.get(o.client);
        if (!client || o.error !== 'NONE' || generation === undefined) continue;
        client.generation = generation;
        client.assignment = o.assignment.flatMap((tp) =>
          tp.partitions.map((partition) => ({ topic: tp.topic, partition })),
        );
        // onPartitionsRevoked: positions of partitions no longer assigned are forgotten.
        const kept = new Set(client.assignment.map((tp) => tpKey(tp.topic, tp.partition)));
        for (const key of [...client.positions.keys()]) if (!kept.has(key)) client.positions.delete(key);
      }
    }
  }
}

function fresh(nowMs: number): ConsumerClient {
  return { generation: -1, assignment: [], positions: new Map(), lastAutoCommitMs: nowMs };
}

/** The client's positions as commit offsets, in assignment order (what commitSync() sends). */
export function positionsAsOffsets(client: ConsumerClient) {
  return client.assignment
    .filter((tp) => client.positions.has(tpKey(tp.topic, tp.partition)))
    .map((tp) => ({
      topic: tp.topic,
      partition: tp.partition,
      offset: client.positions.get(tpKey(tp.topic, tp.partition))!,
    }));
}
