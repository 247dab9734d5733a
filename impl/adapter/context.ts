// What the event handlers of the adapter share: the cluster, the clients' state, the ids the
// coordinators issued (to name clients in answers), the run's consumer settings, and the outbox
// of observations the current event produced (late answers to earlier events included).
import type { Observation } from '../../spec/observations.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { clientNode } from '../sim/network.ts';
import { type ClientState, newClientState } from './client-state.ts';

export interface ConsumerSettings {
  readonly autoOffsetReset: 'latest' | 'earliest' | 'none';
  readonly enableAutoCommit: boolean;
  readonly autoCommitIntervalMs: number;
  /** max.poll.records (Kafka default 500) when an event gives none. */
  readonly maxPollRecords: number;
}

export class AdapterContext {
  private readonly clients = new Map<string, ClientState>();
  /** member id -> client name, for every id a coordinator gave a client of this run. */
  readonly issued = new Map<string, string>();
  /**
   * Observations of the current event, in order. An answer naming clients is kept as a builder and
   * built at `drain`: one event can release several parked answers (a join phase completing), and
   * the leader's member list may name a member whose own answer, which tells us its id, comes later
   * in the same event.
   */
  private outbox: (Observation | (() => Observation))[] = [];

  constructor(
    readonly cluster: Cluster,
    readonly consumer: ConsumerSettings,
  ) {}

  client(name: string): ClientState {
    let state = this.clients.get(name);
    if (!state) {
      state = newClientState(name, this.cluster.now());
      this.clients.set(name, state);
    }
    return state;
  }

  /** The consumer process dies: a fresh incarnation with nothing remembered. */
  crash(name: string): void {
    const previous = this.clients.get(name);
    this.clients.set(name, newClientState(name, this.cluster.now(), (previous?.incarnation ?? 0) + 1));
  }

  node(name: string): string {
    return clientNode(name);
  }

  /** Admin requests (describe) come from a tool outside any network partition of the run's clients. */
  adminNode(): string {
    return clientNode('kspec-admin');
  }

  emit(observation: Observation): void {
    this.outbox.push(observation);
  }

  /** Emits an answer that names clients by member id: built once every answer of this event is in. */
  emitNaming(build: () => Observation): void {
    this.outbox.push(build);
  }

  /** The client a member id was issued to, or null for an id this run's clients never got. */
  clientOf(memberId: string): string | null {
    return this.issued.get(memberId) ?? null;
  }

  drain(): Observation[] {
    const out = this.outbox;
    this.outbox = [];
    return out.map((entry) => (typeof entry === 'function' ? entry() : entry));
  }

  reachesAnyBroker(clientName: string): boolean {
    return this.cluster.reachesAnyBroker(this.node(clientName));
  }

  /** The leader of a partition as the client's metadata says (from the first broker it reaches). */
  leaderFor(clientName: string, topic: string, partition: number): number | undefined {
    return this.cluster.leaderSeenFrom(this.node(clientName), topic, partition);
  }
}
