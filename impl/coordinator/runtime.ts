// The interface between the group coordinator and the broker that hosts it (impl/cluster).
//
// A broker runs one GroupCoordinator. For each __consumer_offsets partition it leads, the cluster
// calls `becomeLeader(partition, store)`: the coordinator reads the partition through the store and
// replays it; until that read completes its groups answer COORDINATOR_LOAD_IN_PROGRESS. When the
// broker loses leadership it calls `resign(partition)`: parked requests and in-flight appends of
// those groups are answered NOT_COORDINATOR, and later requests too.
//
// Writes: a decision (a committed offset, a group's assignment) counts only once its records are
// replicated. The coordinator hands records to `store.append` and answers the request only when
// `done` reports the outcome. The store must call `done` exactly once per append, in append order
// (a log completes appends in offset order); a failure is mapped to the client's error the way
// Kafka does (NOT_ENOUGH_REPLICAS/REQUEST_TIMED_OUT -> COORDINATOR_NOT_AVAILABLE,
// NOT_LEADER_OR_FOLLOWER -> NOT_COORDINATOR, ...; see append-errors.ts).
//
// Time: nothing here reads a clock. Every call takes `nowMs`; timers (session expiry, join, sync,
// initial delay, offset retention) are deadlines fired by `tick(nowMs)` in deadline order.
// `nextDeadlineMs()` tells the host when the next one is due.
import type { ErrorName } from '../../spec/errors.ts';
import type { AddressedResponse, CoordinatorRequest } from './messages.ts';
import type { CoordinatorRecord } from './records.ts';

export type { CoordinatorRecord } from './records.ts';

export type AppendOutcome =
  /** The records are replicated (the high watermark covers them); `baseOffset` is the first one's offset. */
  | { readonly ok: true; readonly baseOffset: number }
  /** The append failed with a produce error (NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS, REQUEST_TIMED_OUT, ...). */
  | { readonly ok: false; readonly error: ErrorName };

export type ReadOutcome =
  | { readonly ok: true; readonly records: readonly CoordinatorRecord[] }
  | { readonly ok: false; readonly error: ErrorName };

/** One __consumer_offsets partition as its leader sees it; implemented by impl/cluster on the replicated log. */
export interface OffsetsPartitionStore {
  /** The __consumer_offsets partition index. */
  readonly partition: number;
  /**
   * Appends the records as one batch with acks=-1 semantics and calls `done` once: ok when the
   * high watermark covers the batch, or the produce error. May call `done` synchronously.
   */
  append(records: readonly CoordinatorRecord[], done: (outcome: AppendOutcome) => void): void;
  /**
   * Reads every record from the log start to the log end, in offset order (tombstones included),
   * and calls `done` once. May call `done` synchronously; until then the partition is loading.
   */
  readAll(done: (outcome: ReadOutcome) => void): void;
}

/** What the coordinator needs from its host besides stores: a way to deliver (possibly late) answers. */
export interface CoordinatorHost {
  /** Delivers the answer to request `requestId`; called once per request (a request dropped by Kafka's rules is never answered). */
  respond(answer: AddressedResponse): void;
  /**
   * Optional: called whenever the coordinator's timers may have changed outside `handle`/`tick`
   * (an append or a load completing), so a host that schedules `tick` at `nextDeadlineMs()` can
   * reschedule.
   */
  timersChanged?(): void;
}

/** The broker-facing API of impl/coordinator/group-coordinator.ts. */
export interface GroupCoordinatorApi {
  /** Start leading `store.partition`: load it (answers COORDINATOR_LOAD_IN_PROGRESS until read and replayed). */
  becomeLeader(store: OffsetsPartitionStore, nowMs: number): void;
  /** Stop leading the partition: its groups move to Dead, parked requests get NOT_COORDINATOR. */
  resign(partition: number): void;
  /** Handle one request; answers arrive through CoordinatorHost.respond (now or later). */
  handle(request: CoordinatorRequest, nowMs: number): void;
  /** Fire every timer due at or before `nowMs`, in deadline order. */
  tick(nowMs: number): void;
  /** The earliest pending timer deadline over all loaded partitions, or null. */
  nextDeadlineMs(): number | null;
  /** 'active' when loaded, 'loading' while replaying, null when this broker does not lead it. */
  partitionStatus(partition: number): 'active' | 'loading' | null;
}
