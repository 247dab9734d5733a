// The runtime around the pure shards: one GroupCoordinator per broker, one shard per
// __consumer_offsets partition the broker leads. It checks what Kafka checks before routing
// (empty group id, session timeout bounds), answers NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS,
// hands records to the partition's store and finishes what waited on them. See runtime.ts.
import type { ErrorName } from '../../spec/errors.ts';
import { offsetsPartitionFor } from '../../spec/java-hash.ts';
import type { CoordinatorConfig } from './coordinator-config.ts';
import { describeGroup, listGroups } from './describe-groups.ts';
import { commitResponseWithError } from './handle-offset-commit.ts';
import { loadShard, unloadShard } from './load-shard.ts';
import type { AddressedResponse, CoordinatorRequest, DeleteGroupsRequest, GroupRequest } from './messages.ts';
import { EMPTY_ASSIGNMENT, joinError } from './rebalance.ts';
import type {
  AppendOutcome,
  CoordinatorHost,
  GroupCoordinatorApi,
  OffsetsPartitionStore,
} from './runtime.ts';
import { completeAppend, handleGroupRequest, nextDeadline, tick } from './shard.ts';
import { earliestTimer, type ShardState } from './shard-state.ts';
import type { AppendContinuation, HandlerResult, PendingAppend } from './transaction.ts';

type Shard =
  | { readonly status: 'loading'; readonly store: OffsetsPartitionStore; readonly token: number }
  | {
      readonly status: 'active';
      readonly store: OffsetsPartitionStore;
      readonly token: number;
      state: ShardState;
      /** Appends not yet reported, by id: answered NOT_COORDINATOR if the shard goes away first. */
      readonly inFlight: Map<number, AppendContinuation | null>;
    };

export interface GroupCoordinatorOptions {
  readonly config: CoordinatorConfig;
  /** Seeds member ids; each load of a partition derives its own stream from it. */
  readonly seed: number;
  readonly host: CoordinatorHost;
  /**
   * Optional: the host's (simulated) clock, read when a load or an append completes outside
   * `handle`/`tick`, so timers set then (sessions reset at assignment) start at the right time.
   * Without it the latest time passed to `handle`/`tick`/`becomeLeader` is used.
   */
  readonly clock?: () => number;
}

/** The error answer to a group request, in its API's shape. */
export function groupRequestError(request: GroupRequest, error: ErrorName): AddressedResponse {
  const requestId = request.requestId;
  switch (request.api) {
    case 'JoinGroup':
      return { requestId, response: joinError(request.memberId, error) };
    case 'SyncGroup':
      return {
        requestId,
        response: {
          api: 'SyncGroup',
          error,
          protocolType: null,
          protocolName: null,
          assignment: EMPTY_ASSIGNMENT,
        },
      };
    case 'Heartbeat':
      return { requestId, response: { api: 'Heartbeat', error } };
    case 'LeaveGroup':
      return { requestId, response: { api: 'LeaveGroup', error, members: [] } };
    case 'OffsetCommit':
      return { requestId, response: commitResponseWithError(request, error) };
    case 'OffsetFetch':
      return { requestId, response: { api: 'OffsetFetch', error, topics: [] } };
    case 'OffsetDelete': // OC-20: a coordinator error at the top level, without partitions
      return { requestId, response: { api: 'OffsetDelete', error, topics: [] } };
  }
}

/** GC-38: DeleteGroups answers a coordinator error for each distinct group (DeleteGroupsRequest.getErrorResultCollection). */
export function deleteGroupsError(request: DeleteGroupsRequest, error: ErrorName): AddressedResponse {
  return {
    requestId: request.requestId,
    response: {
      api: 'DeleteGroups',
      results: [...new Set(request.groupIds)].map((groupId) => ({ groupId, error })),
    },
  };
}

function mixSeed(seed: number, partition: number, token: number): number {
  let hash = (seed ^ Math.imul(partition + 1, 0x9e3779b1) ^ Math.imul(token, 0x85ebca77)) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x7feb352d) >>> 0;
  return (hash ^ (hash >>> 15)) >>> 0;
}

export class GroupCoordinator implements GroupCoordinatorApi {
  private readonly shards = new Map<number, Shard>();
  private tokens = 0;
  private appendIds = 0;
  private nowMs = 0;
  private readonly queue: { partition: number; token: number; append: PendingAppend }[] = [];
  private draining = false;

