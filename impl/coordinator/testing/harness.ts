// Test support (not a test): an in-memory __consumer_offsets partition and a driver around one
// GroupCoordinator that records every answer by request id. Used by this folder's tests.
import type { ErrorName } from '../../../spec/errors.ts';
import { encodeAssignment, encodeSubscription } from '../consumer-protocol.ts';
import { type CoordinatorConfig, DEFAULT_COORDINATOR_CONFIG } from '../coordinator-config.ts';
import { GroupCoordinator } from '../group-coordinator.ts';
import type {
  CoordinatorRequest,
  CoordinatorResponse,
  HeartbeatResponse,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupResponse,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetFetchResponse,
  SyncGroupResponse,
} from '../messages.ts';
import type { CoordinatorRecord } from '../records.ts';
import type { AppendOutcome, OffsetsPartitionStore, ReadOutcome } from '../runtime.ts';

export class MemoryOffsetsPartition implements OffsetsPartitionStore {
  readonly records: CoordinatorRecord[] = [];
  /** When true, appends wait for `release()`; otherwise they succeed at once. */
  deferAppends = false;
  deferReads = false;
  readonly pendingAppends: {
    records: readonly CoordinatorRecord[];
    done: (outcome: AppendOutcome) => void;
  }[] = [];
  readonly pendingReads: ((outcome: ReadOutcome) => void)[] = [];

  constructor(readonly partition: number) {}

  append(records: readonly CoordinatorRecord[], done: (outcome: AppendOutcome) => void): void {
    // A log completes appends in order: while older ones wait, newer ones wait behind them.
    if (this.deferAppends || this.pendingAppends.length > 0) {
      this.pendingAppends.push({ records, done });
      return;
    }
    const baseOffset = this.records.length;
    this.records.push(...records);
    done({ ok: true, baseOffset });
  }

  /**
   * Completes the oldest waiting append: written and replicated, or failed with `error` (nothing
   * written). When appends are no longer deferred, the ones queued behind it then succeed in order.
   */
  release(error?: ErrorName): void {
    const next = this.pendingAppends.shift();
    if (!next) throw new Error('no pending append');
    if (error) next.done({ ok: false, error });
    else {
      const baseOffset = this.records.length;
      this.records.push(...next.records);
      next.done({ ok: true, baseOffset });
    }
    if (!this.deferAppends && this.pendingAppends.length > 0) this.release();
  }

  readAll(done: (outcome: ReadOutcome) => void): void {
    if (this.deferReads) this.pendingReads.push(done);
    else done({ ok: true, records: [...this.records] });
  }

  finishRead(): void {
    const next = this.pendingReads.shift();
    if (!next) throw new Error('no pending read');
    next({ ok: true, records: [...this.records] });
  }
}

type WithoutId<T> = T extends unknown ? Omit<T, 'requestId'> : never;

export const TOPIC = 't';

export function subscriptionFor(topics: readonly string[]): Uint8Array {
  return encodeSubscription({ topics });
}

export function assignmentFor(topic: string, partitions: readonly number[]): Uint8Array {
  return encodeAssignment({ partitions: [{ topic, partitions }] });
}

export interface JoinOptions {
  readonly memberId?: string;
  readonly clientId?: string;
  readonly version?: number;
  readonly sessionTimeoutMs?: number;
  readonly rebalanceTimeoutMs?: number;
  readonly protocols?: readonly { name: string; metadata: Uint8Array }[];
  readonly protocolType?: string;
  readonly groupInstanceId?: string | null;
}

/** A single coordinator leading the one partition every group maps to (offsets.topic.num.partitions = 1). */
export class Harness {
  readonly store: MemoryOffsetsPartition;
  readonly coordinator: GroupCoordinator;
  readonly answers = new Map<number, CoordinatorResponse>();
  readonly answerOrder: number[] = [];
  nowMs = 0;
  private nextRequestId = 1;

  constructor(
    overrides: Partial<CoordinatorConfig> = {},
    seed = 1,
    store?: MemoryOffsetsPartition,
    options: { readonly shareClock?: boolean } = {},
  ) {
    const config: CoordinatorConfig = {
      ...DEFAULT_COORDINATOR_CONFIG,
      offsetsTopicPartitions: 1,
      ...overrides,
    };
    this.store = store ?? new MemoryOffsetsPartition(0);
    this.coordinator = new GroupCoordinator({
      config,
      seed,
      ...(options.shareClock ? { clock: () => this.nowMs } : {}),
      host: {
        respond: (answer) => {
          if (this.answers.has(answer.requestId))
            throw new Error(`request ${answer.requestId} answered twice`);
          this.answers.set(answer.requestId, answer.response);
          this.answerOrder.push(answer.requestId);
        },
      },
    });
    this.coordinator.becomeLeader(this.store, this.nowMs);
  }

  send(request: WithoutId<CoordinatorRequest>): number {
    const requestId = this.nextRequestId++;
    this.coordinator.handle({ ...request, requestId } as CoordinatorRequest, this.nowMs);
    return requestId;
  }

  answer<T extends CoordinatorResponse>(requestId: number): T | undefined {
    return this.answers.get(requestId) as T | undefined;
  }

  advance(ms: number): void {
    this.nowMs += ms;
    this.coordinator.tick(this.nowMs);
  }

