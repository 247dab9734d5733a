// The data plane of the rule book as a lockstep oracle (spec/oracle.ts): topics, produce, fetch,
// replication, faults and time, computed with the replication model's pure functions
// (model/replication) for every partition of the run. Answers follow SPEC.md's RP, LG and WP
// rules; where the rules leave a choice open (replica placement, which live ISR member an election
// picks, the order followers fetch in) the oracle takes the system's choice from its snapshot
// (adopt.ts) after checking it is one the rules allow.
import { booleanSetting, type Config, intSetting, NEVER } from '../../spec/config.ts';
import type { ErrorName } from '../../spec/errors.ts';
import type { Event, EventType } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { Disallowed, LockstepOracle } from '../../spec/oracle.ts';
import type { SystemState } from '../../spec/state.ts';
import type { Capabilities, Setup } from '../../spec/sut.ts';
import { CONTRACT_VERSION } from '../../spec/version.ts';
import { adoptChoices } from './adopt.ts';
import { type Alternative, fetchOrderAlternatives } from './alternatives.ts';
import { clientFetch } from './client-fetch.ts';
import { setIsr } from './controller.ts';
import { failBroker, flushBroker, heal, isolate, restartBroker } from './faults.ts';
import { listedOffset, listOffsets } from './list-offsets.ts';
import { noteFlushes } from './log-flusher.ts';
import { produce } from './produce.ts';
import { replicate } from './replicate.ts';
import { worldSnapshot } from './snapshot.ts';
import { stateDifferences } from './state-check.ts';
import { Timers } from './time.ts';
import { createPartitions, createTopic } from './topics.ts';
import { ValueTable } from './values.ts';
import { allPartitions, type Choices, cloneWorld, noChoices, partitionKey, type World } from './world.ts';

export const DATA_PLANE_EVENTS = [
  'create-topic',
  'partition-change',
  'produce',
  'fetch',
  'list-offsets',
  'replicate',
  'flush',
  'broker-failure',
  'broker-restart',
  'network-partition',
  'network-heal',
  'advance-time',
] as const satisfies readonly EventType[];

/**
 * Events that never change a data-plane answer of the run's topics: group membership and offsets
 * live in __consumer_offsets (its own partitions: the reference hides them from inspect() and the
 * oracle does not model them), polls and DescribeConfigs only read (the group model answers the
 * latter: it knows when __consumer_offsets was created, RP-27), and processing is the application's.
 */
export const DATA_PLANE_UNAFFECTED_BY = [
  'join',
  'sync',
  'heartbeat',
  'leave',
  'consumer-crash',
  'describe-group',
  'commit',
  'offset-fetch',
  'delete-groups',
  'offset-delete',
  'poll',
  'process',
  'consumer-commit',
  'describe-configs',
] as const satisfies readonly EventType[];

export const DATA_PLANE_OBSERVES = [
  'produce-response',
  'fetch-response',
  'list-offsets-response',
  'admin-response',
  'unsupported',
] as const;

/** max.poll.records default: a fetch event without maxRecords reads at most this many. */
const DEFAULT_MAX_RECORDS = 500;
const PRODUCE_TIMEOUT_MS = 30_000;
/** broker.session.timeout.ms (Kafka's default; not a run setting): RP-25's fencing delay. */
export const BROKER_SESSION_TIMEOUT_MS = 9_000;

export class DataPlaneModel implements LockstepOracle {
  readonly unaffectedBy = DATA_PLANE_UNAFFECTED_BY;
  readonly observes = DATA_PLANE_OBSERVES;
  /** Placement and elections are adopted from snapshots: without them only admin answers are predicted. */
  readonly observesWithoutSnapshots = ['admin-response', 'unsupported'] as const;
  private config: Config = {};
  private world: World = this.emptyWorld({});
  private timers = new Timers(this.world);
  /** The world before the last event, and that event: adopt re-applies it with the system's choices. */
  private before: { world: World; timers: Timers; event: Event; seq: number } | undefined;

  async capabilities(): Promise<Capabilities> {
    return {
      contractVersion: CONTRACT_VERSION,
      name: 'kspec data-plane model',
      events: [...DATA_PLANE_EVENTS],
      inspect: true,
      deterministic: true,
    };
  }

