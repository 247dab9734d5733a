// The reference cluster served over TCP: N brokers in one process (ports P..P+N-1, 127.0.0.1 unless
// told otherwise), real segment files under one data directory, the real clock (RealtimeDriver),
// and the faults the cluster can produce, applied to live listeners: a crashed broker's port closes
// (its connections drop) and opens again on restart, after the broker recovered its logs. The
// cluster's changes (topics, leaders and ISRs, group states and generations, brokers up and down,
// faults) go to the logger one line each, found by comparing a small view of the cluster after
// every request, replication pass and fault (cluster-events.ts).
import { mkdirSync } from 'node:fs';
import { type Config, intSetting, type SettingValue } from '../../spec/config.ts';
import { Cluster } from '../cluster/cluster.ts';
import { BrokerServer } from '../server/broker-server.ts';
import type { FetchPathName } from '../server/fetch-path.ts';
import { type Logger, stderrLogger } from '../server/logger.ts';
import { loggingAdminRefusals } from './admin-refusals.ts';
import type { BrokerAddress, BrokerContext } from './broker-context.ts';
import { type ClusterView, clusterEvents, clusterView } from './cluster-events.ts';
import { readMetadata, restoreMetadata, saveMetadata } from './metadata-store.ts';
import { RealtimeDriver } from './realtime-driver.ts';
import { wireHandler } from './wire-handler.ts';

export interface ReferenceBrokerOptions {
  readonly brokers?: number;
  readonly host?: string;
  /** First port; broker i listens on port + i. 0 picks a free port per broker (tests). */
  readonly port?: number;
  readonly dataDir: string;
  readonly fetchPath?: FetchPathName;
  /** Settings by Kafka's names (spec/config.ts); `brokers` comes from the option above. */
  readonly config?: Readonly<Record<string, SettingValue>>;
  readonly seed?: number;
  readonly logger?: Logger;
  readonly replicationIntervalMs?: number;
}

/** Changes driven by timers alone (session expiry, ISR shrink) are found within this period. */
const WATCH_INTERVAL_MS = 250;

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

export const FAULTS = ['crash', 'power-loss', 'disk-loss', 'restart', 'isolate', 'heal'] as const;
export type FaultName = (typeof FAULTS)[number];

export interface BrokerStatus {
  readonly id: number;
  readonly host: string;
  readonly port: number;
  readonly running: boolean;
}

export class ReferenceBroker {
  readonly cluster: Cluster;
  readonly driver: RealtimeDriver;
  private readonly servers = new Map<number, BrokerServer>();
  private readonly addresses = new Map<number, BrokerAddress>();
  private readonly context: BrokerContext;
  private readonly logger: Logger;
  private stopped = false;
  private view: ClusterView | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  private observeSoon: NodeJS.Immediate | undefined;

  private constructor(private readonly options: ReferenceBrokerOptions) {
    const brokers = options.brokers ?? 1;
    const config: Record<string, SettingValue> = { ...(options.config ?? {}), brokers };
    // kspec's run default replication factor (3) cannot exceed the broker count.
    if (config['replication.factor'] === undefined) config['replication.factor'] = Math.min(3, brokers);
    mkdirSync(options.dataDir, { recursive: true });
    this.logger = options.logger ?? stderrLogger;
    this.cluster = new Cluster({
      seed: options.seed ?? 1,
      config,
      storage: { kind: 'real', directory: options.dataDir },
      startMs: Date.now(),
    });
    this.driver = new RealtimeDriver(this.cluster, {
      ...(options.replicationIntervalMs ? { replicationIntervalMs: options.replicationIntervalMs } : {}),
    });
    this.context = {
      cluster: this.cluster,
      driver: this.driver,
      addresses: this.addresses,
      listening: (id) => this.servers.has(id),
      topicsChanged: () => this.persist(),
      fetchMaxBytes: intSetting(config, 'fetch.max.bytes'),
    };
  }

  /** Starts the cluster (recovering the data directory's topics, if any) and every listener. */
  static async start(options: ReferenceBrokerOptions): Promise<ReferenceBroker> {
    const broker = new ReferenceBroker(options);
    try {
      const saved = readMetadata(options.dataDir);
      if (saved) restoreMetadata(broker.cluster, options.dataDir, saved);
      broker.view = clusterView(broker.cluster);
      for (const [name, topic] of broker.view.topics)
        broker.logger.log(
          'info',
          `recovered topic ${name}: ${topic.partitions} partitions, replication factor ${topic.replicationFactor}`,
          { topic: name },
        );
      broker.driver.onAfterPass(() => broker.scheduleObserve());
      broker.watchTimer = setInterval(() => broker.observe(), WATCH_INTERVAL_MS);
      broker.watchTimer.unref();
      broker.driver.start();
      for (const b of broker.cluster.brokers) await broker.listen(b.id);
    } catch (error) {
      // Leave the data directory as it was (a damaged metadata file must not be overwritten).
      broker.persisting = false;
      await broker.stop();
      throw error;
    }
    return broker;
  }

