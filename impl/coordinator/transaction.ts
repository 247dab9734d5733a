// One decision step over a shard: handlers read and write through a Transaction, which copies only
// what it changes (the input state is never mutated) and collects the step's outputs: responses
// (also to other members' parked requests), records to append with what to do once they are
// replicated, and timer changes. `finish()` returns the new state and the outputs.
import type { CoordinatorConfig } from './coordinator-config.ts';
import { type ClassicGroup, cloneGroup, type MemberProtocol } from './group-state.ts';
import type {
  AddressedResponse,
  CoordinatorResponse,
  DeleteGroupsResponse,
  OffsetCommitResponse,
  OffsetDeleteResponse,
  RequestId,
} from './messages.ts';
import type { CoordinatorRecord } from './records.ts';
import {
  type CommittedOffset,
  offsetKey,
  type ShardState,
  type Timer,
  type TimerTask,
  timerKey,
} from './shard-state.ts';

export interface HandlerContext {
  readonly nowMs: number;
  readonly config: CoordinatorConfig;
}

/** A static member's takeover of its old member id, undone if the append fails (static-membership.ts). */
export interface StaticReplacement {
  readonly requestId: number;
  /** The JoinGroup's version: from v9 the answer lets a returning static leader skip the assignment. */
  readonly version: number;
  readonly groupId: string;
  readonly oldMemberId: string;
  readonly newMemberId: string;
  readonly previousLeader: string | null;
  readonly oldProtocols: readonly MemberProtocol[];
  readonly oldRebalanceTimeoutMs: number;
  readonly oldSessionTimeoutMs: number;
}

/** A group DeleteGroups removed, with the offsets whose tombstones it wrote (handle-delete-groups.ts). */
export interface DeletedOffsets {
  readonly groupId: string;
  readonly offsets: readonly { readonly topic: string; readonly partition: number }[];
}

/** What to do once an append's outcome is known. */
export type AppendContinuation =
  /** Answer the OffsetCommit; on success make the offsets visible. */
  | {
      readonly kind: 'offset-commit';
      readonly requestId: RequestId;
      readonly groupId: string;
      readonly response: OffsetCommitResponse;
      readonly offsets: readonly CommittedOffset[];
    }
  /** The leader's SyncGroup: on success the group becomes Stable with this assignment. */
  | {
      readonly kind: 'sync-assignment';
      readonly groupId: string;
      readonly generation: number;
      readonly assignment: ReadonlyMap<string, Uint8Array>;
    }
  /** A static member took over its old member id's place in a Stable group (static-membership.ts). */
  | { readonly kind: 'static-replace'; readonly replacement: StaticReplacement }
  /** DeleteGroups' tombstones (handle-delete-groups.ts): on success the offsets are gone and it is answered. */
  | {
      readonly kind: 'delete-groups';
      readonly requestId: RequestId;
      readonly response: DeleteGroupsResponse;
      readonly deleted: readonly DeletedOffsets[];
    }
  /** OffsetDelete's tombstones (handle-offset-delete.ts): on success the offsets are gone and it is answered. */
  | {
      readonly kind: 'offset-delete';
      readonly requestId: RequestId;
      readonly groupId: string;
      readonly response: OffsetDeleteResponse;
      readonly deleted: readonly { readonly topic: string; readonly partition: number }[];
    }
  /** Offsets removed by retention: on success they are gone. */
  | {
      readonly kind: 'offset-expiry';
      readonly groupId: string;
      readonly expired: readonly { readonly topic: string; readonly partition: number }[];
    };

export interface PendingAppend {
  readonly records: readonly CoordinatorRecord[];
  /** null: nothing waits on it (an Empty group's metadata, a group tombstone). */
  readonly continuation: AppendContinuation | null;
}

export interface HandlerResult {
  readonly state: ShardState;
  readonly responses: readonly AddressedResponse[];
  readonly appends: readonly PendingAppend[];
}

function mulberry32(state: number): { state: number; value: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { state: next, value: (t ^ (t >>> 14)) >>> 0 };
}

