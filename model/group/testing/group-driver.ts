// Test helper: a small imperative driver over the group model's pure step, for the scenarios of
// the model's tests (many follow Kafka's GroupMetadataManagerTest): numbers requests, keeps every
// answer, and finds the answer to a given request.

import { coordinatorConfig } from '../config.ts';
import { initialCoordinatorState, step } from '../coordinator.ts';
import type {
  Allowed,
  Answer,
  Choice,
  ClientRequest,
  CoordinatorConfig,
  CoordinatorEvent,
  CoordinatorState,
  HeartbeatAnswer,
  JoinAnswer,
  LeaveAnswer,
  Protocol,
  SyncAnswer,
} from '../types.ts';

export type WithoutRequest<T> = T extends ClientRequest ? Omit<T, 'request'> : T;

export interface JoinOptions {
  memberId?: string;
  instanceId?: string | null;
  protocols?: Protocol[];
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
  version?: number;
}

export class GroupDriver {
  state: CoordinatorState;
  readonly answers: Answer[] = [];
  lastAllowed: Allowed = {};
  /** Every group state change so far, as `from->to`. */
  readonly transitions: string[] = [];
  private nextRequest = 0;

  constructor(
    config: Partial<CoordinatorConfig> = {},
    readonly group = 'group-id',
  ) {
    this.state = initialCoordinatorState({ ...coordinatorConfig(), ...config });
  }

  /** Applies one event; returns the answers it released. Client requests get the next request number. */
  send(event: WithoutRequest<CoordinatorEvent>, choice: Choice = {}): { request: number; answers: Answer[] } {
    const request = this.nextRequest++;
    const full = ('group' in event || 'groups' in event ? { ...event, request } : event) as CoordinatorEvent;
    const result = step(this.state, full, choice);
    this.state = result.state;
    this.lastAllowed = result.allowed;
    this.answers.push(...result.answers);
    this.transitions.push(...result.transitions.map((move) => `${move.from}->${move.to}`));
    return { request, answers: result.answers };
  }

  answerTo<T extends Answer>(request: number): T | undefined {
    return this.answers.find((answer) => answer.request === request) as T | undefined;
  }

  join(client: string, options: JoinOptions = {}): number {
    return this.send({
      type: 'join',
      client,
      group: this.group,
      memberId: options.memberId ?? '',
      instanceId: options.instanceId ?? null,
      protocols: options.protocols ?? [{ name: 'range', topics: ['foo'] }],
      sessionTimeoutMs: options.sessionTimeoutMs ?? 500,
      rebalanceTimeoutMs: options.rebalanceTimeoutMs ?? 500,
      version: options.version ?? 9,
    }).request;
  }

  joinAnswer(request: number): JoinAnswer | undefined {
    return this.answerTo<JoinAnswer>(request);
  }

  sync(
    client: string,
    memberId: string,
    generation: number,
    assignments?: { memberId: string; partitions: { topic: string; partitions: number[] }[] }[],
  ): number {
    return this.send({
      type: 'sync',
      client,
      group: this.group,
      memberId,
      generation,
      ...(assignments ? { assignments } : {}),
    }).request;
  }

  syncAnswer(request: number): SyncAnswer | undefined {
    return this.answerTo<SyncAnswer>(request);
  }

  heartbeat(client: string, memberId: string, generation: number): string {
    const { answers } = this.send({ type: 'heartbeat', client, group: this.group, memberId, generation });
    return (answers[0] as HeartbeatAnswer | LeaveAnswer).error;
  }

  leave(client: string, memberId: string): string {
    const { answers } = this.send({ type: 'leave', client, group: this.group, memberId });
    return (answers[0] as HeartbeatAnswer | LeaveAnswer).error;
  }

  sleep(ms: number): Answer[] {
    return this.send({ type: 'advance-time', ms }).answers;
  }

  groupState() {
    const group = this.state.groups.find((g) => g.id === this.group);
    if (!group) throw new Error(`no group ${this.group}`);
    return group;
  }

  /**
   * Kafka's joinClassicGroupAsDynamicMemberAndCompleteJoin: MEMBER_ID_REQUIRED, re-join with the id,
   * wait out the initial delay; returns the join answer.
   */
  joinDynamicAndCompleteJoin(client: string, options: JoinOptions = {}): JoinAnswer {
    const first = this.joinAnswer(this.join(client, options))!;
    if (first.error !== 'MEMBER_ID_REQUIRED')
      throw new Error(`expected MEMBER_ID_REQUIRED, got ${first.error}`);
    const second = this.join(client, { ...options, memberId: first.memberId });
    this.sleep(this.state.config.initialRebalanceDelayMs);
    const answer = this.joinAnswer(second);
    if (!answer) throw new Error('join did not complete after the initial delay');
    return answer;
  }

  /**
   * Kafka's joinWithNMembers: clients c1..cN get MEMBER_ID_REQUIRED, re-join with their ids, and the
   * clock passes the initial delay and then the rest of the rebalance timeout, when the delayed join
   * completes (timers fire at their own deadlines, GC-34); returns the join answers.
   */
  joinWithNMembers(count: number, rebalanceTimeoutMs: number, sessionTimeoutMs: number): JoinAnswer[] {
    const clients = Array.from({ length: count }, (_, index) => `c${index + 1}`);
    const ids = clients.map(
      (client) => this.joinAnswer(this.join(client, { rebalanceTimeoutMs, sessionTimeoutMs }))!.memberId,
    );
    const second = clients.map((client, index) =>
      this.join(client, { memberId: ids[index]!, rebalanceTimeoutMs, sessionTimeoutMs }),
    );
    this.sleep(this.state.config.initialRebalanceDelayMs);
    if (second.some((request) => this.joinAnswer(request)))
      throw new Error('join completed before the rebalance timeout');
    const remainingMs = rebalanceTimeoutMs - this.state.config.initialRebalanceDelayMs;
    if (remainingMs > 0) this.sleep(remainingMs);
    return second.map((request) => {
      const answer = this.joinAnswer(request);
      if (!answer) throw new Error('join did not complete after the rebalance timeout');
      return answer;
    });
  }

  /** Kafka's joinClassicGroupAsDynamicMemberAndCompleteRebalance: one member, joined and synced (Stable). */
  joinDynamicAndCompleteRebalance(client: string): JoinAnswer {
    const joined = this.joinDynamicAndCompleteJoin(client, {
      rebalanceTimeoutMs: 10000,
      sessionTimeoutMs: 5000,
    });
    const sync = this.syncAnswer(this.sync(client, joined.memberId, joined.generation, []));
    if (sync?.error !== 'NONE') throw new Error(`leader sync failed: ${sync?.error}`);
    return joined;
  }
}

/** The Kafka test context's broker bounds (GroupMetadataManagerTestContext): min session 10 ms, max 10 min. */
export const KAFKA_TEST_CONTEXT: Partial<CoordinatorConfig> = {
  minSessionTimeoutMs: 10,
  maxSessionTimeoutMs: 600_000,
};

/** A driver with the Kafka test context's bounds, and `config` on top. */
export const kafkaDriver = (config: Partial<CoordinatorConfig> = {}): GroupDriver =>
  new GroupDriver({ ...KAFKA_TEST_CONTEXT, ...config });
