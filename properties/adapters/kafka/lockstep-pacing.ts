// How the deterministic group lockstep (lockstep-system.ts) knows a live coordinator has taken a
// request before it sends the next one, and that every answer an event releases has come in.
//
// Requests on different connections reach a broker in no guaranteed order, and a JoinGroup or
// SyncGroup may stay parked without an answer. So after each event:
// 1. Requests that are answered at once (Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch,
//    DescribeGroups, a JoinGroup answered MEMBER_ID_REQUIRED or an error): the answer is the proof.
// 2. A JoinGroup or SyncGroup still parked is taken once DescribeGroups (sent after it, on the admin
//    connection) shows its effect compared with a DescribeGroups sent before it:
//    - join of a member the group did not have (an Empty or absent group, JoinGroup v0-3): the
//      member list changes;
//    - join of a known member of a Stable or CompletingRebalance group: the state becomes
//      PreparingRebalance.
//    Two parked requests have no effect DescribeGroups shows (Kafka 4.4 describes members without
//    a join or sync flag): a known member rejoining a group already in PreparingRebalance, and a
//    follower's SyncGroup in CompletingRebalance. They get GRACE_MS, and their order against a later
//    request does not change an answer: the join phase completes when its last member arrives
//    whichever arrives first (same generation, leader and member list: Kafka lists members in
//    membership order, not join order); a LeaveGroup of the parked member answers the parked join
//    or sync UNKNOWN_MEMBER_ID, as the join or sync arriving after the leave is answered; a
//    rebalance started by another member answers a parked sync REBALANCE_IN_PROGRESS, as a sync
//    arriving in PreparingRebalance is; heartbeats, commits and describes do not read the flag.
// 3. Parked requests the described state says must now be answered are waited for (at most
//    dueWaitMs): joins once the group left PreparingRebalance, or every described member has a
//    parked join and no MEMBER_ID_REQUIRED id is still outstanding (the join phase is complete); the
//    join that found the group Empty or absent, whatever is pending (Kafka's initial delayed join,
//    0 ms here, completes the phase without waiting for pending members); syncs once the group left
//    CompletingRebalance. Answers a timer releases are in before the next event.
import type {
  CoordinatorRequest,
  CoordinatorResponse,
  DescribeGroupsResponse,
} from '../../../impl/coordinator/messages.ts';
import { type Config, intSetting } from '../../../spec/config.ts';
import type { Event } from '../../../spec/events.ts';
import type { Observation } from '../../../spec/observations.ts';
import type { Clients } from '../../client/clients.ts';
import { ADMIN } from '../../client/transport.ts';
import type { KafkaTarget } from '../../client/wire/target.ts';
import type { WireTransport } from '../../client/wire/wire-transport.ts';

/** Wait for a parked request whose taking DescribeGroups cannot show (see the header). */
export const GRACE_MS = 50;
const POLL_MS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Broker settings that decide group answers, compared with the run's at reset. */
const GROUP_SETTINGS = [
  'group.initial.rebalance.delay.ms',
  'group.max.size',
  'group.min.session.timeout.ms',
  'group.max.session.timeout.ms',
  'offset.metadata.max.bytes',
  'offsets.retention.minutes',
] as const;

interface Described {
  readonly state: string;
  readonly members: readonly string[];
}

interface Parked {
  readonly kind: 'join' | 'sync';
  readonly group: string;
  readonly memberId: string;
}

/** Why a run with `config` cannot be compared on a cluster with `cluster` settings, if it cannot. */
export function settingsProblem(config: Config, cluster: ReadonlyMap<string, string>): string | undefined {
  if (Number(cluster.get('group.initial.rebalance.delay.ms') ?? 3000) !== 0)
    return `the cluster's group.initial.rebalance.delay.ms is ${cluster.get('group.initial.rebalance.delay.ms') ?? 'unknown'}: the lockstep needs 0 (no time steps)`;
  for (const name of GROUP_SETTINGS) {
    const theirs = cluster.get(name);
    const ours = intSetting(config, name);
    if (theirs === undefined) return `the cluster did not describe ${name}`;
    if (Number(theirs) !== ours) return `the run's ${name}=${ours} is not the cluster's ${theirs}`;
  }
  return undefined;
}

export class LockstepPacer {
  /** Unanswered JoinGroup and SyncGroup requests by the event that sent them. */
  private readonly parked = new Map<number, Parked>();
  /** Per group: ids answered MEMBER_ID_REQUIRED that have not joined yet (they hold the join phase open). */
  private readonly pending = new Map<string, Set<string>>();
  /** Per group: the leader the last successful JoinGroup answer named. */
  private readonly leaders = new Map<string, string>();
  private minSessionMs = 0;
  private maxSessionMs = Number.POSITIVE_INFINITY;

