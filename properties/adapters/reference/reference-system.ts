// The reference cluster (impl/) as the contract's SystemUnderTest (spec/sut.ts): kspec's one client
// (properties/client) plays the client events over the in-process transport; the cluster applies
// time, faults, replication and flushes itself; inspect() gives the normal-form state. Runs on real
// segment files in a temporary directory (default) or on the simulated, crash-capable file system.
import {
  accessSync,
  constants,
  mkdtempSync,
  readdirSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from '../../../impl/cluster/cluster.ts';
import type { NetworkOptions } from '../../../impl/sim/network.ts';
import type { Event } from '../../../spec/events.ts';
import { EVENT_TYPES } from '../../../spec/events.ts';
import type { Observation } from '../../../spec/observations.ts';
import type { SystemState } from '../../../spec/state.ts';
import type { Capabilities, Setup, SystemUnderTest } from '../../../spec/sut.ts';
import { CONTRACT_VERSION } from '../../../spec/version.ts';
import { applyClientEvent } from '../../client/apply-client-event.ts';
import { Clients, consumerSettings } from '../../client/clients.ts';
import { clusterTransport } from '../../client/in-process/cluster-transport.ts';
import { inspectCluster } from './inspect.ts';
import { replicaViewsOf } from './replica-views.ts';

export interface ReferenceSystemOptions {
  /** 'real' (default): segment files under a fresh temporary directory; 'simulated': in memory, every crash kind. */
  readonly storage?: 'real' | 'simulated';
  /** Parent of the temporary directory for real storage (default: /dev/shm when there is one, else the OS temp dir). */
  readonly temporaryParent?: string;
  /** Real storage: call the OS fsync at sync points (default false: power loss is emulated by a journal). */
  readonly fsync?: boolean;
  /** Seeded message loss between nodes (default none), e.g. { dropProbability: 0.01 }. */
  readonly network?: NetworkOptions;
}

/**
 * Where real storage makes its temporary directories: Linux's /dev/shm (tmpfs) when it is there and
 * writable, else the OS temp dir. The files and system calls are the same on either; a run creates,
 * renames and deletes dozens of files (segments, indexes, checkpoints) and on a disk each of those
 * waits for the file system's journal, which made real storage 4x slower in CPU and up to 10x in
 * wall time than the same files on tmpfs (bench/README.md, bench notes).
 */
export function defaultTemporaryParent(): string {
  try {
    accessSync(SHARED_MEMORY, constants.W_OK);
    if (statSync(SHARED_MEMORY).isDirectory()) return SHARED_MEMORY;
  } catch {
    // no tmpfs here (macOS, Windows, a container without it): the OS temp dir
  }
  return tmpdir();
}

const SHARED_MEMORY = '/dev/shm';

/**
 * Deletes a run's directory. Nothing else writes there, so one readdir per directory and one unlink
 * per file do (half the CPU of fs.rmSync, which stats every entry first); anything unexpected falls
 * back to rmSync.
 */
function removeTree(path: string): void {
  try {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) removeTree(child);
      else unlinkSync(child);
    }
    rmdirSync(path);
  } catch {
    rmSync(path, { recursive: true, force: true });
  }
}

export function createReferenceSystem(
  options: ReferenceSystemOptions = {},
): SystemUnderTest & { cluster(): Cluster | undefined } {
  const storage = options.storage ?? 'real';
  const parent = storage === 'real' ? (options.temporaryParent ?? defaultTemporaryParent()) : undefined;
  let context: { cluster: Cluster; clients: Clients } | undefined;
  let directory: string | undefined;

  const release = () => {
    // The directory goes next, so the brokers drop their files unflushed: a clean close would write
    // every log's checkpoints and shutdown markers only to delete them.
    for (const broker of context?.cluster.brokers ?? []) broker.discard();
    context = undefined;
    if (directory) removeTree(directory);
    directory = undefined;
  };

  const active = () => {
    if (!context) throw new Error('reset() must be called before apply()');
    return context;
  };

  return {
    cluster: () => context?.cluster,
    async capabilities(): Promise<Capabilities> {
      return {
        contractVersion: CONTRACT_VERSION,
        name: `kspec reference cluster (${storage} storage)`,
        events: [...EVENT_TYPES],
        inspect: true,
        deterministic: true,
      };
    },
    async reset(setup: Setup): Promise<void> {
      release();
      if (parent) directory = mkdtempSync(join(parent, 'kspec-cluster-'));
      const cluster = new Cluster({
        seed: setup.seed,
        config: setup.config,
        // Real segment files; crashes and power loss are emulated on them, so an OS fsync adds only time.
        storage: directory
          ? { kind: 'real', directory, fsync: options.fsync ?? false }
          : { kind: 'simulated' },
        ...(options.network ? { network: options.network } : {}),
      });
      context = { cluster, clients: new Clients(clusterTransport(cluster), consumerSettings(setup.config)) };
    },
    async apply(event: Event, seq: number): Promise<Observation[]> {
      const { cluster, clients } = active();
      if (!(await applyClientEvent(clients, event, seq))) applySystemEvent(cluster, clients, event, seq);
      // A timer already due (a zero initial rebalance delay, a join phase every member has
      // reached) fires now, as Kafka's timer thread would, without waiting for time to pass.
      cluster.advanceTo(cluster.now());
      return clients.drain();
    },
    async inspect(): Promise<SystemState> {
      const { cluster, clients } = active();
      return inspectCluster(cluster, (memberId, instanceId) => clients.memberName(memberId, instanceId));
    },
    async replicas() {
      return replicaViewsOf(active().cluster);
    },
    async close(): Promise<void> {
      release();
    },
  };
}

function unsupported(clients: Clients, event: Event, seq: number, reason: string): void {
  clients.emit({ type: 'unsupported', request: seq, event: event.type, reason });
}

/** The events the cluster itself produces: faults, time, replication, flushes. */
function applySystemEvent(cluster: Cluster, clients: Clients, event: Event, seq: number): void {
  const knownBroker = (id: number) => id >= 0 && id < cluster.brokers.length;
  switch (event.type) {
    case 'broker-failure':
      if (!knownBroker(event.broker))
        unsupported(clients, event, seq, `no broker ${event.broker} in this cluster`);
      else if (!cluster.failBroker(event.broker, event.kind))
        unsupported(
          clients,
          event,
          seq,
          `${event.kind} cannot be produced on real storage; use the simulated file system`,
        );
      return;
    case 'broker-restart':
      if (!knownBroker(event.broker))
        unsupported(clients, event, seq, `no broker ${event.broker} in this cluster`);
      else cluster.restartBroker(event.broker);
      return;
    case 'network-partition':
      cluster.isolate(event.isolate.brokers.filter(knownBroker), event.isolate.clients);
      return;
    case 'network-heal':
      cluster.heal();
      return;
    case 'replicate':
      cluster.data.replicate(event.topic, event.partition, event);
      return;
    case 'flush':
      if (!knownBroker(event.broker))
        unsupported(clients, event, seq, `no broker ${event.broker} in this cluster`);
      else cluster.flush(event.broker);
      return;
    case 'advance-time':
      cluster.advanceTo(cluster.now() + event.ms);
      return;
    default:
      throw new Error(`event ${event.type} is neither the client's nor the cluster's`);
  }
}
