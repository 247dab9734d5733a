// The port between kspec's one Kafka client (this folder) and a cluster. The client decides what a
// consumer or producer library would send and what it remembers; a transport only carries requests
// and answers. Two implement it: in-process calls into the reference cluster (in-process/) and the
// Kafka wire protocol to any Kafka-protocol cluster (wire/).
//
// Coordinator requests travel as the coordinator's own typed messages (impl/coordinator/messages.ts,
// shaped one to one after Kafka's wire messages), errors as spec/errors.ts names. Names in requests
// are the cluster's (the client maps run prefixes itself); a transport never renames.

import type { CoordinatorRequest, CoordinatorResponse } from '../../impl/coordinator/messages.ts';
import type { ErrorName } from '../../spec/errors.ts';
import type { MalformedBatch } from '../../spec/malformed-batches.ts';

/**
 * Who sends a request: a client of the run on one of its connections. A broker answers a
 * connection's requests in order, so heartbeats and leaves travel beside a parked JoinGroup (as a
 * consumer's heartbeat thread does), and fetches and produces on connections of their own.
 */
export interface Endpoint {
  readonly client: string;
  readonly lane: 'main' | 'heartbeat' | 'fetch' | 'produce';
}

/** Requests of tools outside the run's clients (DescribeGroups): never cut off by a client partition. */
export const ADMIN: Endpoint = { client: 'kspec-admin', lane: 'main' };

/** Where a partition lives, as the sender's metadata says. */
export interface Route {
  /** The partition exists (the controller's truth in-process, the run's topics over the wire). */
  readonly exists: boolean;
  /** The leader's broker id, when the sender's metadata names one. */
  readonly leader: number | undefined;
  /** The sender reaches at least one broker. */
  readonly reachable: boolean;
}

export interface FetchOutcome {
  readonly error: ErrorName;
  readonly highWatermark: number;
  readonly logStartOffset: number;
  readonly records: readonly { readonly offset: number; readonly value: string }[];
}

export type Isolation = 'read_uncommitted' | 'read_committed';

export interface ProduceOutcome {
  readonly error: ErrorName;
  readonly baseOffset: number;
  /** KIP-951 (Produce v10+): the leader the answering broker names with NOT_LEADER_OR_FOLLOWER. */
  readonly currentLeader?: { readonly leaderId: number; readonly leaderEpoch: number };
}

export interface ListOffsetsCall {
  readonly topic: string;
  readonly partition: number;
  readonly timestamp: number;
  readonly isolation?: Isolation;
  /** The ListOffsets version to send (spec/timestamps.ts listOffsetsVersion). */
  readonly version: number;
}

/** A ListOffsets answer: the offset, and with a lookup by timestamp the timestamp found (-1: none). */
export interface ListedOffset {
  readonly error: ErrorName;
  readonly offset: number;
  readonly timestamp: number;
}

/**
 * One topic's DescribeConfigs result as the cluster gives it (RP-27): its error, and every config
 * it lists, each with Kafka's ConfigSource id; the client keeps and names what the contract knows.
 */
export interface TopicConfigsAnswer {
  readonly error: ErrorName;
  readonly configs: readonly {
    readonly name: string;
    readonly value: string | null;
    readonly source: number;
  }[];
}

export interface ProduceCall {
  /** The Produce version to send (kspec.producer.version). */
  readonly version: number;
  readonly topic: string;
  readonly partition: number;
  readonly acks: number;
  readonly values: readonly string[];
  /** Each value's CreateTime in ms on the run's clock (a real system's transport adds its origin). */
  readonly timestamps: readonly number[];
  /** An idempotent batch's producer id, epoch and first sequence (SPEC.md IP-1); absent: a plain batch. */
  readonly idempotence?: {
    readonly producerId: number;
    readonly producerEpoch: number;
    readonly baseSequence: number;
  };
  /** The edit that makes the batch malformed before it is sent (spec/malformed-batches.ts). */
  readonly malformed?: MalformedBatch;
  /** The records section to send in hex, in place of the one built (`produce.records`). */
  readonly records?: string;
}

export interface ClientTransport {
  /** The run's clock in ms (the simulated clock, or the sum of advance-time events): drives auto commit. */
  now(): number;
  /**
   * A request to the coordinator of `request`'s group. `respond` runs once, when the answer comes:
   * at once, during a later event (a parked JoinGroup), or never (lost). A request that cannot be
   * delivered is answered with the error a client library reports for it.
   */
  send(from: Endpoint, request: CoordinatorRequest, respond: (response: CoordinatorResponse) => void): void;
  /** A coordinator request the client waits for within the current event; undefined when no answer came. */
  call(from: Endpoint, request: CoordinatorRequest): Promise<CoordinatorResponse | undefined>;
  /** Partition count of a topic as the cluster knows it (0 when unknown). */
  partitions(topic: string): number;
  route(from: Endpoint, topic: string, partition: number): Promise<Route>;
  /** Produce to `leader`; `respond` runs when the answer comes (acks=all waits for the ISR), or never for acks=0. */
  produce(
    from: Endpoint,
    leader: number,
    call: ProduceCall,
    respond: (outcome: ProduceOutcome) => void,
  ): void;
  /**
   * A Fetch from `leader`, or from the first broker that answers ('any': a partition the sender's
   * metadata does not list, which a broker answers itself, RP-22; NETWORK_EXCEPTION if none answers).
   */
  fetch(
    from: Endpoint,
    leader: number | 'any',
    call: { topic: string; partition: number; offset: number; maxRecords: number },
  ): Promise<FetchOutcome>;
  /**
   * ListOffsets for the earliest (-2) or latest (-1) offset or by a timestamp on the run's clock
   * (>= 0), as a consumer at `isolation` (default read_uncommitted).
   */
  listOffsets(from: Endpoint, leader: number, call: ListOffsetsCall): Promise<ListedOffset>;
  createTopic(
    topic: string,
    partitions: number,
    replicationFactor: number,
    config: Readonly<Record<string, string | number | boolean>>,
  ): Promise<ErrorName>;
  /** CreatePartitions of one topic; validateOnly: answered alike, nothing added (RP-1). */
  createPartitions(topic: string, count: number, validateOnly: boolean): Promise<ErrorName>;
  /** DescribeConfigs of one topic resource: all keys, no synonyms, no documentation (an admin's). */
  describeTopicConfigs(topic: string): Promise<TopicConfigsAnswer>;
  /** The client's process died: its connections close. */
  disconnect(client: string): Promise<void>;
}