  constructor(
    private readonly transport: WireTransport,
    private readonly clients: Clients,
    private readonly dueWaitMs: number,
  ) {
    // Every group request passes here: parked ones are known by their answers (or their absence).
    const send = transport.send;
    transport.send = (from, request, respond) => {
      if (request.api === 'JoinGroup' || request.api === 'SyncGroup') {
        const kind = request.api === 'JoinGroup' ? 'join' : 'sync';
        // A coordinator keeps one parked join and one parked sync per member: a newer one replaces
        // the older, which is never answered (a real client sends them on one connection, in turn).
        for (const [at, p] of this.parked)
          if (
            p.kind === kind &&
            p.group === request.groupId &&
            p.memberId !== '' &&
            p.memberId === request.memberId
          )
            this.parked.delete(at);
        this.parked.set(request.requestId, { kind, group: request.groupId, memberId: request.memberId });
      }
      send(from, request, (response) => {
        this.answered(request, response);
        respond(response);
      });
    };
  }

  /** The broker's group settings (DescribeConfigs of the first broker Metadata names). */
  static async brokerSettings(target: KafkaTarget): Promise<Map<string, string>> {
    const settings = new Map<string, string>();
    for (const [name, { value }] of await LockstepPacer.describeBroker(target, GROUP_SETTINGS))
      if (value !== null) settings.set(name, value);
    return settings;
  }

  /** `keys` of the first broker Metadata names, by Kafka's broker names, with their ConfigSource ids. */
  static async describeBroker(
    target: KafkaTarget,
    keys: readonly string[],
  ): Promise<Map<string, { value: string | null; source: number }>> {
    const address = target.bootstrap[0]!;
    // biome-ignore lint/suspicious/noExplicitAny: decoded wire answers, read field by field
    const metadata: any = await target.request(address, 'admin', 'Metadata', 9, {
      topics: [],
      allowAutoTopicCreation: false,
    } as never);
    const node = metadata.brokers?.[0]?.nodeId ?? 0;
    // biome-ignore lint/suspicious/noExplicitAny: as above
    const answer: any = await target.request(address, 'admin', 'DescribeConfigs', 4, {
      resources: [{ resourceType: 4, resourceName: String(node), configurationKeys: [...keys] }],
      includeSynonyms: false,
      includeDocumentation: false,
    } as never);
    const described = new Map<string, { value: string | null; source: number }>();
    for (const config of answer.results?.[0]?.configs ?? [])
      described.set(config.name, { value: config.value, source: config.configSource });
    return described;
  }

  /**
   * Waits (at most `limitMs`) until the cluster's group coordinator serves: a fresh cluster answers
   * COORDINATOR_NOT_AVAILABLE until __consumer_offsets exists and is loaded, which a client library
   * retries through but a compared answer must not see.
   */
  static async coordinatorReady(target: KafkaTarget, limitMs = 120_000): Promise<void> {
    const started = performance.now();
    const group = 'kspec-lockstep-warm-up';
    for (;;) {
      try {
        // biome-ignore lint/suspicious/noExplicitAny: decoded wire answers, read field by field
        const found: any = await target.request(target.bootstrap[0]!, 'admin', 'FindCoordinator', 3, {
          key: group,
          keyType: 0,
        } as never);
        if (found.errorCode === 0) {
          // biome-ignore lint/suspicious/noExplicitAny: as above
          const described: any = await target.request(
            { host: found.host, port: found.port },
            'admin',
            'DescribeGroups',
            5,
            {
              groups: [group],
            } as never,
          );
          if (described.groups?.[0]?.errorCode === 0) return;
        }
      } catch {
        // not answering yet
      }
      if (performance.now() - started > limitMs)
        throw new Error(`the cluster's group coordinator did not serve within ${limitMs / 1000} s`);
      await sleep(200);
    }
  }

  timeoutsInBounds(sessionTimeoutMs: number): boolean {
    return sessionTimeoutMs >= this.minSessionMs && sessionTimeoutMs <= this.maxSessionMs;
  }

  /** Takes the session bounds the run was found to share with the cluster. */
  useBounds(config: Config): void {
    this.minSessionMs = intSetting(config, 'group.min.session.timeout.ms');
    this.maxSessionMs = intSetting(config, 'group.max.session.timeout.ms');
  }

  private answered(request: CoordinatorRequest, response: CoordinatorResponse): void {
    this.parked.delete(request.requestId);
    if (
      response.api === 'JoinGroup' &&
      response.error === 'MEMBER_ID_REQUIRED' &&
      request.api === 'JoinGroup'
    ) {
      const ids = this.pending.get(request.groupId) ?? new Set<string>();
      this.pending.set(request.groupId, ids.add(response.memberId));
    }
    if (response.api === 'JoinGroup' && response.error === 'NONE' && request.api === 'JoinGroup') {
      this.pending.get(request.groupId)?.delete(response.memberId);
      this.leaders.set(request.groupId, response.leader);
    }
  }

