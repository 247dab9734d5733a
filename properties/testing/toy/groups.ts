// The toy cluster's group coordinator: classic protocol states, join/sync parking, session and join
// timers, commit validation in Kafka's order. One coordinator that never fails (the toy does not
// model coordinator failover). Answers are observations; parked answers come out later.

import type { TopicPartitions } from '../../../spec/common.ts';
import type { ErrorName } from '../../../spec/errors.ts';
import type { JoinEvent, SyncEvent } from '../../../spec/events.ts';
import type { GroupState, Observation } from '../../../spec/observations.ts';
import type { ToyFaults } from './faults.ts';

export interface Member {
  readonly memberId: string;
  readonly client: string;
  protocols: JoinEvent['protocols'];
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  lastSeenMs: number;
  joinRequest?: number;
  syncRequest?: number;
  assignment: TopicPartitions[];
  syncedGeneration: number;
}
export interface Group {
  readonly id: string;
  state: GroupState;
  generation: number;
  protocol: string | null;
  leader: string | null;
  members: Map<string, Member>;
  joinDeadlineMs: number;
  committed: Map<string, number>;
}

export interface GroupLimits {
  readonly minSessionMs: number;
  readonly maxSessionMs: number;
}

export class ToyCoordinator {
  readonly groups = new Map<string, Group>();
  #nextMember = 0;
  /** Ids handed out with MEMBER_ID_REQUIRED, accepted on the member's next JoinGroup. */
  readonly #issued = new Set<string>();

  constructor(
    readonly limits: GroupLimits,
    readonly faults: ToyFaults,
    readonly partitionsOf: (topic: string) => number,
  ) {}

  group(id: string): Group {
    let g = this.groups.get(id);
    if (!g) {
      g = {
        id,
        state: 'Empty',
        generation: 0,
        protocol: null,
        leader: null,
        members: new Map(),
        joinDeadlineMs: 0,
        committed: new Map(),
      };
      this.groups.set(id, g);
    }
    return g;
  }

  newMemberId(client: string): string {
    return `${client}-${this.#nextMember++}`;
  }