export class Transaction {
  private readonly groups: Map<string, ClassicGroup>;
  private readonly writable = new Set<string>();
  private readonly offsets: Map<string, ReadonlyMap<string, CommittedOffset>>;
  private readonly timers: Map<string, Timer>;
  private timerSeq: number;
  private random: number;
  private readonly responses: AddressedResponse[] = [];
  private readonly appends: PendingAppend[] = [];

  constructor(
    private readonly base: ShardState,
    readonly ctx: HandlerContext,
  ) {
    this.groups = new Map(base.groups);
    this.offsets = new Map(base.offsets);
    this.timers = new Map(base.timers);
    this.timerSeq = base.timerSeq;
    this.random = base.random;
  }

  get nowMs(): number {
    return this.ctx.nowMs;
  }

  get config(): CoordinatorConfig {
    return this.ctx.config;
  }

  get partition(): number {
    return this.base.partition;
  }

  /** A writable copy of the group (copied once per transaction), or undefined. */
  group(groupId: string): ClassicGroup | undefined {
    const group = this.groups.get(groupId);
    if (!group) return undefined;
    if (this.writable.has(groupId)) return group;
    const copy = cloneGroup(group);
    this.groups.set(groupId, copy);
    this.writable.add(groupId);
    return copy;
  }

  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  putGroup(group: ClassicGroup): void {
    this.groups.set(group.groupId, group);
    this.writable.add(group.groupId);
  }

  deleteGroup(groupId: string): void {
    this.groups.delete(groupId);
    this.writable.delete(groupId);
  }

  groupOffsets(groupId: string): ReadonlyMap<string, CommittedOffset> | undefined {
    return this.offsets.get(groupId);
  }

  offsetGroupIds(): string[] {
    return [...this.offsets.keys()];
  }

  putOffset(groupId: string, committed: CommittedOffset): void {
    const copy = new Map(this.offsets.get(groupId) ?? []);
    copy.set(offsetKey(committed.topic, committed.partition), committed);
    this.offsets.set(groupId, copy);
  }

  deleteOffset(groupId: string, topic: string, partition: number): void {
    const current = this.offsets.get(groupId);
    if (!current) return;
    const copy = new Map(current);
    copy.delete(offsetKey(topic, partition));
    if (copy.size === 0) this.offsets.delete(groupId);
    else this.offsets.set(groupId, copy);
  }

  /** (Re)schedules the task `delayMs` from now, replacing any timer under the same key. */
  schedule(task: TimerTask, delayMs: number): void {
    this.timers.set(timerKey(task), { deadlineMs: this.nowMs + delayMs, seq: this.timerSeq++, task });
  }

  cancel(task: TimerTask): void {
    this.timers.delete(timerKey(task));
  }

  cancelKey(key: string): void {
    this.timers.delete(key);
  }

  respond(requestId: RequestId, response: CoordinatorResponse): void {
    this.responses.push({ requestId, response });
  }

  append(records: readonly CoordinatorRecord[], continuation: AppendContinuation | null): void {
    if (records.length === 0) throw new Error('an append needs at least one record');
    this.appends.push({ records, continuation });
  }

  /** `${prefix}-${uuid}` like Kafka's member ids, the uuid drawn from the shard's seeded source. */
  nextMemberId(prefix: string): string {
    const words: number[] = [];
    for (let index = 0; index < 4; index++) {
      const draw = mulberry32(this.random);
      this.random = draw.state;
      words.push(draw.value);
    }
    const hex = words.map((word) => word.toString(16).padStart(8, '0')).join('');
    const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    return `${prefix}-${uuid}`;
  }

  finish(): HandlerResult {
    return {
      state: {
        partition: this.base.partition,
        groups: this.groups,
        offsets: this.offsets,
        timers: this.timers,
        timerSeq: this.timerSeq,
        random: this.random,
      },
      responses: this.responses,
      appends: this.appends,
    };
  }
}
