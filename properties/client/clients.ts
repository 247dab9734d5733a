// The run's clients as one consumer-and-producer library would hold them: each client's state, the
// member ids the coordinators issued (to name clients in answers), the run's consumer settings, the
// transport to the cluster, and the outbox of observations the current event produced (late answers
// to earlier events included).
import type { Config } from '../../spec/config.ts';
import { booleanSetting, enumSetting, intSetting } from '../../spec/config.ts';
import type { Observation } from '../../spec/observations.ts';
import { type ClientState, newClientState } from './client-state.ts';
import { type RunNames, SAME_NAMES } from './run-names.ts';
import type { ClientTransport } from './transport.ts';

export interface ConsumerSettings {
  readonly autoOffsetReset: 'latest' | 'earliest' | 'none';
  readonly enableAutoCommit: boolean;
  readonly autoCommitIntervalMs: number;
  /** max.poll.records when an event gives none. */
  readonly maxPollRecords: number;
  /** The ListOffsets version of a position reset (kspec.consumer.list-offsets.version). */
  readonly listOffsetsVersion: number;
  /** The Produce version producers send (kspec.producer.version). */
  readonly produceVersion: number;
}

/** max.poll.records' Kafka default. */
const MAX_POLL_RECORDS = 500;

export function consumerSettings(config: Config): ConsumerSettings {
  return {
    autoOffsetReset: enumSetting(config, 'auto.offset.reset') as ConsumerSettings['autoOffsetReset'],
    enableAutoCommit: booleanSetting(config, 'enable.auto.commit'),
    autoCommitIntervalMs: intSetting(config, 'auto.commit.interval.ms'),
    listOffsetsVersion: intSetting(config, 'kspec.consumer.list-offsets.version'),
    produceVersion: intSetting(config, 'kspec.producer.version'),
    maxPollRecords: MAX_POLL_RECORDS,
  };
}

export class Clients {
  private readonly states = new Map<string, ClientState>();
  /** member id -> client name, for every id a coordinator gave a client of this run. */
  readonly issued = new Map<string, string>();
  /** group.instance.id -> the client last issued a member id for it. */
  readonly instanceHolders = new Map<string, string>();
  /**
   * Observations of the current event, in order. An answer naming clients is kept as a builder and
   * built at `drain`: one event can release several parked answers (a join phase completing), and
   * the leader's member list may name a member whose own answer, which tells us its id, comes later
   * in the same event.
   */
  private outbox: (Observation | (() => Observation))[] = [];

  constructor(
    readonly transport: ClientTransport,
    readonly settings: ConsumerSettings,
    readonly names: RunNames = SAME_NAMES,
  ) {}

  client(name: string): ClientState {
    let state = this.states.get(name);
    if (!state) {
      state = newClientState(name, this.transport.now());
      this.states.set(name, state);
    }
    return state;
  }

  /** The consumer process dies: its connections close and a fresh incarnation remembers nothing. */
  async crash(name: string): Promise<void> {
    const previous = this.states.get(name);
    this.states.set(name, newClientState(name, this.transport.now(), (previous?.incarnation ?? 0) + 1));
    await this.transport.disconnect(name);
  }

  /** Whether `state` is still the live incarnation of its client (a crashed process hears nothing). */
  alive(state: ClientState): boolean {
    return this.states.get(state.name) === state;
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

  /**
   * A member as a snapshot names it: by the client its id was issued to; a static member whose id
   * no client has yet (a replacement whose JoinGroup is still unanswered, GC-40) by the client that
   * last got an id for its instance id, since a static member is its instance id. Undefined: a
   * member no client of the run knows of yet.
   */
  memberName(memberId: string, instanceId: string | null): string | undefined {
    return (
      this.issued.get(memberId) ?? (instanceId === null ? undefined : this.instanceHolders.get(instanceId))
    );
  }

  drain(): Observation[] {
    const out = this.outbox;
    this.outbox = [];
    return out.map((entry) => (typeof entry === 'function' ? entry() : entry));
  }
}