  #joinAnswer(g: Group, m: Member, request: number, error: ErrorName = 'NONE'): Observation {
    const isLeader = error === 'NONE' && g.leader === m.memberId;
    return {
      type: 'join-response',
      request,
      client: m.client,
      group: g.id,
      error,
      memberId: m.memberId,
      generation: error === 'NONE' ? g.generation : -1,
      protocol: error === 'NONE' ? g.protocol : null,
      leader: error === 'NONE' ? (g.members.get(g.leader ?? '')?.client ?? null) : null,
      members: isLeader
        ? [...g.members.values()].map((x) => ({
            client: x.client,
            memberId: x.memberId,
            topics: x.protocols[0]?.topics ?? [],
          }))
        : [],
    };
  }

  join(event: JoinEvent, request: number, memberId: string, nowMs: number): Observation[] {
    const g = this.group(event.group);
    const fail = (error: ErrorName, id = memberId): Observation[] => [
      {
        type: 'join-response',
        request,
        client: event.client,
        group: event.group,
        error,
        memberId: id,
        generation: -1,
        protocol: null,
        leader: null,
        members: [],
      },
    ];
    if (event.group === '') return fail('INVALID_GROUP_ID');
    if (
      event.sessionTimeoutMs < this.limits.minSessionMs ||
      event.sessionTimeoutMs > this.limits.maxSessionMs
    )
      return fail('INVALID_SESSION_TIMEOUT');
    const names = event.protocols.map((p) => p.name);
    if (
      g.members.size > 0 &&
      ![...g.members.values()].every(
        (m) => m.memberId === memberId || m.protocols.some((p) => names.includes(p.name)),
      )
    )
      return fail('INCONSISTENT_GROUP_PROTOCOL');
    let member = g.members.get(memberId);
    if (!member) {
      if (memberId !== '' && !this.#issued.has(memberId)) return fail('UNKNOWN_MEMBER_ID');
      if (memberId === '' && (event.version ?? 5) >= 4) {
        const issued = this.newMemberId(event.client);
        this.#issued.add(issued);
        return fail('MEMBER_ID_REQUIRED', issued);
      }
      this.#issued.delete(memberId);
      const id = memberId || this.newMemberId(event.client);
      member = {
        memberId: id,
        client: event.client,
        protocols: event.protocols,
        sessionTimeoutMs: event.sessionTimeoutMs,
        rebalanceTimeoutMs: event.rebalanceTimeoutMs,
        lastSeenMs: nowMs,
        assignment: [],
        syncedGeneration: -1,
      };
      g.members.set(id, member);
      g.leader ??= id;
    } else if (
      g.state === 'Stable' &&
      g.leader !== member.memberId &&
      JSON.stringify(member.protocols) === JSON.stringify(event.protocols)
    ) {
      member.lastSeenMs = nowMs;
      return [this.#joinAnswer(g, member, request)];
    }
    Object.assign(member, {
      protocols: event.protocols,
      sessionTimeoutMs: event.sessionTimeoutMs,
      rebalanceTimeoutMs: event.rebalanceTimeoutMs,
      lastSeenMs: nowMs,
      joinRequest: request,
    });
    const out = g.state === 'PreparingRebalance' ? [] : this.#prepareRebalance(g, nowMs);
    return [...out, ...this.#maybeCompleteJoin(g, nowMs, false)];
  }

  #prepareRebalance(g: Group, nowMs: number): Observation[] {
    const out: Observation[] = [];
    for (const m of g.members.values()) {
      if (g.state === 'CompletingRebalance') m.assignment = [];
      if (m.syncRequest !== undefined)
        out.push({
          type: 'sync-response',
          request: m.syncRequest,
          client: m.client,
          group: g.id,
          error: 'REBALANCE_IN_PROGRESS',
          assignment: [],
        });
      m.syncRequest = undefined;
    }
    g.state = 'PreparingRebalance';
    g.joinDeadlineMs = nowMs + Math.max(0, ...[...g.members.values()].map((m) => m.rebalanceTimeoutMs));
    return out;
  }

  #maybeCompleteJoin(g: Group, nowMs: number, timerFired: boolean): Observation[] {
    if (g.state !== 'PreparingRebalance') return [];
    const members = [...g.members.values()];
    if (!timerFired && members.some((m) => m.joinRequest === undefined)) return [];
    for (const m of members) if (m.joinRequest === undefined) g.members.delete(m.memberId);
    g.generation += 1;
    const remaining = [...g.members.values()];
    if (remaining.length === 0) {
      Object.assign(g, { state: 'Empty', protocol: null, leader: null });
      return [];
    }
    if (!g.leader || !g.members.has(g.leader)) g.leader = remaining[0]!.memberId;
    const votes = new Map<string, number>();
    const common = remaining[0]!.protocols
      .map((p) => p.name)
      .filter((name) => remaining.every((m) => m.protocols.some((p) => p.name === name)));
    for (const m of remaining) {
      const vote = m.protocols.find((p) => common.includes(p.name));
      if (vote) votes.set(vote.name, (votes.get(vote.name) ?? 0) + 1);
    }
    g.protocol = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    g.state = 'CompletingRebalance';
    const out: Observation[] = [];
    for (const m of remaining) {
      out.push(this.#joinAnswer(g, m, m.joinRequest!));
      m.joinRequest = undefined;
      m.lastSeenMs = nowMs;
    }
    return out;
  }

  #check(
    groupId: string,
    memberId: string,
    generation: number,
  ): { g?: Group; m?: Member; error?: ErrorName } {
    if (groupId === '') return { error: 'INVALID_GROUP_ID' };
    const g = this.groups.get(groupId);
    if (!g || g.state === 'Empty') return { error: 'UNKNOWN_MEMBER_ID' };
    if (g.state === 'Dead') return { error: 'COORDINATOR_NOT_AVAILABLE' };
    const m = g.members.get(memberId);
    if (!m) return { error: 'UNKNOWN_MEMBER_ID' };
    if (generation !== g.generation) return { g, m, error: 'ILLEGAL_GENERATION' };
    return { g, m };
  }

  sync(event: SyncEvent, request: number, memberId: string, nowMs: number): Observation[] {
    const { g, m, error } = this.#check(event.group, memberId, event.generation);
    const answer = (e: ErrorName, assignment: TopicPartitions[] = []): Observation => ({
      type: 'sync-response',
      request,
      client: event.client,
      group: event.group,
      error: e,
      assignment,
    });
    if (error || !g || !m) return [answer(error ?? 'UNKNOWN_MEMBER_ID')];
    if (g.state === 'PreparingRebalance') return [answer('REBALANCE_IN_PROGRESS')];
    m.lastSeenMs = nowMs;
    if (g.state === 'Stable') return [answer('NONE', m.assignment)];
    m.syncRequest = request;
    if (g.leader !== memberId) return [];
    const plan = event.assignments ? this.#planFromEvent(g, event.assignments) : this.#rangePlan(g);
    const out: Observation[] = [];
    for (const member of g.members.values()) {
      member.assignment = plan.get(member.memberId) ?? [];
      member.syncedGeneration = g.generation;
      if (member.syncRequest !== undefined)
        out.push({
          type: 'sync-response',
          request: member.syncRequest,
          client: member.client,
          group: g.id,
          error: 'NONE',
          assignment: member.assignment,
        });
      member.syncRequest = undefined;
    }
    g.state = 'Stable';
    return out;
  }

  #planFromEvent(
    g: Group,
    assignments: NonNullable<SyncEvent['assignments']>,
  ): Map<string, TopicPartitions[]> {
    const plan = new Map<string, TopicPartitions[]>();
    for (const m of g.members.values())
      plan.set(m.memberId, assignments.find((a) => a.client === m.client)?.partitions ?? []);
    return plan;
  }

  /** Range: per topic, contiguous ranges, the first P % C members one more, members sorted by id. */
  #rangePlan(g: Group): Map<string, TopicPartitions[]> {
    const plan = new Map<string, TopicPartitions[]>();
    const members = [...g.members.values()].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
    const topics = [...new Set(members.flatMap((m) => m.protocols[0]?.topics ?? []))].sort();
    for (const topic of topics) {
      const subscribed = members.filter((m) => m.protocols[0]?.topics.includes(topic));
      const count = this.partitionsOf(topic);
      const per = Math.floor(count / Math.max(1, subscribed.length));
      let next = 0;
      subscribed.forEach((m, i) => {
        const take = per + (i < count % subscribed.length ? 1 : 0);
        const partitions = Array.from({ length: take }, (_, k) => next + k);
        next += take;
        if (partitions.length) plan.set(m.memberId, [...(plan.get(m.memberId) ?? []), { topic, partitions }]);
      });
    }
    return plan;
  }

  heartbeat(
    groupId: string,
    client: string,
    request: number,
    memberId: string,
    generation: number,
    nowMs: number,
  ): Observation {
    const { g, m, error } = this.#check(groupId, memberId, generation);
    if (m && (!error || error === 'ILLEGAL_GENERATION')) m.lastSeenMs = nowMs;
    const e: ErrorName = error ?? (g?.state === 'PreparingRebalance' ? 'REBALANCE_IN_PROGRESS' : 'NONE');
    return { type: 'heartbeat-response', request, client, group: groupId, error: e };
  }

  leave(groupId: string, client: string, request: number, memberId: string, nowMs: number): Observation[] {
    const g = this.groups.get(groupId);
    const answer = (error: ErrorName): Observation => ({
      type: 'leave-response',
      request,
      client,
      group: groupId,
      error,
    });
    if (groupId === '') return [answer('INVALID_GROUP_ID')];
    if (!g?.members.has(memberId)) return [answer('UNKNOWN_MEMBER_ID')];
    return [answer('NONE'), ...this.#remove(g, memberId, nowMs)];
  }

  #remove(g: Group, memberId: string, nowMs: number): Observation[] {
    g.members.delete(memberId);
    if (this.faults.dropMemberWithoutRebalance && g.state === 'Stable') return [];
    if (g.state === 'Stable' || g.state === 'CompletingRebalance') return this.#prepareRebalance(g, nowMs);
    return this.#maybeCompleteJoin(g, nowMs, false);
  }

  /** OffsetCommit validation in Kafka's order (kafka-semantics.md section 2); the error for every partition. */
  commitError(groupId: string, memberId: string, generation: number): ErrorName {
    if (groupId === '') return 'INVALID_GROUP_ID';
    const g = this.groups.get(groupId);
    if (!g) {
      if (generation < 0) this.group(groupId);
      return generation < 0 ? 'NONE' : 'GROUP_ID_NOT_FOUND';
    }
    if (this.faults.acceptStaleCommit) return 'NONE';
    if (g.state === 'Dead') return 'COORDINATOR_NOT_AVAILABLE';
    if (generation < 0 && g.state === 'Empty') return 'NONE';
    if (generation >= 0 || memberId !== '') {
      if (!g.members.has(memberId)) return 'UNKNOWN_MEMBER_ID';
      if (generation !== g.generation) return 'ILLEGAL_GENERATION';
    } else return 'UNKNOWN_MEMBER_ID';
    if (g.state === 'CompletingRebalance') return 'REBALANCE_IN_PROGRESS';
    const m = g.members.get(memberId);
    if (m) m.lastSeenMs = Math.max(m.lastSeenMs, 0);
    return 'NONE';
  }

  /** Session and join timers up to `nowMs`. */
  tick(nowMs: number): Observation[] {
    const out: Observation[] = [];
    for (const g of this.groups.values()) {
      for (const m of [...g.members.values()])
        if (
          m.joinRequest === undefined &&
          m.syncRequest === undefined &&
          nowMs - m.lastSeenMs >= m.sessionTimeoutMs
        )
          out.push(...this.#remove(g, m.memberId, nowMs));
      if (g.state === 'PreparingRebalance' && nowMs >= g.joinDeadlineMs)
        out.push(...this.#maybeCompleteJoin(g, nowMs, true));
    }
    return out;
  }
}
