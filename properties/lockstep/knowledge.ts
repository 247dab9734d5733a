// What the run knows about the system, learned only from its own events and the answers: clients
// and the member id and generations each was given, topics, which brokers it failed, which sends
// are still owed a re-send, and (when the system can be inspected) its last snapshot. Commands read
// it to choose what is meaningful now; the runner updates it after every step.

import { booleanSetting, type Config, enumSetting, intSetting } from '../../spec/config.ts';
import { isRetriable } from '../../spec/errors.ts';
import { EVENT_CATEGORIES, type Event, MAX_NEW_PARTITIONS_PER_REQUEST } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { SystemState } from '../../spec/state.ts';
import type { ReplicaView } from '../../spec/sut.ts';
import { recordTimestamps } from '../../spec/timestamps.ts';
import type { Swarm } from '../swarm/swarm-config.ts';
import { IdempotentProducers, type ProducerHeader } from './idempotent-producers.ts';
import { InFlightSends } from './in-flight-sends.ts';
import { type ReplicaRole, replicaByRole, soleIsrMemberOf } from './replica-roles.ts';

export interface ClientKnowledge {
  readonly name: string;
  readonly group: string;
  memberId: string;
  /** The generation of the client's last successful join, -1 if none. */
  generation: number;
  /** Generations it was given before, newest last (for deliberately stale requests). */
  readonly previousGenerations: number[];
  /** The client's JoinGroup is parked (no answer yet). */
  joinPending: boolean;
  syncPending: boolean;
  /** The client synced in its current generation and has an assignment. */
  synced: boolean;
  /** It polled records it has not processed yet. */
  unprocessed: boolean;
  isLeader: boolean;
  members: string[];
}

export interface PendingSend {
  readonly value: string;
  readonly producer: string;
  readonly topic: string;
  readonly partition: number;
  attempts: number;
  /** The value's CreateTime as first sent: a retry sends the same, as a producer re-sends its batch. */
  readonly timestamp: number;
  /** An idempotent send's whole batch, its timestamps and header: a retry re-sends them unchanged (IP-2). */
  readonly batch?: {
    readonly values: readonly string[];
    readonly timestamps: readonly number[];
    readonly idempotence: ProducerHeader;
  };
}

export type BrokerStatus = 'up' | 'down' | 'down-data-lost';

/**
 * broker.session.timeout.ms (9000) plus the controller's one-second liveness tick: by then a broker
 * that stopped without a clean shutdown is fenced, and a restarted one registered again (RP-25).
 */
export const FENCED_AFTER_MS = 10_000;

export class RunKnowledge {
  readonly topics = new Map<string, number>();
  readonly clients = new Map<string, ClientKnowledge>();
  readonly brokers: BrokerStatus[];
  /** Values whose last attempt failed with a retriable error (or got no answer) and are not yet acknowledged. */
  readonly pendingSends = new Map<string, PendingSend>();
  readonly acknowledged = new Set<string>();
  /** Sends waiting for their answer (callback applications only). */
  readonly inFlight = new InFlightSends();
  /** Producer ids, epochs and next sequences of the run's idempotent producers. */
  readonly idempotentProducers = new IdempotentProducers();
  /** A broker lost data and has not caught up since: no second storage fault until then. */
  storageFaultPending = false;
  diskLosses = 0;
  lastEventWasFullReplicate = false;
  isolated = false;
  lastState: SystemState | undefined;
  /** Event types the system can apply (set when the run starts). */
  supported: ReadonlySet<Event['type']> = new Set();
  /**
   * The system reports its replicas when asked (SystemUnderTest.replicas: Metadata over the wire)
   * though it has no snapshots: role-named fault targets are then resolved at the moment of the fault.
   */
  replicasObservable = false;
  /** The partition the last produce went to: where a targeted fault does the most harm. */
  lastWritten: { topic: string; partition: number } | undefined;
  nextValue = 0;
  timeMs = 0;
  /** Every record timestamp sent so far, ascending and distinct: where lookups by timestamp aim. */
  readonly sentTimestamps: number[] = [];
  /** The timestamp of the last record sent (undefined before the first). */
  lastSentTimestamp: number | undefined;
  /** When each broker last stopped without a clean shutdown (fenced only FENCED_AFTER_MS later). */
  private readonly uncleanStopMs = new Map<number, number>();
  /** The brokers whose last failure lost data (power or disk). */
  private readonly dataLostAt = new Set<number>();
  /** How often each broker was restarted: a broker down "since" a moment is down with the same count. */
  private readonly restarts = new Map<number, number>();
  /** When each restarted broker's process started (the others started at 0): its log flusher's clock. */
  private readonly startedMs = new Map<number, number>();
  /** Produces in flight: their partition and the brokers down (with restart counts) when sent. */
  private readonly downAtSend = new Map<number, { key: string; down: Map<number, number> }>();
  /**
   * Acknowledged writes per partition ('topic-partition'), each with the brokers that were down
   * when it was sent: a replica down since then cannot hold it.
   */
  private readonly acknowledgedWrites = new Map<string, Map<number, number>[]>();
  /**
   * Per partition, the end of the highest write acknowledged: committed data reaches at least there,
   * even when every replica's high watermark was reset by crashes and restarts.
   */
  private readonly acknowledgedEnd = new Map<string, number>();
  /** Partitions any produce was sent to. */
  private readonly written = new Set<string>();
  /** Whether any group, offsets or consumer request was sent (__consumer_offsets may hold writes). */
  private groupRequestsSent = false;
  /**
   * A group or offsets request was performed, so a FindCoordinator has created __consumer_offsets
   * (RP-27: a DescribeConfigs of it is answered as the run's from then on).
   */
  coordinatorAsked = false;
  /** The run's swarm configuration (properties/swarm), when the suite draws one. */
  swarm: Swarm | undefined;
  /** Outcomes the suite's earlier runs have not reached (swarm suites; probes aim at them). */
  unreached: ReadonlySet<string> | undefined;

