// The reference cluster behind the contract's SystemUnderTest (spec/sut.ts): every event kind,
// answered with the contract's observations; inspect() gives the normal-form state. Runs on real
// segment files in a temporary directory (default) or on the simulated, crash-capable file system.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { booleanSetting, enumSetting, intSetting } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import { EVENT_TYPES } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { SystemState } from '../../spec/state.ts';
import type { Capabilities, Setup, SystemUnderTest } from '../../spec/sut.ts';
import { CONTRACT_VERSION } from '../../spec/version.ts';
import { Cluster, type ClusterVariants } from '../cluster/cluster.ts';
import type { NetworkOptions } from '../sim/network.ts';
import { consumerCommit, poll, produce, rawFetch } from './consumer-events.ts';
import { AdapterContext, type ConsumerSettings } from './context.ts';
import {
  commit,
  describeGroup,
  heartbeat,
  join as joinGroup,
  leave,
  offsetFetch,
  sync,
} from './group-events.ts';
import { inspectCluster } from './inspect.ts';

export interface ReferenceSystemOptions {
  /** 'real' (default): segment files under a fresh temporary directory; 'simulated': in memory, every crash kind. */
  readonly storage?: 'real' | 'simulated';
  /** Parent of the temporary directory for real storage (default: the OS temp dir). */
  readonly temporaryParent?: string;
  /** Real storage: call the OS fsync at sync points (default false: power loss is emulated by a journal). */
  readonly fsync?: boolean;
  /** Seeded message loss between nodes (default none), e.g. { dropProbability: 0.01 }. */
  readonly network?: NetworkOptions;
  /** Known-bad variants of the cluster (e.g. pre-KIP-101 truncation), to show the checker finds them. */
  readonly variants?: ClusterVariants;
}

const MAX_POLL_RECORDS = 500;

export function createReferenceSystem(
  options: ReferenceSystemOptions = {},
): SystemUnderTest & { cluster(): Cluster | undefined } {
  const storage = options.storage ?? 'real';
  let context: AdapterContext | undefined;
  let directory: string | undefined;

  const release = () => {
    context?.cluster.close();
    context = undefined;
    if (directory) rmSync(directory, { recursive: true, force: true });
    directory = undefined;
  };

  const active = (): AdapterContext => {
    if (!context) throw new Error('reset() must be called before apply()');
    return context;
  };

  return {
    cluster: () => context?.cluster,
    async capabilities(): Promise<Capabilities> {
      return {
        contractVersion: CONTRACT_VERSION,
        name: `kspec reference cluster (${storage} storage${options.variants?.truncateToHighWatermark ? ', pre-KIP-101 truncation' : ''})`,
        events: [...EVENT_TYPES],
        inspect: true,
        deterministic: true,
      };
    },
    async reset(setup: Setup): Promise<void> {
      release();
      if (storage === 'real')
        directory = mkdtempSync(join(options.temporaryParent ?? tmpdir(), 'kspec-cluster-'));
      const cluster = new Cluster({
        seed: setup.seed,
        config: setup.config,
        // Real segment files; crashes and power loss are emulated on them, so an OS fsync adds only time.
        storage: directory
          ? { kind: 'real', directory, fsync: options.fsync ?? false }
          : { kind: 'simulated' },
        ...(options.variants ? { variants: options.variants } : {}),
        ...(options.network ? { network: options.network } : {}),
      });
      const consumer: ConsumerSettings = {
        autoOffsetReset: enumSetting(
          setup.config,
          'auto.offset.reset',
        ) as ConsumerSettings['autoOffsetReset'],
        enableAutoCommit: booleanSetting(setup.config, 'enable.auto.commit'),
        autoCommitIntervalMs: intSetting(setup.config, 'auto.commit.interval.ms'),
        maxPollRecords: MAX_POLL_RECORDS,
      };
      context = new AdapterContext(cluster, consumer);
    },
    async apply(event: Event, seq: number): Promise<Observation[]> {
      const ctx = active();
      applyEvent(ctx, event, seq);
      // A timer already due (a zero initial rebalance delay, a join phase every member has
      // reached) fires now, as Kafka's timer thread would, without waiting for time to pass.
      ctx.cluster.advanceTo(ctx.cluster.now());
      return ctx.drain();
    },
    async inspect(): Promise<SystemState> {
      return inspectCluster(active());
    },
    async close(): Promise<void> {
      release();
    },
  };
}

function unsupported(ctx: AdapterContext, event: Event, seq: number, reason: string): void {
  ctx.emit({ type: 'unsupported', request: seq, event: event.type, reason });
}

function applyEvent(ctx: AdapterContext, event: Event, seq: number): void {
  const cluster = ctx.cluster;
  const knownBroker = (id: number) => id >= 0 && id < cluster.brokers.length;
  switch (event.type) {
    case 'join':
      joinGroup(ctx, event, seq);
      return;
    case 'sync':
      sync(ctx, event, seq);
      return;
    case 'heartbeat':
      heartbeat(ctx, event, seq);
      return;
    case 'leave':
      leave(ctx, event, seq);
      return;
    case 'consumer-crash':
      ctx.crash(event.client);
      return;
    case 'describe-group':
      describeGroup(ctx, event, seq);
      return;
    case 'commit':
      commit(ctx, event, seq);
      return;
    case 'offset-fetch':
      offsetFetch(ctx, event, seq);
      return;
    case 'poll':
      poll(ctx, event, seq);
      return;
    case 'process':
      return; // processing is the application's; the broker sees nothing
    case 'consumer-commit':
      consumerCommit(ctx, event, seq);
      return;
    case 'fetch':
      rawFetch(ctx, event, seq);
      return;
    case 'produce':
      produce(ctx, event, seq);
      return;
    case 'create-topic': {
      const answer = cluster.createTopic(
        event.topic,
        event.partitions,
        event.replicationFactor,
        event.config ?? {},
      );
      ctx.emit({
        type: 'admin-response',
        request: seq,
        op: 'create-topic',
        topic: event.topic,
        error: answer.error,
      });
      return;
    }
    case 'partition-change': {
      const answer = cluster.createPartitions(event.topic, event.partitions);
      ctx.emit({
        type: 'admin-response',
        request: seq,
        op: 'partition-change',
        topic: event.topic,
        error: answer.error,
      });
      return;
    }
    case 'broker-failure':
      if (!knownBroker(event.broker))
        unsupported(ctx, event, seq, `no broker ${event.broker} in this cluster`);
      else if (!cluster.failBroker(event.broker, event.kind))
        unsupported(
          ctx,
          event,
          seq,
          `${event.kind} cannot be produced on real storage; use the simulated file system`,
        );
      return;
    case 'broker-restart':
      if (!knownBroker(event.broker))
        unsupported(ctx, event, seq, `no broker ${event.broker} in this cluster`);
      else cluster.restartBroker(event.broker);
      return;
    case 'network-partition':
      cluster.isolate(event.isolate.brokers.filter(knownBroker), event.isolate.clients);
      return;
    case 'network-heal':
      cluster.heal();
      return;
    case 'replicate':
      cluster.data.replicate(event.topic, event.partition);
      return;
    case 'flush':
      if (!knownBroker(event.broker))
        unsupported(ctx, event, seq, `no broker ${event.broker} in this cluster`);
      else cluster.flush(event.broker);
      return;
    case 'advance-time':
      cluster.advanceTo(cluster.now() + event.ms);
      return;
  }
}