  constructor(private readonly options: GroupCoordinatorOptions) {}

  private advance(nowMs: number): void {
    if (nowMs > this.nowMs) this.nowMs = nowMs;
  }

  private ctx() {
    if (this.options.clock) this.advance(this.options.clock());
    return { nowMs: this.nowMs, config: this.options.config };
  }

  becomeLeader(store: OffsetsPartitionStore, nowMs: number): void {
    this.advance(nowMs);
    const partition = store.partition;
    if (this.shards.has(partition)) this.resign(partition);
    const token = ++this.tokens;
    this.shards.set(partition, { status: 'loading', store, token });
    store.readAll((outcome) => {
      const shard = this.shards.get(partition);
      if (!shard || shard.token !== token || shard.status !== 'loading') return;
      if (!outcome.ok) {
        // Could not read the partition: this broker cannot coordinate its groups.
        this.shards.delete(partition);
        return;
      }
      const state = loadShard(
        partition,
        outcome.records,
        mixSeed(this.options.seed, partition, token),
        this.ctx(),
      );
      this.shards.set(partition, { status: 'active', store, token, state, inFlight: new Map() });
      this.options.host.timersChanged?.();
    });
  }

  resign(partition: number): void {
    const shard = this.shards.get(partition);
    if (!shard) return;
    this.shards.delete(partition);
    if (shard.status !== 'active') return;
    for (const answer of unloadShard(shard.state, this.nowMs)) this.options.host.respond(answer);
    for (const continuation of shard.inFlight.values()) {
      if (continuation?.kind !== 'offset-commit') continue;
      const result = completeAppend(
        shard.state,
        continuation,
        { ok: false, error: 'NOT_LEADER_OR_FOLLOWER' },
        this.ctx(),
      );
      for (const answer of result.responses) this.options.host.respond(answer);
    }
  }

  partitionStatus(partition: number): 'active' | 'loading' | null {
    return this.shards.get(partition)?.status ?? null;
  }

  /** The loaded state of a partition (for inspection and tests), or null. */
  shardState(partition: number): ShardState | null {
    const shard = this.shards.get(partition);
    return shard?.status === 'active' ? shard.state : null;
  }

  partitionFor(groupId: string): number {
    return offsetsPartitionFor(groupId, this.options.config.offsetsTopicPartitions);
  }

  handle(request: CoordinatorRequest, nowMs: number): void {
    this.advance(nowMs);
    if (request.api === 'DescribeGroups') {
      const groups = request.groupIds.map((groupId) => {
        const empty = { groupId, groupState: '', protocolType: '', protocolData: '', members: [] };
        const shard = this.shards.get(this.partitionFor(groupId));
        if (!shard) return { ...empty, error: 'NOT_COORDINATOR' as ErrorName };
        if (shard.status === 'loading')
          return { ...empty, error: 'COORDINATOR_LOAD_IN_PROGRESS' as ErrorName };
        return describeGroup(shard.state, groupId);
      });
      this.options.host.respond({
        requestId: request.requestId,
        response: { api: 'DescribeGroups', groups },
      });
      return;
    }
    if (request.api === 'ListGroups') {
      const shards = [...this.shards.entries()].sort(([a], [b]) => a - b).map(([, shard]) => shard);
      const loading = shards.some((shard) => shard.status === 'loading');
      const groups = shards.flatMap((shard) =>
        shard.status === 'active' ? listGroups(shard.state, request.statesFilter) : [],
      );
      this.options.host.respond({
        requestId: request.requestId,
        response: { api: 'ListGroups', error: loading ? 'COORDINATOR_LOAD_IN_PROGRESS' : 'NONE', groups },
      });
      return;
    }
    if (request.api === 'DeleteGroups') {
      // GroupHosting sends one partition's ids per request, as GroupCoordinatorService splits them.
      const shard = this.shards.get(this.partitionFor(request.groupIds[0] ?? ''));
      if (!shard) this.options.host.respond(deleteGroupsError(request, 'NOT_COORDINATOR'));
      else if (shard.status === 'loading')
        this.options.host.respond(deleteGroupsError(request, 'COORDINATOR_LOAD_IN_PROGRESS'));
      else this.apply(shard.state.partition, shard, handleGroupRequest(shard.state, request, this.ctx()));
      return;
    }
    const early = this.precheck(request);
    if (early !== null) {
      this.options.host.respond(early);
      return;
    }
    const partition = this.partitionFor(request.groupId);
    const shard = this.shards.get(partition);
    if (!shard) {
      this.options.host.respond(groupRequestError(request, 'NOT_COORDINATOR'));
      return;
    }
    if (shard.status === 'loading') {
      // A heartbeat during loading is answered NONE: the member must not rejoin for it.
      const error: ErrorName = request.api === 'Heartbeat' ? 'NONE' : 'COORDINATOR_LOAD_IN_PROGRESS';
      this.options.host.respond(groupRequestError(request, error));
      return;
    }
    this.apply(partition, shard, handleGroupRequest(shard.state, request, this.ctx()));
  }