  join(group: string, options: JoinOptions = {}): number {
    const request: Omit<JoinGroupRequest, 'requestId'> = {
      api: 'JoinGroup',
      version: options.version ?? 5,
      groupId: group,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 10000,
      rebalanceTimeoutMs: options.rebalanceTimeoutMs ?? 30000,
      memberId: options.memberId ?? '',
      groupInstanceId: options.groupInstanceId ?? null,
      protocolType: options.protocolType ?? 'consumer',
      protocols: options.protocols ?? [{ name: 'range', metadata: subscriptionFor([TOPIC]) }],
      clientId: options.clientId ?? 'client',
      clientHost: '/127.0.0.1',
    };
    return this.send(request);
  }

  /** A v4+ join: MEMBER_ID_REQUIRED, then the parked re-join with the given id. Returns the second request id. */
  joinNew(group: string, options: JoinOptions = {}): { memberId: string; requestId: number } {
    const first = this.answer<JoinGroupResponse>(this.join(group, options));
    if (first?.error !== 'MEMBER_ID_REQUIRED')
      throw new Error(`expected MEMBER_ID_REQUIRED, got ${first?.error}`);
    return {
      memberId: first.memberId,
      requestId: this.join(group, { ...options, memberId: first.memberId }),
    };
  }

  sync(
    group: string,
    memberId: string,
    generationId: number,
    assignments: { memberId: string; assignment: Uint8Array }[] = [],
  ): number {
    return this.send({
      api: 'SyncGroup',
      version: 3,
      groupId: group,
      generationId,
      memberId,
      groupInstanceId: null,
      protocolType: null,
      protocolName: null,
      assignments,
    });
  }

  heartbeat(group: string, memberId: string, generationId: number): ErrorName | undefined {
    const id = this.send({
      api: 'Heartbeat',
      version: 3,
      groupId: group,
      generationId,
      memberId,
      groupInstanceId: null,
    });
    return this.answer<HeartbeatResponse>(id)?.error;
  }

  leave(group: string, memberId: string): LeaveGroupResponse | undefined {
    const id = this.send({
      api: 'LeaveGroup',
      version: 3,
      groupId: group,
      members: [{ memberId, groupInstanceId: null }],
    });
    return this.answer<LeaveGroupResponse>(id);
  }

  commit(
    group: string,
    memberId: string,
    generationId: number,
    offsets: { partition: number; offset: number; metadata?: string }[],
    version = 8,
  ): number {
    const request: Omit<OffsetCommitRequest, 'requestId'> = {
      api: 'OffsetCommit',
      version,
      groupId: group,
      generationId,
      memberId,
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [
        {
          name: TOPIC,
          partitions: offsets.map((o) => ({
            partitionIndex: o.partition,
            committedOffset: o.offset,
            committedLeaderEpoch: -1,
            committedMetadata: o.metadata ?? '',
          })),
        },
      ],
    };
    return this.send(request);
  }

  commitErrors(requestId: number): ErrorName[] | undefined {
    const response = this.answer<OffsetCommitResponse>(requestId);
    return response?.topics.flatMap((topic) => topic.partitions.map((partition) => partition.error));
  }

  fetchOffsets(group: string, partitions: number[] | null = null): OffsetFetchResponse | undefined {
    const id = this.send({
      api: 'OffsetFetch',
      version: 5,
      groupId: group,
      topics: partitions === null ? null : [{ name: TOPIC, partitionIndexes: partitions }],
    });
    return this.answer<OffsetFetchResponse>(id);
  }

  group(groupId: string) {
    return this.coordinator.shardState(0)?.groups.get(groupId);
  }

  /** One member alone in a Stable group: join (v4 flow), wait out the initial delay, sync. */
  stableSingle(group: string, clientId = 'c1'): { memberId: string; generation: number } {
    const { memberId, requestId } = this.joinNew(group, { clientId });
    this.advance(3000);
    const joined = this.answer<JoinGroupResponse>(requestId);
    if (joined?.error !== 'NONE') throw new Error(`join failed: ${joined?.error}`);
    const synced = this.answer<SyncGroupResponse>(
      this.sync(group, memberId, joined.generationId, [{ memberId, assignment: assignmentFor(TOPIC, [0]) }]),
    );
    if (synced?.error !== 'NONE') throw new Error(`sync failed: ${synced?.error}`);
    return { memberId, generation: joined.generationId };
  }

  /** Two members in a Stable group (c1 leader). */
  stablePair(group: string): { leader: string; follower: string; generation: number } {
    const first = this.joinNew(group, { clientId: 'c1' });
    const second = this.joinNew(group, { clientId: 'c2' });
    this.advance(6000);
    const a = this.answer<JoinGroupResponse>(first.requestId)!;
    const b = this.answer<JoinGroupResponse>(second.requestId)!;
    if (a.error !== 'NONE' || b.error !== 'NONE') throw new Error(`joins failed: ${a?.error} ${b?.error}`);
    const leader = a.leader;
    const follower = leader === first.memberId ? second.memberId : first.memberId;
    this.sync(group, follower, a.generationId);
    this.sync(group, leader, a.generationId, [
      { memberId: leader, assignment: assignmentFor(TOPIC, [0]) },
      { memberId: follower, assignment: assignmentFor(TOPIC, [1]) },
    ]);
    return { leader, follower, generation: a.generationId };
  }
}
