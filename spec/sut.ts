// The system-under-test interface. The model, the reference cluster and any foreign implementation
// (through module, stdio or Kafka-wire adapters) are all driven through it, one event at a time.
import { type Static, Type } from '@sinclair/typebox';
import { Closed, StringEnum } from './common.ts';
import type { Config } from './config.ts';
import type { Event, EventType } from './events.ts';
import { EVENT_TYPES } from './events.ts';
import type { Observation } from './observations.ts';
import type { PartitionSnapshot, SystemState } from './state.ts';

/**
 * One partition's leader, replicas and ISR as the system reports them at the moment it is asked
 * (over the wire: a Metadata answer). Not a snapshot of state: an observation a runner makes to
 * aim a fault at a role ("the leader of t-0"), recorded in the run as the concrete broker it named.
 */
export type ReplicaView = Pick<PartitionSnapshot, 'topic' | 'partition' | 'replicas' | 'leader' | 'isr'>;

export const CapabilitiesSchema = Closed({
  /** The contract version the system speaks; a runner refuses a version it does not know. */
  contractVersion: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  /** Event types the system can apply; others are skipped and listed in reports. */
  events: Type.Array(StringEnum(EVENT_TYPES)),
  /** Whether `inspect()` returns a snapshot for state invariants. */
  inspect: Type.Boolean(),
  /** Same setup and events give the same observations (a simulation); false for real-time systems. */
  deterministic: Type.Boolean(),
});
export type Capabilities = Static<typeof CapabilitiesSchema>;

export const SetupSchema = Closed({
  /** Seeds every random choice the system makes (member ids, scheduling); derived from the run's seed. */
  seed: Type.Integer({ minimum: 0, maximum: 4294967295 }),
  /** Settings by Kafka's names (spec/config.ts), already validated; absent settings take Kafka's defaults. */
  config: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
});
export type Setup = { readonly seed: number; readonly config: Config };

/**
 * A system under test. Calls are strictly sequential: the runner awaits each before the next.
 * `apply` returns every observation the event caused, including late answers to earlier requests
 * that this event released (a parked JoinGroup answered because the last member joined).
 */
export interface SystemUnderTest {
  capabilities(): Promise<Capabilities>;
  /** Start from nothing: no topics, no groups, clock at 0, `config.brokers` brokers up. */
  reset(setup: Setup): Promise<void>;
  /** Apply the event at position `seq` of the run. Unsupported events answer one `unsupported` observation. */
  apply(event: Event, seq: number): Promise<Observation[]>;
  /** A normal-form snapshot; only when capabilities().inspect is true. */
  inspect?(): Promise<SystemState>;
  /**
   * Optional, for systems without `inspect()`: the leaders, replicas and ISRs of the run's
   * partitions (and __consumer_offsets') as the system reports them now (contract topic names).
   */
  replicas?(): Promise<readonly ReplicaView[]>;
  /** Release everything (servers, temp dirs, child processes). */
  close(): Promise<void>;
}

export type { EventType };