  /** Checks made before routing, as Kafka's GroupCoordinatorService does. */
  private precheck(request: GroupRequest): AddressedResponse | null {
    // Kafka's request layer (KafkaApis.handleSyncGroupRequest) refuses a SyncGroup v5+ without a
    // protocol type or name before the coordinator sees it (SyncGroupRequest
    // .areMandatoryProtocolTypeAndNamePresent), so before the group id is looked at.
    if (
      request.api === 'SyncGroup' &&
      request.version >= 5 &&
      (request.protocolType === null || request.protocolName === null)
    )
      return groupRequestError(request, 'INCONSISTENT_GROUP_PROTOCOL');
    // OffsetCommit, OffsetFetch and DescribeGroups refuse only a null group id: "" is a group (GC-3).
    if (request.groupId === '' && request.api !== 'OffsetCommit' && request.api !== 'OffsetFetch')
      return groupRequestError(request, 'INVALID_GROUP_ID');
    if (request.api === 'JoinGroup') {
      const { minSessionTimeoutMs, maxSessionTimeoutMs } = this.options.config;
      if (request.sessionTimeoutMs < minSessionTimeoutMs || request.sessionTimeoutMs > maxSessionTimeoutMs)
        return groupRequestError(request, 'INVALID_SESSION_TIMEOUT');
    }
    return null;
  }

  tick(nowMs: number): void {
    this.advance(nowMs);
    for (;;) {
      let due: { partition: number; deadline: number } | null = null;
      for (const [partition, shard] of this.shards) {
        if (shard.status !== 'active') continue;
        const timer = earliestTimer(shard.state);
        if (timer && timer.deadlineMs <= nowMs && (due === null || timer.deadlineMs < due.deadline))
          due = { partition, deadline: timer.deadlineMs };
      }
      if (due === null) return;
      const shard = this.shards.get(due.partition);
      if (shard?.status !== 'active') return;
      this.apply(
        due.partition,
        shard,
        tick(shard.state, { nowMs: due.deadline, config: this.options.config }),
      );
    }
  }

  nextDeadlineMs(): number | null {
    let best: number | null = null;
    for (const shard of this.shards.values()) {
      if (shard.status !== 'active') continue;
      const deadline = nextDeadline(shard.state);
      if (deadline !== null && (best === null || deadline < best)) best = deadline;
    }
    return best;
  }

  private apply(partition: number, shard: Shard & { status: 'active' }, result: HandlerResult): void {
    shard.state = result.state;
    for (const answer of result.responses) this.options.host.respond(answer);
    for (const append of result.appends) this.queue.push({ partition, token: shard.token, append });
    this.drain();
  }

  /** Issues appends in decision order, even when a store reports synchronously and triggers more. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        const { partition, token, append } = next;
        const shard = this.shards.get(partition);
        if (shard?.status !== 'active' || shard.token !== token) continue;
        const id = ++this.appendIds;
        shard.inFlight.set(id, append.continuation);
        shard.store.append(append.records, (outcome) => this.appendDone(partition, token, id, outcome));
      }
    } finally {
      this.draining = false;
    }
  }

  private appendDone(partition: number, token: number, id: number, outcome: AppendOutcome): void {
    const shard = this.shards.get(partition);
    if (shard?.status !== 'active' || shard.token !== token || !shard.inFlight.has(id)) return;
    const continuation = shard.inFlight.get(id) ?? null;
    shard.inFlight.delete(id);
    // Also without a continuation: a replicated record changes what reads see (OC-1).
    this.apply(partition, shard, completeAppend(shard.state, continuation, outcome, this.ctx()));
    this.options.host.timersChanged?.();
  }
}
