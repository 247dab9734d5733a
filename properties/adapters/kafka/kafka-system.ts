// `--adapter kafka:HOST:PORT[,HOST:PORT...]`: any Kafka-protocol cluster as a system under test,
// driven in real time through kspec's low-level client (impl/client). Every event becomes the
// requests a client library would send; answers become the contract's observations. Because a real
// cluster cannot be reset, every run uses fresh topic and group names (a per-run prefix, mapped back
// in answers). Not deterministic, no inspect(): only the history checkers judge it.
//
// Time: advance-time sleeps for real, at most `maxSleepMs` (default 500 ms), so a run stays quick;
// the target's own timers (session timeouts, replica lag) run on its clock, so a timeout the run
// expects may not have fired yet. replicate sleeps briefly (replication is the target's own).
// Faults: through a --fault-cmd or a kspec broker control port (faults.ts); else `unsupported`.
import type { Event } from '../../../spec/events.ts';
import { EVENT_TYPES } from '../../../spec/events.ts';
import type { Observation } from '../../../spec/observations.ts';
import type { Capabilities, Setup, SystemUnderTest } from '../../../spec/sut.ts';
import { CONTRACT_VERSION } from '../../../spec/version.ts';
import { newClient } from './client-state.ts';
import { KafkaContext } from './context.ts';
import { consumerCommit, createTopic, partitionChange, poll, produce, rawFetch } from './data-events.ts';
import type { FaultHook, FaultKind } from './faults.ts';
import { auxLane, commit, describeGroup, heartbeat, join, leave, offsetFetch, sync } from './group-events.ts';
import { type Address, KafkaTarget } from './target.ts';

export interface KafkaSystemOptions {
  readonly bootstrap: readonly Address[];
  readonly faults?: FaultHook;
  /** Longest real sleep for one advance-time event. */
  readonly maxSleepMs?: number;
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

export class KafkaSystem implements SystemUnderTest {
  private readonly target: KafkaTarget;
  private ctx: KafkaContext | undefined;
  private readonly pending = new Set<Promise<void>>();

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
    await this.settle(2000);
    await this.target.closeAll();
    runCounter += 1;
    const prefix = `kspec-${setup.seed.toString(36)}-${Date.now().toString(36)}-${runCounter}-`;
    this.ctx = new KafkaContext(this.target, prefix, setup.config);
  }

  async apply(event: Event, seq: number): Promise<Observation[]> {
    const ctx = this.ctx;
    if (!ctx) throw new Error('reset() must be called before apply()');
    const work = this.dispatch(ctx, event, seq).catch((error: Error) => {
      if (error.name === 'UnsupportedApiError')
        ctx.emit({ type: 'unsupported', request: seq, event: event.type, reason: error.message });
      else throw error;
    });
    if (event.type === 'join' || event.type === 'sync') {
      // Parked by design until other members act: answered during a later event if not now.
      this.pending.add(work);
      void work.finally(() => this.pending.delete(work)).catch(() => undefined);
      await Promise.race([work, sleep(this.options.parkWaitMs ?? 300)]);
    } else await work;
    await this.settle(SETTLE_MS);
    // Without a fault hook nothing of ours stopped the brokers: a cluster refusing every connection
    // has died (a crash is a finding, not a run of NETWORK_EXCEPTIONs).
    if (!this.options.faults && (await this.target.unreachable()))
      throw new Error(
        `the target stopped accepting connections during event ${seq} (${event.type}): every bootstrap broker refuses (crashed?)`,
      );
    return ctx.drain();
  }

  private async settle(ms: number): Promise<void> {
    if (this.pending.size > 0) await Promise.race([Promise.allSettled([...this.pending]), sleep(ms)]);
  }

  private async fault(
    ctx: KafkaContext,
    event: Event,
    seq: number,
    kind: FaultKind,
    broker: number | null,
  ): Promise<void> {
    const problem = this.options.faults
      ? await this.options.faults.inject(kind, broker)
      : 'no fault hook (give --fault-cmd or --control)';
    ctx.forgetLeaders();
    if (problem) ctx.emit({ type: 'unsupported', request: seq, event: event.type, reason: problem });
  }

  private async dispatch(ctx: KafkaContext, event: Event, seq: number): Promise<void> {
    switch (event.type) {
      case 'join':
        return join(ctx, event, seq);
      case 'sync':
        return sync(ctx, event, seq);
      case 'heartbeat':
        return heartbeat(ctx, event, seq);
      case 'leave':
        return leave(ctx, event, seq);
      case 'commit':
        return commit(ctx, event, seq);
      case 'offset-fetch':
        return offsetFetch(ctx, event, seq);
      case 'describe-group':
        return describeGroup(ctx, event, seq);
      case 'consumer-crash': {
        const before = ctx.clients.get(event.client);
        ctx.clients.set(event.client, newClient(event.client, (before?.incarnation ?? 0) + 1));
        await this.target.closeLane(event.client);
        await this.target.closeLane(auxLane(event.client));
        return;
      }
      case 'poll':
        return poll(ctx, event, seq);
      case 'process':
        return; // processing is the application's; the broker sees nothing
      case 'consumer-commit':
        return consumerCommit(ctx, event, seq);
      case 'fetch':
        return rawFetch(ctx, event, seq);
      case 'produce':
        return produce(ctx, event, seq);
      case 'create-topic':
        return createTopic(ctx, event, seq);
      case 'partition-change':
        return partitionChange(ctx, event, seq);
      case 'advance-time':
        ctx.nowMs += event.ms;
        await sleep(Math.min(event.ms, this.options.maxSleepMs ?? 500));
        return;
      case 'replicate':
        await sleep(REPLICATE_SLEEP_MS);
        return;
      case 'broker-failure':
        return this.fault(ctx, event, seq, event.kind, event.broker);
      case 'broker-restart':
        return this.fault(ctx, event, seq, 'restart', event.broker);
      case 'network-partition':
        if (event.isolate.clients.length > 0) {
          ctx.emit({
            type: 'unsupported',
            request: seq,
            event: event.type,
            reason: 'clients cannot be isolated from outside',
          });
          return;
        }
        for (const broker of event.isolate.brokers) await this.fault(ctx, event, seq, 'isolate', broker);
        return;
      case 'network-heal':
        return this.fault(ctx, event, seq, 'heal', null);
      case 'flush':
        ctx.emit({
          type: 'unsupported',
          request: seq,
          event: event.type,
          reason: 'no flush request in the Kafka protocol',
        });
        return;
    }
  }

  async close(): Promise<void> {
    await this.settle(1000);
    await this.target.closeAll();
    this.ctx = undefined;
  }
}
