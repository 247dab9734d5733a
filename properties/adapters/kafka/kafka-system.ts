// `--adapter kafka:HOST:PORT[,HOST:PORT...]`: any Kafka-protocol cluster as a system under test,
// driven in real time by kspec's one client (properties/client) over the wire transport. Every
// event becomes the requests a client library would send; answers become the contract's
// observations. Because a real cluster cannot be reset, every run uses fresh topic and group names
// (a per-run prefix, mapped back in answers). Not deterministic, no inspect(): only the history
// checkers judge it.
//
// Time: advance-time sleeps for real, at most `maxSleepMs` (default 500 ms), so a run stays quick;
// the target's own timers (session timeouts, replica lag) run on its clock, so a timeout the run
// expects may not have fired yet. replicate sleeps briefly (replication is the target's own).
// Record timestamps and lookups by timestamp are on the run's clock shifted to the cluster's (reset).
// Faults: through a --fault-cmd or a kspec broker control port (faults.ts); else `unsupported`.
import type { Event } from '../../../spec/events.ts';
import { EVENT_TYPES } from '../../../spec/events.ts';
import type { Observation } from '../../../spec/observations.ts';
import type { Capabilities, ReplicaView, Setup, SystemUnderTest } from '../../../spec/sut.ts';
import { CONTRACT_VERSION } from '../../../spec/version.ts';
import { applyClientEvent } from '../../client/apply-client-event.ts';
import { Clients, consumerSettings } from '../../client/clients.ts';
import { prefixedNames, type RunNames } from '../../client/run-names.ts';
import { type Address, KafkaTarget, UnsupportedApiError } from '../../client/wire/target.ts';
import { WireTransport } from '../../client/wire/wire-transport.ts';
import type { FaultHook, FaultKind } from './faults.ts';

/** How far before the wall clock a run's clock starts on a real cluster (see reset). */
const RUN_CLOCK_LEAD_MS = 3_600_000;

export interface KafkaSystemOptions {
  readonly bootstrap: readonly Address[];
  readonly faults?: FaultHook;
  /** Longest real sleep for one advance-time event. */
  readonly maxSleepMs?: number;
  /**
   * How long a replicate event waits (default 100 ms): a cluster whose followers fetch lazily
   * (a long replica.fetch.wait.max.ms) needs longer before the final phase's reads see the HW.
   */
  readonly replicateSleepMs?: number;
  /** How long a JoinGroup/SyncGroup answer is awaited before it is left parked for a later event. */
  readonly parkWaitMs?: number;
  readonly connectTimeoutMs?: number;
  /** Longest wait for one answer (default 20 s). */
  readonly requestTimeoutMs?: number;
}

const FAULT_EVENTS = new Set<Event['type']>([
  'broker-failure',
  'broker-restart',
  'network-partition',
  'network-heal',
]);
/** flush has no wire request and no hook: a real broker flushes on its own schedule. */
const NEVER = new Set<Event['type']>(['flush']);
const REPLICATE_SLEEP_MS = 100;
const SETTLE_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let runCounter = 0;

interface Run {
  readonly transport: WireTransport;
  readonly clients: Clients;
  readonly names: RunNames;
}

const OFFSETS_TOPIC = '__consumer_offsets';

export class KafkaSystem implements SystemUnderTest {
  private readonly target: KafkaTarget;
  private run: Run | undefined;

  constructor(private readonly options: KafkaSystemOptions) {
    this.target = new KafkaTarget(
      options.bootstrap,
      options.connectTimeoutMs ?? 5000,
      options.requestTimeoutMs,
    );
  }

  async capabilities(): Promise<Capabilities> {
    const where = this.options.bootstrap.map((a) => `${a.host}:${a.port}`).join(',');
    return {
      contractVersion: CONTRACT_VERSION,
      name: `Kafka-protocol cluster at ${where}`,
      events: EVENT_TYPES.filter(
        (type) => !NEVER.has(type) && (this.options.faults || !FAULT_EVENTS.has(type)),
      ),
      inspect: false,
      deterministic: false,
    };
  }

  async reset(setup: Setup): Promise<void> {
    await this.run?.transport.settle(2000);
    await this.target.closeAll();
    runCounter += 1;
    const prefix = `kspec-${setup.seed.toString(36)}-${Date.now().toString(36)}-${runCounter}-`;
    const transport = new WireTransport(this.target, setup.config);
    // The run's clock starts an hour before the wall clock on the cluster's, so its record
    // timestamps are of the broker's recent past: an advance-time that moved the run's clock ahead
    // of real time (it sleeps at most maxSleepMs) stays within message.timestamp.after.max.ms (1
    // hour) for one more hour, and lookups by timestamp find what they find on the model (LG-7).
    // Not further back: Kafka ages an idempotent producer's state by its batches' timestamps, and
    // a day-old timestamp (producer.id.expiration.ms, 1 day) drops it at the next log load, after
    // which a retry is written twice (IP-2; measured on a 3-node Kafka 4.4 with a 24 h lead).
    transport.timestampOriginMs = Date.now() - RUN_CLOCK_LEAD_MS;
    const names = prefixedNames(prefix);
    this.run = { transport, clients: new Clients(transport, consumerSettings(setup.config), names), names };
  }