  private emptyWorld(config: Config): World {
    const brokers = config.brokers === undefined ? 0 : intSetting(config, 'brokers');
    return {
      nowMs: 0,
      brokers: Array.from({ length: brokers }, (_, id) => ({
        id,
        running: true,
        fenced: false,
        lastContactMs: 0,
        epoch: 0,
        awaitingRegistration: false,
      })),
      topics: new Map(),
      isolations: [],
      waiting: [],
      values: new ValueTable(),
      outbox: [],
      choices: noChoices(),
      elections: new Map(),
      config: {
        replicaLagTimeMaxMs:
          config.brokers === undefined ? 30_000 : intSetting(config, 'replica.lag.time.max.ms'),
        produceTimeoutMs: PRODUCE_TIMEOUT_MS,
        brokerSessionTimeoutMs: BROKER_SESSION_TIMEOUT_MS,
        defaultMaxRecords: DEFAULT_MAX_RECORDS,
        logFlushSchedulerIntervalMs:
          config.brokers === undefined ? NEVER : intSetting(config, 'log.flush.scheduler.interval.ms'),
        logInitialTaskDelayMs:
          config.brokers === undefined ? 30_000 : intSetting(config, 'log.initial.task.delay.ms'),
        produceVersion: config.brokers === undefined ? 12 : intSetting(config, 'kspec.producer.version'),
      },
    };
  }

  async reset(setup: Setup): Promise<void> {
    this.config = { ...setup.config, brokers: intSetting(setup.config, 'brokers') };
    // unclean.leader.election.enable is read per topic; reading it here validates the run's value.
    booleanSetting(this.config, 'unclean.leader.election.enable');
    this.world = this.emptyWorld(this.config);
    this.timers = new Timers(this.world);
    this.before = undefined;
  }

  async close(): Promise<void> {}

  async apply(event: Event, seq: number): Promise<Observation[]> {
    this.followed = undefined;
    const before = { world: this.world, timers: this.timers, event, seq };
    this.before = before;
    // Listed only when asked (a runner asks when the answers differ from the model's own).
    this.lastAlternatives = event.type === 'replicate' ? 'not listed' : undefined;
    this.world = cloneWorld(before.world);
    this.timers = before.timers.cloneFor(this.world);
    return this.run(event, seq, noChoices());
  }

  /**
   * Every answer list the last event may give, over the open choices inside it, when they differ
   * (otherwise undefined): the order followers fetch in within a replicate round decides whether a
   * returning follower rejoins the ISR before another one's fetch moves the HW (RP-5, RP-7), and so
   * which waiting acks=all produces the round completes. A runner compares the system's answers
   * with any of these; adopt then follows the order the system's snapshot shows.
   */
  alternatives(): readonly Observation[][] | undefined {
    return this.listedAlternatives()?.map((alternative) => alternative.answers);
  }

  /** The system answered as alternative `index`: take the fetch orders that give it (a system without snapshots). */
  followAlternative(index: number): void {
    const alternative = this.listedAlternatives()?.[index];
    const before = this.before;
    if (!alternative || !before) return;
    const choices = noChoices();
    for (const [key, order] of alternative.orders) choices.fetchOrders.set(key, order);
    this.world = cloneWorld(before.world);
    this.timers = before.timers.cloneFor(this.world);
    this.run(before.event, before.seq, choices);
    this.followed = alternative.orders;
  }

  /** The fetch orders followed for the last event (followAlternative), where adopt starts from. */
  private followed: ReadonlyMap<string, number[]> | undefined;

  private lastAlternatives: Alternative[] | 'not listed' | undefined;

  private listedAlternatives(): Alternative[] | undefined {
    if (this.lastAlternatives === 'not listed')
      this.lastAlternatives = this.before ? this.fetchOrderAnswers(this.before) : undefined;
    return this.lastAlternatives;
  }

  private fetchOrderAnswers(before: { world: World; timers: Timers; event: Event; seq: number }) {
    const replay = (choices: Choices): Observation[] => {
      const saved = { world: this.world, timers: this.timers };
      this.world = cloneWorld(before.world);
      this.timers = before.timers.cloneFor(this.world);
      const out = this.run(before.event, before.seq, choices);
      ({ world: this.world, timers: this.timers } = saved);
      return out;
    };
    return fetchOrderAlternatives(allPartitions(before.world), replay);
  }