  private async describe(group: string): Promise<Described> {
    const response = (await this.transport.call(ADMIN, {
      api: 'DescribeGroups',
      requestId: -1,
      version: 5,
      groupIds: [group],
    })) as DescribeGroupsResponse | undefined;
    const described = response?.groups[0];
    if (described?.error !== 'NONE') return { state: 'Dead', members: [] };
    const members = described.members.map((m) => m.memberId);
    for (const id of members) this.pending.get(group)?.delete(id);
    return { state: described.groupState, members };
  }

  /** Before a JoinGroup or SyncGroup: the group as the coordinator describes it. */
  async before(event: Event): Promise<Described | undefined> {
    if (event.type !== 'join' && event.type !== 'sync') return undefined;
    return this.describe(this.clients.names.real(event.group));
  }

  /** After the event's request was sent: waits until it was taken and every due answer is in. */
  async after(seq: number, before: Described | undefined): Promise<void> {
    await this.transport.settle(0);
    const own = this.parked.get(seq);
    const started = performance.now();
    const expect = own && before ? this.expectation(own, before) : 'answer';
    // A join that found the group Empty (or absent) started its first rebalance: the 0 ms initial
    // delay completes that join phase whoever else is pending, so its answer must come.
    const initial = own?.kind === 'join' && (before?.state === 'Empty' || before?.state === 'Dead');
    for (;;) {
      const groups = new Set([...this.parked.values()].map((p) => p.group));
      const described = new Map<string, Described>();
      for (const group of groups) described.set(group, await this.describe(group));
      const taken =
        !this.parked.has(seq) ||
        (expect === 'grace' && performance.now() >= started + GRACE_MS) ||
        (expect === 'evidence' && before !== undefined && changed(before, described.get(own!.group)));
      const due = [...this.parked.entries()].filter(
        ([at, p]) => (initial && at === seq) || this.mustAnswer(p, described.get(p.group)!),
      );
      if (taken && due.length === 0) return;
      if (performance.now() - started > this.dueWaitMs) {
        if (process.env.KSPEC_KAFKA_DEBUG)
          process.stderr.write(
            `lockstep: event ${seq}: gave up waiting after ${this.dueWaitMs} ms (taken ${taken}; due ${JSON.stringify(due)}; described ${JSON.stringify([...described])}; pending ${JSON.stringify([...this.pending].map(([g, ids]) => [g, [...ids]]))})\n`,
          );
        return;
      }
      await sleep(POLL_MS);
    }
  }

  /**
   * What shows that this request was taken (see the header): its answer (a request Kafka answers at
   * once, even if the answer is still on its way), its effect in DescribeGroups, or nothing (grace).
   */
  private expectation(parked: Parked, before: Described): 'answer' | 'evidence' | 'grace' {
    const member = before.members.includes(parked.memberId);
    if (parked.kind === 'sync')
      // Only a follower's sync in CompletingRebalance parks; the leader's is answered once the
      // assignment is written, any other at once.
      return before.state === 'CompletingRebalance' &&
        member &&
        this.leaders.get(parked.group) !== parked.memberId
        ? 'grace'
        : 'answer';
    if (before.state === 'Empty' || before.state === 'Dead') return 'answer';
    if (!member) return 'evidence';
    return before.state === 'PreparingRebalance' ? 'grace' : 'evidence';
  }

  private mustAnswer(parked: Parked, described: Described): boolean {
    // The member is gone (it left, or a rebalance dropped it): Kafka 4.4 and the model leave its
    // parked request unanswered, so nothing is due.
    if (parked.memberId !== '' && !described.members.includes(parked.memberId)) return false;
    if (parked.kind === 'sync') return described.state !== 'CompletingRebalance';
    if (described.state !== 'PreparingRebalance') return true;
    if ((this.pending.get(parked.group)?.size ?? 0) > 0) return false;
    const joining = [...this.parked.values()].filter((p) => p.kind === 'join' && p.group === parked.group);
    const unnamed = joining.filter((p) => !described.members.includes(p.memberId)).length;
    const waiting = described.members.filter((id) => !joining.some((p) => p.memberId === id)).length;
    return waiting <= unnamed;
  }

  drain(): Observation[] {
    return this.clients.drain();
  }
}

function changed(before: Described, after: Described | undefined): boolean {
  if (!after) return false;
  return (
    after.state !== before.state ||
    after.members.length !== before.members.length ||
    after.members.some((id) => !before.members.includes(id))
  );
}
