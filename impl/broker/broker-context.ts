// What every wire handler of the reference broker shares: the cluster, its real-time driver, the
// listener address of each broker, and the network node a request arriving at broker B comes from.
//
// A request that reaches broker B over TCP is treated as coming from B itself (`broker:B`): a broker
// cut off from the rest of the cluster by `isolate` still serves the clients connected to it (the
// zombie-leader case), while its own requests to the controller and other brokers fail.
import type { ErrorName } from '../../spec/errors.ts';
import { errorCode } from '../../spec/errors.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { brokerNode } from '../sim/network.ts';
import type { LogWaiter } from './realtime-driver.ts';

export interface BrokerAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * What moves the cluster between requests: its clock, follower fetches and parked fetches. The
 * RealtimeDriver runs them on the wall clock (kspec broker); a simulated driver leaves time and
 * replication to explicit events (the `reference:wire` adapter of properties/adapters).
 */
export interface BrokerDriver {
  /** Before a request: bring the cluster's clock up to date. */
  sync(): void;
  /** After a request changed something: re-arm deadlines, wake parked fetches. */
  settle(): void;
  /** A leader appended to a replicated partition. */
  appended(topic: string, partition: number): void;
  addWaiter(waiter: LogWaiter): void;
  removeWaiter(waiter: LogWaiter): void;
}

export interface BrokerContext {
  readonly cluster: Cluster;
  readonly driver: BrokerDriver;
  /** Advertised listener of each broker id (host and port clients connect to). */
  readonly addresses: ReadonlyMap<number, BrokerAddress>;
  /** Whether broker id's listener is up (a crashed broker's port is closed). */
  listening(brokerId: number): boolean;
  /** Called after an admin change of topics (metadata persistence). */
  topicsChanged(): void;
  /** fetch.max.bytes: the cap on record bytes in one consumer Fetch response, whatever it asks. */
  readonly fetchMaxBytes: number;
}

export const nodeOf = (brokerId: number): string => brokerNode(brokerId);

export const code = (name: ErrorName): number => errorCode(name);

/**
 * The brokers Metadata and DescribeCluster list: registered and not fenced, as Kafka's metadata
 * image holds them (KRaftMetadataCache.getAliveBrokerNodes). A broker whose process crashed stays
 * listed, with its leaderships, until the controller fences it on session expiry (RP-25); clients
 * that connect to it fail and retry, as against Kafka.
 */
export function unfencedBrokers(context: BrokerContext): number[] {
  return context.cluster.brokers
    .filter((broker) => context.cluster.controller.isAlive(broker.id))
    .map((broker) => broker.id);
}

/** Brokers a client may be sent to: registered with the controller and listening. */
export function liveBrokers(context: BrokerContext): number[] {
  return context.cluster.brokers
    .filter((broker) => broker.running && context.listening(broker.id))
    .filter((broker) => context.cluster.controller.isAlive(broker.id))
    .map((broker) => broker.id);
}

/**
 * The controller id clients see. kspec's controller is a process-internal quorum, not a broker;
 * admin requests (CreateTopics, CreatePartitions, DeleteTopics) are accepted by any broker, so
 * Metadata names the lowest live broker, which clients then use as "the controller".
 */
export function advertisedController(context: BrokerContext): number {
  return liveBrokers(context)[0] ?? -1;
}