  /** Applies `event` to the current world with `choices`, returning its observations. */
  private run(event: Event, seq: number, choices: Choices): Observation[] {
    const world = this.world;
    world.outbox = [];
    world.choices = choices;
    world.elections = new Map();
    const waitingBefore = world.waiting.length;
    this.dispatch(event, seq);
    for (const entry of world.waiting.slice(waitingBefore))
      if (entry.request === seq) this.timers.schedule(entry.deadlineMs, 'produce-timeout');
    // A timer already due fires now, as a broker's timer thread would, without time passing.
    this.timers.advanceTo(world.nowMs);
    noteFlushes(world);
    for (const [key, isr] of choices.isrAfter) {
      const p = allPartitions(world).find((q) => partitionKey(q) === key);
      if (p) setIsr(world, p, isr);
    }
    const out = world.outbox;
    world.outbox = [];
    return out;
  }

  private dispatch(event: Event, seq: number): void {
    const world = this.world;
    const known = (broker: number) => broker >= 0 && broker < world.brokers.length;
    const admin = (op: 'create-topic' | 'partition-change', topic: string, error: ErrorName) => {
      world.outbox.push({ type: 'admin-response', request: seq, op, topic, error });
    };
    switch (event.type) {
      case 'create-topic':
        admin('create-topic', event.topic, createTopic(world, this.config, event, world.choices.placements));
        break;
      case 'partition-change':
        admin(
          'partition-change',
          event.topic,
          createPartitions(
            world,
            event.topic,
            event.partitions,
            world.choices.placements,
            event.validateOnly,
          ),
        );
        break;
      case 'produce':
        produce(world, event, seq);
        break;
      case 'fetch':
        clientFetch(world, event, seq);
        break;
      case 'list-offsets':
        listOffsets(world, event, seq);
        break;
      case 'replicate':
        replicate(world, event.topic, event.partition, event);
        break;
      case 'network-partition':
        isolate(world, event.isolate.brokers.filter(known), event.isolate.clients);
        break;
      case 'network-heal':
        heal(world);
        break;
      case 'advance-time':
        this.timers.advanceTo(world.nowMs + event.ms);
        break;
      case 'flush':
      case 'broker-failure':
      case 'broker-restart':
        if (!known(event.broker)) {
          world.outbox.push({
            type: 'unsupported',
            request: seq,
            event: event.type,
            reason: `no broker ${event.broker} in this cluster`,
          });
        } else if (event.type === 'flush') flushBroker(world, event.broker);
        else if (event.type === 'broker-failure') failBroker(world, event.broker, event.kind);
        else if (!world.brokers[event.broker]!.running) {
          restartBroker(world, event.broker);
          this.timers.startLogFlusher(event.broker);
        }
        break;
      default:
        world.outbox.push({
          type: 'unsupported',
          request: seq,
          event: event.type,
          reason: 'the data-plane model covers topics, produce, fetch, replication, faults and time',
        });
    }
  }

  adopt(observed: SystemState): readonly Disallowed[] {
    const before = this.before;
    // Adopted once per event: a composite oracle may call adopt after events it kept from the data
    // plane; then only the snapshot is checked.
    this.before = undefined;
    if (!before) return stateDifferences(this.world, undefined, observed);
    let replayed: { world: World; timers: Timers } | undefined;
    const simulate = (choices: Choices): World => {
      this.world = cloneWorld(before.world);
      this.timers = before.timers.cloneFor(this.world);
      this.run(before.event, before.seq, choices);
      replayed = { world: this.world, timers: this.timers };
      return this.world;
    };
    const applied = { world: this.world, timers: this.timers };
    const { choices, disallowed } = adoptChoices(
      before.world,
      applied.world,
      before.event,
      observed,
      simulate,
      this.followed,
    );
    if (choices) simulate(choices);
    else if (replayed) ({ world: this.world, timers: this.timers } = applied);
    // Choices the rules forbid are reported already; what else differs is reported once.
    if (disallowed.length > 0) return disallowed;
    return stateDifferences(this.world, before.event.type, observed);
  }

  async inspect(): Promise<SystemState> {
    return worldSnapshot(this.world);
  }

  // ---- for composition (model/oracle reads the data plane through this) ----

  /**
   * ListOffsets as `client` sees it (RP-24: earliest the log start offset, latest the leader's HW),
   * or undefined when it answers an error: what a consumer's auto.offset.reset reads.
   */
  listOffset(
    client: string,
    topic: string,
    partition: number,
    which: 'earliest' | 'latest',
  ): number | undefined {
    const answer = listedOffset(this.world, client, topic, partition, which === 'earliest' ? -2 : -1);
    return answer.error === 'NONE' ? answer.offset : undefined;
  }
}

export function dataPlaneModel(): DataPlaneModel {
  return new DataPlaneModel();
}