  private async listen(id: number): Promise<void> {
    const firstPort = this.options.port ?? 9092;
    const known = this.addresses.get(id);
    const server = new BrokerServer({
      brokerId: id,
      handler: this.observed(loggingAdminRefusals(wireHandler(this.context), this.logger)),
      host: this.options.host ?? '127.0.0.1',
      port: known?.port ?? (firstPort === 0 ? 0 : firstPort + id),
      fetchPath: this.options.fetchPath ?? 'sendfile',
      pipelining: 'serial',
      logger: this.logger,
      ...connectionLimits(this.options.config ?? {}),
    });
    const address = await server.start();
    this.servers.set(id, server);
    // A wildcard listener is advertised as loopback: clients cannot connect to 0.0.0.0.
    const advertised = WILDCARD_HOSTS.has(address.host) ? '127.0.0.1' : address.host;
    this.addresses.set(id, { host: advertised, port: address.port });
  }

  /** The handler, each call followed by a look for changes once the event loop turns. */
  private observed<H extends object>(handler: H): H {
    const wrapped: Record<string, unknown> = {};
    for (const [name, method] of Object.entries(handler))
      wrapped[name] =
        typeof method === 'function'
          ? (...args: unknown[]) => {
              this.scheduleObserve();
              return (method as (...a: unknown[]) => unknown).apply(handler, args);
            }
          : method;
    return wrapped as H;
  }

  private scheduleObserve(): void {
    if (this.observeSoon || this.stopped) return;
    this.observeSoon = setImmediate(() => {
      this.observeSoon = undefined;
      this.observe();
    });
  }

  /** Logs what changed in the cluster since the last look. */
  private observe(): void {
    if (this.stopped || !this.view) return;
    const now = clusterView(this.cluster);
    for (const event of clusterEvents(this.view, now))
      this.logger.log(event.level, event.message, event.fields);
    this.view = now;
  }

  /** `host:port,...` of every broker. */
  bootstrap(): string {
    return [...this.addresses.values()].map((a) => `${a.host}:${a.port}`).join(',');
  }

  status(): BrokerStatus[] {
    return this.cluster.brokers.map((b) => ({
      id: b.id,
      host: this.addresses.get(b.id)?.host ?? '',
      port: this.addresses.get(b.id)?.port ?? -1,
      running: b.running && this.servers.has(b.id),
    }));
  }

  /** Which fetch path the listeners use (sendfile falls back to copy when the addon is missing). */
  fetchPathInUse(): string {
    return [...this.servers.values()][0]?.fetchPath.name ?? 'none';
  }

  async fault(kind: FaultName, brokerId?: number): Promise<void> {
    if (this.stopped) throw new Error('the cluster is stopped');
    this.logger.log('warn', `fault: ${kind}${brokerId === undefined ? '' : ` broker ${brokerId}`}`, {
      fault: kind,
      ...(brokerId === undefined ? {} : { broker: brokerId }),
    });
    try {
      await this.applyFault(kind, brokerId);
    } finally {
      this.observe();
    }
  }

  private async applyFault(kind: FaultName, brokerId?: number): Promise<void> {
    if (kind === 'heal') {
      this.cluster.heal();
      this.driver.settle();
      return;
    }
    if (brokerId === undefined || !this.cluster.brokers[brokerId])
      throw new RangeError(`no broker ${brokerId} (brokers are 0..${this.cluster.brokers.length - 1})`);
    this.driver.sync();
    if (kind === 'isolate') this.cluster.isolate([brokerId], []);
    else if (kind === 'restart') await this.restart(brokerId);
    else await this.crash(brokerId, kind);
    this.driver.settle();
  }

  private async crash(id: number, kind: 'crash' | 'power-loss' | 'disk-loss'): Promise<void> {
    // Close the port first, so no response reads a segment file while the crash closes it.
    const server = this.servers.get(id);
    this.servers.delete(id);
    await server?.stop();
    const failure = kind === 'crash' ? 'process-crash' : kind;
    if (!this.cluster.failBroker(id, failure)) throw new Error(`storage cannot produce ${kind}`);
  }

  private async restart(id: number): Promise<void> {
    if (this.cluster.broker(id).running && this.servers.has(id)) return;
    this.cluster.restartBroker(id);
    if (!this.servers.has(id)) await this.listen(id);
  }

  private persisting = true;

  private persist(): void {
    if (!this.stopped && this.persisting) saveMetadata(this.cluster, this.options.dataDir);
  }

  /** Clean shutdown: listeners close, logs are flushed and closed (a clean-shutdown marker each). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.persist();
    this.observe();
    this.stopped = true;
    clearInterval(this.watchTimer);
    if (this.observeSoon) clearImmediate(this.observeSoon);
    this.driver.stop();
    await Promise.all([...this.servers.values()].map((server) => server.stop()));
    this.servers.clear();
    this.cluster.close();
  }
}

/** The listener's limits from the broker settings (Kafka's defaults when not set). */
function connectionLimits(config: Config) {
  return {
    maxConnections: intSetting(config, 'max.connections'),
    maxConnectionsPerIp: intSetting(config, 'max.connections.per.ip'),
    maxRequestBytes: intSetting(config, 'socket.request.max.bytes'),
  };
}