  constructor(
    readonly config: Config,
    readonly deliberatelyInvalid = true,
  ) {
    this.brokers = Array.from({ length: intSetting(config, 'brokers') }, () => 'up');
  }

  get acks(): number {
    const acks = enumSetting(this.config, 'acks');
    return acks === 'all' ? -1 : Number(acks);
  }

  /** enable.idempotence: sends carry a producer id, epoch and sequence (IP-1). */
  get idempotent(): boolean {
    return booleanSetting(this.config, 'enable.idempotence');
  }

  get callback(): boolean {
    return enumSetting(this.config, 'kspec.producer.send') === 'callback';
  }

  get processThenCommit(): boolean {
    return enumSetting(this.config, 'kspec.consumer.processing') === 'process-then-commit';
  }

  client(name: string, group: string): ClientKnowledge {
    let c = this.clients.get(name);
    if (!c) {
      c = {
        name,
        group,
        memberId: '',
        generation: -1,
        previousGenerations: [],
        joinPending: false,
        syncPending: false,
        synced: false,
        unprocessed: false,
        isLeader: false,
        members: [],
      };
      this.clients.set(name, c);
    }
    return c;
  }

  newValue(producer: string): string {
    return `${producer}-${this.nextValue++}`;
  }

  #noteTimestamp(timestamp: number): void {
    const list = this.sentTimestamps;
    let at = list.length;
    while (at > 0 && list[at - 1]! > timestamp) at--;
    if (list[at - 1] !== timestamp) list.splice(at, 0, timestamp);
  }

  /** Updates what the run knows from one step. */
  learn(
    event: Event,
    seq: number,
    observations: readonly Observation[],
    state: SystemState | undefined,
  ): void {
    this.lastState = state ?? this.lastState;
    this.lastEventWasFullReplicate =
      event.type === 'replicate' &&
      event.topic === undefined &&
      this.brokers.every((b) => b === 'up') &&
      !this.awaitingFence();
    this.#learnEvent(event, seq);
    const category = EVENT_CATEGORIES[event.type];
    const refused = observations.some((o) => o.type === 'unsupported' && o.request === seq);
    if ((category === 'group' || category === 'offsets') && !refused) this.coordinatorAsked = true;
    for (const o of observations) this.#learnObservation(o);
  }

  #learnEvent(event: Event, seq: number): void {
    const category = EVENT_CATEGORIES[event.type];
    if (category === 'group' || category === 'offsets' || category === 'consumer')
      this.groupRequestsSent = true;
    switch (event.type) {
      case 'create-topic':
      case 'partition-change': {
        const current = this.topics.get(event.topic) ?? 0;
        // A request adding more than Kafka's limit is refused whole, a validate-only one adds nothing (RP-1).
        const validateOnly = event.type === 'partition-change' && event.validateOnly === true;
        if (!validateOnly && event.partitions - current <= MAX_NEW_PARTITIONS_PER_REQUEST)
          this.topics.set(event.topic, Math.max(current, event.partitions));
        break;
      }
      case 'produce': {
        this.lastWritten = { topic: event.topic, partition: event.partition };
        this.written.add(`${event.topic}-${event.partition}`);
        this.downAtSend.set(seq, {
          key: `${event.topic}-${event.partition}`,
          down: new Map(this.downBrokers().map((b) => [b, this.restarts.get(b) ?? 0])),
        });
        const timestamps = recordTimestamps(event, this.timeMs);
        for (const timestamp of timestamps) this.#noteTimestamp(timestamp);
        this.lastSentTimestamp = timestamps.at(-1) ?? this.lastSentTimestamp;
        for (const [i, value] of event.values.entries()) {
          // No conditional spread: V8 reads an object built by spreading fields in much more slowly.
          const pending: PendingSend = this.pendingSends.get(value) ?? {
            value,
            producer: event.producer,
            topic: event.topic,
            partition: event.partition,
            attempts: 0,
            timestamp: timestamps[i]!,
            batch: event.idempotence
              ? { values: event.values, timestamps, idempotence: event.idempotence }
              : undefined,
          };
          pending.attempts += 1;
          this.pendingSends.set(value, pending);
          if (event.acks === 0 || !this.callback) this.#acknowledge(value);
        }
        if (event.acks !== 0 && this.callback) this.inFlight.sent(seq, event.values);
        break;
      }
      case 'broker-failure':
        this.brokers[event.broker] =
          event.kind === 'power-loss' || event.kind === 'disk-loss' ? 'down-data-lost' : 'down';
        if (event.kind === 'power-loss' || event.kind === 'disk-loss') this.storageFaultPending = true;
        if (this.#losesDisk(event.kind)) this.diskLosses += 1;
        if (event.kind !== 'clean-shutdown') this.uncleanStopMs.set(event.broker, this.timeMs);
        if (event.kind === 'power-loss' || event.kind === 'disk-loss') this.dataLostAt.add(event.broker);
        else this.dataLostAt.delete(event.broker);
        break;
      case 'broker-restart':
        this.brokers[event.broker] = 'up';
        this.restarts.set(event.broker, (this.restarts.get(event.broker) ?? 0) + 1);
        this.startedMs.set(event.broker, this.timeMs);
        break;
      case 'replicate':
        if (
          this.brokers.every((b) => b === 'up') &&
          event.topic === undefined &&
          !this.isolated &&
          !this.awaitingFence()
        )
          this.storageFaultPending = false;
        break;
      case 'network-partition':
        this.isolated = true;
        break;
      case 'network-heal':
        this.isolated = false;
        break;
      case 'advance-time':
        this.timeMs += event.ms;
        break;
      case 'consumer-crash': {
        const c = this.clients.get(event.client);
        if (c)
          Object.assign(c, {
            memberId: '',
            generation: -1,
            joinPending: false,
            syncPending: false,
            synced: false,
            unprocessed: false,
            isLeader: false,
          });
        break;
      }
      case 'leave': {
        const c = this.clients.get(event.client);
        if (c) Object.assign(c, { synced: false, joinPending: false, syncPending: false });
        break;
      }
      case 'join': {
        const c = this.client(event.client, event.group);
        c.joinPending = true;
        c.synced = false;
        break;
      }
      case 'sync': {
        const c = this.client(event.client, event.group);
        c.syncPending = true;
        break;
      }
      case 'process': {
        const c = this.clients.get(event.client);
        if (c) c.unprocessed = false;
        break;
      }
      default:
        break;
    }
  }

  #acknowledge(value: string): void {
    this.acknowledged.add(value);
    this.pendingSends.delete(value);
  }

  #learnObservation(o: Observation): void {
    switch (o.type) {
      case 'produce-response': {
        this.inFlight.answered(o.request);
        const sent = this.downAtSend.get(o.request);
        this.downAtSend.delete(o.request);
        if (sent && o.error === 'NONE') {
          const writes = this.acknowledgedWrites.get(sent.key) ?? [];
          writes.push(sent.down);
          this.acknowledgedWrites.set(sent.key, writes);
          if (o.baseOffset >= 0) {
            const end = o.baseOffset + o.values.length;
            this.acknowledgedEnd.set(sent.key, Math.max(end, this.acknowledgedEnd.get(sent.key) ?? 0));
          }
        }
        // An idempotent producer bumps its epoch after OUT_OF_ORDER_SEQUENCE_NUMBER (KIP-360).
        if (o.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' && this.idempotent)
          this.idempotentProducers.bumpEpoch(o.producer);
        const batch = this.pendingSends.get(o.values[0] ?? '')?.batch;
        if (o.error !== 'NONE' && !isRetriable(o.error) && batch && this.idempotent)
          this.idempotentProducers.giveBack(
            o.producer,
            `${o.topic}-${o.partition}`,
            batch.idempotence,
            batch.values.length,
          );
        for (const value of o.values) {
          if (o.error === 'NONE') this.#acknowledge(value);
          else if (!isRetriable(o.error)) this.pendingSends.delete(value);
        }
        break;
      }
      case 'join-response': {
        const c = this.client(o.client, o.group);
        c.joinPending = false;
        if (o.error === 'MEMBER_ID_REQUIRED' || o.error === 'NONE') c.memberId = o.memberId;
        if (o.error === 'NONE') {
          if (c.generation >= 0 && c.generation !== o.generation) c.previousGenerations.push(c.generation);
          c.generation = o.generation;
          c.isLeader = o.leader === o.client;
          c.members = o.members.map((m) => m.client).filter((m): m is string => m !== null);
        }
        if (o.error === 'UNKNOWN_MEMBER_ID') c.memberId = '';
        break;
      }
      case 'sync-response': {
        const c = this.client(o.client, o.group);
        c.syncPending = false;
        c.synced = o.error === 'NONE';
        break;
      }
      case 'heartbeat-response': {
        const c = this.client(o.client, o.group);
        if (o.error === 'REBALANCE_IN_PROGRESS' || o.error === 'ILLEGAL_GENERATION') c.synced = false;
        if (o.error === 'UNKNOWN_MEMBER_ID') Object.assign(c, { synced: false, memberId: '' });
        break;
      }
      case 'poll-result':
        if (o.records.length > 0) this.client(o.client, o.group).unprocessed = true;
        break;
      default:
        break;
    }
  }

  /**
   * The broker playing `role` for the last partition written, as the last snapshot shows or, for a
   * system without snapshots, as `views` (its replicas() answer at the moment of the fault) show.
   */
  replicaOfLastWritten(
    role: ReplicaRole,
    views: readonly ReplicaView[] | undefined = this.lastState?.partitions,
  ): number | undefined {
    return this.lastWritten && views ? replicaByRole(views, this.lastWritten, role) : undefined;
  }

  /** When the broker's process started (its log flusher runs from then on, RP-17). */
  brokerStartedMs(broker: number): number {
    return this.startedMs.get(broker) ?? 0;
  }

  liveBrokers(): number[] {
    return this.brokers.flatMap((status, id) => (status === 'up' ? [id] : []));
  }

  /**
   * How long until every broker stopped without a clean shutdown is surely fenced (and, restarted,
   * registered again and replicating): until then the controller may still count it as leader or in
   * the ISR, and a restarted process has not opened its logs (RP-25). 0 when none is pending.
   */
  fenceWaitMs(): number {
    let wait = 0;
    for (const stoppedMs of this.uncleanStopMs.values())
      wait = Math.max(wait, stoppedMs + FENCED_AFTER_MS - this.timeMs);
    return wait;
  }

  /** The group coordinator the last snapshot names, if any (a fault aimed at it moves the group). */
  groupCoordinator(): number | undefined {
    return this.lastState?.groups.find((g) => g.coordinator !== undefined)?.coordinator;
  }

  /** Whether a member's JoinGroup or SyncGroup is parked on the coordinator now. */
  requestParked(): boolean {
    for (const c of this.clients.values()) if (c.joinPending || c.syncPending) return true;
    return false;
  }

  awaitingFence(): boolean {
    return this.fenceWaitMs() > 0;
  }

  /**
   * RP-20, RP-25: whether a broker that lost data (power or disk) may still be unfenced. Until the
   * controller fences it, it stays in its ISRs; another broker leaving them first (a clean shutdown
   * fences at once) would leave it the sole ISR member, elected with what its disk kept: the hole
   * the safe profile excludes. So no other broker fails until then.
   */
  dataLossUnfenced(): boolean {
    for (const [broker, stoppedMs] of this.uncleanStopMs)
      if (this.dataLostAt.has(broker) && stoppedMs + FENCED_AFTER_MS > this.timeMs) return true;
    return false;
  }

  downBrokers(): number[] {
    return this.brokers.flatMap((status, id) => (status === 'up' ? [] : [id]));
  }

  /**
   * Storage faults within what the safe profile claims to survive (RP-20): one disk loss per run,
   * power losses with flush.messages=1, and otherwise one power loss in place of the disk loss
   * (#losesDisk); one at a time, while every other broker is up and
   * connected. Both are further kept off the sole ISR member of a partition whose committed data an
   * out-of-ISR replica still holds: the broker would come back without it as the only replica
   * eligible and its log would win over the copies (the pre-KIP-966 hole; flushing closes it for
   * power loss, nothing for disk loss). Without a snapshot: with the replicas the system reports
   * (`views`, see storageFaultAllowedByViews), else only right after a full replication round.
   */
  storageFaultAllowed(
    broker: number,
    kind: 'power-loss' | 'disk-loss',
    views?: readonly ReplicaView[],
  ): boolean {
    if (!this.storageFaultPossible(kind) || this.brokers[broker] !== 'up') return false;
    const state = this.lastState;
    if (!state && views) return this.storageFaultAllowedByViews(broker, views);
    if (this.brokers.some((status, id) => id !== broker && status !== 'up')) return false;
    if (!state) return this.lastEventWasFullReplicate;
    return state.partitions.every((p) => {
      if (!(p.isr.length === 1 && p.isr[0] === broker)) return true;
      // The committed point as far as anyone knows: a new leader's own high watermark may lag, and
      // after crashes and restarts every replica's may be behind what producers were acknowledged.
      const committed = Math.max(
        p.highWatermark,
        ...p.replicaStates.map((r) => r.highWatermark),
        this.acknowledgedEnd.get(`${p.topic}-${p.partition}`) ?? 0,
      );
      return (
        committed <= 0 || !p.replicaStates.some((r) => r.broker !== broker && r.logEndOffset >= committed)
      );
    });
  }

  /** The conditions of storageFaultAllowed that do not depend on the target or on replicas. */
  storageFaultPossible(kind: 'power-loss' | 'disk-loss'): boolean {
    if (this.#losesDisk(kind) && this.diskLosses >= 1) return false;
    return !this.storageFaultPending && !this.isolated && !this.awaitingFence();
  }

  /**
   * RP-20: a disk loss, or a power loss while appends may be unflushed (flush.messages other than
   * 1), which loses at most a suffix of what the disk loss would: drawn where a disk loss is, it
   * counts as the run's one disk loss. Under flush.messages=1 every append is fsynced in its step,
   * so a power loss loses nothing acknowledged and is not counted.
   */
  #losesDisk(kind: string): boolean {
    return kind === 'disk-loss' || (kind === 'power-loss' && intSetting(this.config, 'flush.messages') !== 1);
  }

  /**
   * storageFaultAllowed over the wire, where Metadata gives leaders, replicas and ISRs but no log
   * end offsets or high watermarks. Other brokers may be down if they are fenced (no fence is
   * awaited, checked by storageFaultPossible): RP-20 claims any interleaving of crashes and one disk
   * loss. The sole ISR member of a partition is spared unless no other replica can hold that
   * partition's committed data: it has no other replica (replication factor 1), nothing was ever
   * written to it, or a write was acknowledged while every other replica was down, and each
   * has stayed down since (the run's own history shows it). For __consumer_offsets, whose writes
   * the run does not see, the first, or that no group, offsets or consumer request was ever sent
   * (nothing was written to it).
   */
  storageFaultAllowedByViews(broker: number, views: readonly ReplicaView[]): boolean {
    return soleIsrMemberOf(views, broker).every((p) => {
      const others = p.replicas.filter((r) => r !== broker);
      if (others.length === 0) return true;
      if (!this.topics.has(p.topic)) return !this.groupRequestsSent;
      const key = `${p.topic}-${p.partition}`;
      // Any produce sent may have been written and copied, answered or not.
      if (!this.written.has(key)) return true;
      const writes = this.acknowledgedWrites.get(key) ?? [];
      return writes.some((down) =>
        others.every(
          (r) => down.has(r) && this.brokers[r] !== 'up' && (this.restarts.get(r) ?? 0) === down.get(r),
        ),
      );
    });
  }
}