  async apply(event: Event, seq: number): Promise<Observation[]> {
    const run = this.run;
    if (!run) throw new Error('reset() must be called before apply()');
    const { transport, clients } = run;
    const unsupported = (reason: string) =>
      clients.emit({ type: 'unsupported', request: seq, event: event.type, reason });
    try {
      if (!(await applyClientEvent(clients, event, seq)))
        await this.applySystemEvent(run, event, unsupported);
    } catch (error) {
      if (!(error instanceof UnsupportedApiError)) throw error;
      unsupported(error.message);
    }
    // Parked by design until other members act: a JoinGroup or SyncGroup is answered during a later
    // event if not within parkWaitMs.
    await transport.settle(
      event.type === 'join' || event.type === 'sync' ? (this.options.parkWaitMs ?? 300) : SETTLE_MS,
    );
    const reason = transport.takeUnsupported();
    if (reason) unsupported(reason);
    // Without a fault hook nothing of ours stopped the brokers: a cluster refusing every connection
    // has died (a crash is a finding, not a run of NETWORK_EXCEPTIONs).
    if (!this.options.faults && (await this.target.unreachable()))
      throw new Error(
        `the target stopped accepting connections during event ${seq} (${event.type}): every bootstrap broker refuses (crashed?)`,
      );
    return clients.drain();
  }

  /**
   * The run's partitions (and __consumer_offsets') as the cluster reports them now: one Metadata
   * request, made when a fault is aimed at a role. Topic names are the contract's.
   */
  async replicas(): Promise<readonly ReplicaView[]> {
    const run = this.run;
    if (!run) throw new Error('reset() must be called before replicas()');
    const views = await run.transport.describeReplicas([OFFSETS_TOPIC]);
    return views.map((v) => ({
      ...v,
      topic: v.topic === OFFSETS_TOPIC ? v.topic : run.names.contract(v.topic),
    }));
  }

  private async fault(
    run: Run,
    kind: FaultKind,
    broker: number | null,
    unsupported: (reason: string) => void,
  ): Promise<void> {
    const problem = this.options.faults
      ? await this.options.faults.inject(kind, broker)
      : 'no fault hook (give --fault-cmd or --control)';
    run.transport.faultInjected();
    if (problem) unsupported(problem);
  }

  /** The events the cluster itself produces, as far as they can be produced from outside. */
  private async applySystemEvent(
    run: Run,
    event: Event,
    unsupported: (reason: string) => void,
  ): Promise<void> {
    switch (event.type) {
      case 'advance-time':
        run.transport.nowMs += event.ms;
        await sleep(Math.min(event.ms, this.options.maxSleepMs ?? 500));
        return;
      case 'replicate':
        // RP-26 / RP-10: a real cluster's followers fetch on their own, so one follower fetching
        // alone, at a chosen offset or epoch, or a chosen ISR-expiration moment, cannot be arranged.
        if (
          event.follower !== undefined ||
          event.fetchOffset !== undefined ||
          event.lastFetchedEpoch !== undefined ||
          event.expireIsrBeforeCompletion
        ) {
          unsupported(
            "a real cluster's replication runs on its own: no chosen follower fetch or ISR expiration",
          );
          return;
        }
        await sleep(this.options.replicateSleepMs ?? REPLICATE_SLEEP_MS);
        return;
      case 'broker-failure':
        return this.fault(run, event.kind, event.broker, unsupported);
      case 'broker-restart':
        return this.fault(run, 'restart', event.broker, unsupported);
      case 'network-partition':
        if (event.isolate.clients.length > 0) {
          unsupported('clients cannot be isolated from outside');
          return;
        }
        for (const broker of event.isolate.brokers) await this.fault(run, 'isolate', broker, unsupported);
        return;
      case 'network-heal':
        return this.fault(run, 'heal', null, unsupported);
      case 'flush':
        unsupported('no flush request in the Kafka protocol');
        return;
      default:
        throw new Error(`event ${event.type} is neither the client's nor the cluster's`);
    }
  }

  async close(): Promise<void> {
    await this.run?.transport.settle(1000);
    await this.target.closeAll();
    this.run = undefined;
  }
}
