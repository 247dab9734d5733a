// The group model as a SystemUnderTest (spec/sut.ts): contract events for groups and offsets are
// mapped onto the pure `step` (contract-requests.ts), and its answers back to contract observations
// with client names. The adapter plays the clients' part the contract leaves to them: it remembers
// each client's member id, generation and the leader's member list. As a lockstep oracle it also
// offers the answers of every pick the rules leave open, and follows the system's.
import { type Config, intSetting, validateConfig } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { Disallowed, LockstepOracle } from '../../spec/oracle.ts';
import type { SystemState } from '../../spec/state.ts';
import type { Capabilities, Setup, SystemUnderTest } from '../../spec/sut.ts';
import { topicConfigSent } from '../../spec/topic-config-sent.ts';
import { CONTRACT_VERSION } from '../../spec/version.ts';
import { TopicConfigs } from '../admin/describe-configs.ts';
import { createTopicAnswer, partitionChangeAnswer, type TopicCounts } from '../admin/topic-counts.ts';
import { observeAnswer } from './client-answers.ts';
import { coordinatorConfig } from './config.ts';
import { type ClientMemory, coordinatorRequest, type RequestContext } from './contract-requests.ts';
import { initialCoordinatorState, step } from './coordinator.ts';
import type { Allowed, Answer, Choice, CoordinatorEvent, CoordinatorState } from './types.ts';

export const GROUP_MODEL_EVENTS = [
  'join',
  'sync',
  'heartbeat',
  'leave',
  'consumer-crash',
  'describe-group',
  'commit',
  'offset-fetch',
  'delete-groups',
  'offset-delete',
  'create-topic',
  'partition-change',
  'process',
  'advance-time',
  // Answered here rather than by the data plane: the group model knows when the first
  // FindCoordinator created __consumer_offsets (RP-27).
  'describe-configs',
] as const;

/**
 * Events the group model does not model whose effects never reach a group or offset answer: data
 * written, read or replicated, fsyncs, and the application's processing. (Broker failures and the
 * network do reach them, by moving or cutting off the coordinator; polls and consumer commits
 * commit offsets the model cannot compute without the data plane.)
 */
const UNAFFECTED_BY = ['produce', 'fetch', 'list-offsets', 'replicate', 'flush'] as const;

/** What the group model answers (time passing also releases parked produce answers, which it does not). */
export const GROUP_MODEL_OBSERVES = [
  'join-response',
  'sync-response',
  'heartbeat-response',
  'leave-response',
  'commit-response',
  'offset-fetch-response',
  'delete-groups-response',
  'offset-delete-response',
  'describe-response',
  'admin-response',
  'describe-configs-response',
  'unsupported',
] as const;

const BOGUS_MEMBER_ID = 'bogus-member-id';

/** What the adapter remembers besides the coordinator state (copied to re-take a step). */
interface Memory {
  clients: Map<string, ClientMemory>;
  issued: Map<string, string>;
  crashedAt: Map<string, number>;
}

interface OpenStep {
  readonly before: CoordinatorState;
  readonly request: CoordinatorEvent;
  readonly memory: Memory;
  /** Every pick the rules allow (the first is the model's own). */
  readonly options: readonly Choice[];
  /** The answers of each option, once listed. */
  lists?: Observation[][];
}

/** Every combination of the leaders and tied protocols a step allowed. */
function openChoices(allowed: Allowed): Choice[] {
  const leaders = allowed.leaders?.length ? allowed.leaders : [undefined];
  const protocols = allowed.protocols?.length ? allowed.protocols : [undefined];
  return leaders.flatMap((leader) =>
    protocols.map((protocol) => ({
      ...(leader !== undefined ? { leader } : {}),
      ...(protocol !== undefined ? { protocol } : {}),
    })),
  );
}

type CommitOffsets = Extract<Event, { type: 'commit' }>['offsets'];

export interface GroupModelOptions {
  /** Which allowed pick the model takes where the rules leave one open (GC-20, GC-21): default the first. */
  readonly pick?: 'first' | 'last';
}

export class GroupModelSystem implements LockstepOracle {
  readonly unaffectedBy = UNAFFECTED_BY;
  readonly observes = GROUP_MODEL_OBSERVES;

  constructor(private readonly options: GroupModelOptions = {}) {}

  private state: CoordinatorState = initialCoordinatorState();
  private config: Config = {};
  private clients = new Map<string, ClientMemory>();
  private readonly topics: TopicCounts = new Map();
  /** The topics' own configs, for DescribeConfigs (RP-27). */
  private readonly topicConfigs = new TopicConfigs();
  /** Every member id the coordinator issued, with its client: answers may outlive the member. */
  private issued = new Map<string, string>();
  /** The seq of each client's last crash: answers to requests from before it reach nobody. */
  private crashedAt = new Map<string, number>();
  /** The answers the last step gave (a followed alternative's, once followed). */
  private lastTaken: Observation[] = [];
  /** The system's member id for each of the model's, where it issued one (followIds). */
  private readonly systemIds = new Map<string, string>();
  private readonly requests: RequestContext = {
    memberId: (client, ref) => this.memberId(client, ref),
    memory: (client) => this.memory(client),
    partitionsOf: (topic) => this.topics.get(topic) ?? intSetting(this.config, 'partitions'),
    partitionExists: (topic, partition) => partition < (this.topics.get(topic) ?? 0),
    systemId: (memberId) => this.systemIds.get(memberId) ?? memberId,
  };
  /** The last step, when it left a choice open (leader, tied protocol vote): what adopt needs. */
  private open: OpenStep | undefined;

  async capabilities(): Promise<Capabilities> {
    return {
      contractVersion: CONTRACT_VERSION,
      name: 'kspec group model',
      events: [...GROUP_MODEL_EVENTS],
      inspect: true,
      deterministic: true,
    };
  }

  async reset(setup: Setup): Promise<void> {
    this.config = setup.config;
    this.state = initialCoordinatorState(coordinatorConfig(setup.config));
    this.clients.clear();
    this.topics.clear();
    this.topicConfigs.clear();
    this.issued.clear();
    this.crashedAt.clear();
    this.systemIds.clear();
    this.lastTaken = [];
  }

  async close(): Promise<void> {}

  private memory(client: string): ClientMemory {
    let memory = this.clients.get(client);
    if (!memory) {
      memory = { memberId: '', generation: -1, leaderOf: null, protocol: null, held: null };
      this.clients.set(client, memory);
    }
    return memory;
  }

  private memberId(client: string, ref: 'own' | 'none' | 'bogus'): string {
    if (ref === 'none') return '';
    if (ref === 'bogus') return BOGUS_MEMBER_ID;
    return this.memory(client).memberId;
  }

  /** A topic grew (CreatePartitions answered NONE elsewhere): a leader's plan covers the new partitions. */
  topicResized(topic: string, partitions: number): void {
    this.topics.set(topic, partitions);
  }

  /**
   * A topic was created (CreateTopics answered NONE elsewhere) with `config`, the event's: the
   * topic's own configs are what the client sent (RP-27).
   */
  topicCreated(topic: string, config: Config = {}): void {
    this.topicConfigs.created(topic, validateConfig(topicConfigSent(this.config, config)));
  }

  /** The groups the coordinator has. */
  groupIds(): string[] {
    return this.state.groups.map((group) => group.id);
  }

  /**
   * GC-32: the coordinator of `groups` resigns (its offsets partition moved away while it runs): the
   * answers its parked JoinGroups and SyncGroups get. The model's state after it is not followed (the
   * oracle stops predicting groups at a move), so only these answers are taken from the step.
   */
  resignAnswers(groups: readonly string[]): Observation[] {
    const result = step(this.state, { type: 'coordinator-unload' });
    const resigned = new Set(groups);
    return this.take({
      ...result,
      answers: result.answers.filter((a) => 'group' in a && resigned.has(a.group)),
    });
  }

  /** The member id the coordinator last gave this client ('' before any). */
  memberIdOf(client: string): string {
    return this.clients.get(client)?.memberId ?? '';
  }

  /**
   * An OffsetCommit a consumer sends on its own (auto commit inside poll, commitSync/commitAsync),
   * with the member id and generation it holds rather than a `MemberRef` (own, none, bogus).
   */
  commitAs(
    input: { client: string; group: string; memberId: string; generation: number; offsets: CommitOffsets },
    source: 'auto' | 'consumer',
    seq: number,
  ): Observation[] {
    return this.stepModel({ type: 'commit', request: seq, ...input, source });
  }

  /**
   * The committed offsets a consumer looks up before its first fetch (OffsetFetch, answer not
   * observed); undefined when the coordinator answered with an error.
   */
  committedOffsets(
    client: string,
    group: string,
    partitions: { topic: string; partition: number }[],
    seq: number,
  ): Map<string, number> | undefined {
    const result = step(this.state, { type: 'offset-fetch', request: seq, client, group, partitions });
    this.state = result.state;
    const answer = result.answers.find((a) => a.type === 'offset-fetch-response');
    if (answer?.type !== 'offset-fetch-response' || answer.error !== 'NONE') return undefined;
    return new Map(answer.offsets.map((o) => [`${o.topic}\0${o.partition}`, o.offset]));
  }

  async apply(event: Event, seq: number): Promise<Observation[]> {
    this.open = undefined;
    const request = coordinatorRequest(event, seq, this.requests);
    if (request === 'unsupported') {
      return [
        {
          type: 'unsupported',
          request: seq,
          event: event.type,
          reason: 'the group model covers groups, offsets and time only',
        },
      ];
    }
    if (request === 'handled') return this.handledLocally(event, seq);
    // The Java consumer forgets its assignment when it leaves (resetGenerationOnLeaveGroup).
    if (event.type === 'leave' && event.member === 'own') this.memory(event.client).held = null;
    return this.stepModel(request);
  }

  private stepModel(request: CoordinatorEvent): Observation[] {
    const before = this.state;
    const result = step(before, request);
    const options = openChoices(result.allowed);
    this.open = options.length > 1 ? { before, request, memory: this.copyMemory(), options } : undefined;
    if (this.open && this.options.pick === 'last') return this.retake(this.open, options.at(-1)!);
    return this.take(result);
  }

  /** Applies a step's outcome: the new state, and what each answer tells its client. */
  private take(result: ReturnType<typeof step>): Observation[] {
    this.state = result.state;
    // Ids first, then answers: one step can complete several joins, and a leader named in the first
    // answer may be a static member whose id only the second one brings (the client side names at
    // drain too).
    for (const answer of result.answers)
      if (answer.type === 'join-response' && answer.memberId !== '')
        this.issued.set(answer.memberId, answer.client);
    const observations: Observation[] = [];
    for (const answer of result.answers) {
      const asker = 'client' in answer ? answer.client : undefined;
      if (asker !== undefined && answer.request < (this.crashedAt.get(asker) ?? -1)) {
        // The process that asked is gone (its socket closed): nobody observes the answer, but an
        // id it carries still names that client in other members' answers.
        if (answer.type === 'join-response' && answer.memberId !== '')
          this.issued.set(answer.memberId, asker);
        continue;
      }
      observations.push(this.observe(answer));
    }
    this.lastTaken = observations;
    return observations;
  }

  /** AS-10: the system's member ids, matched to the model's by the request that issued them. */
  followIds(observations: readonly Observation[]): void {
    for (const theirs of observations) {
      if (theirs.type !== 'join-response' || theirs.memberId === '') continue;
      const mine = this.lastTaken.find(
        (o) => o.type === 'join-response' && o.request === theirs.request && o.client === theirs.client,
      );
      if (mine?.type === 'join-response' && mine.memberId !== '')
        this.systemIds.set(mine.memberId, theirs.memberId);
    }
  }

  private copyMemory(): Memory {
    return structuredClone({ clients: this.clients, issued: this.issued, crashedAt: this.crashedAt });
  }

  private restoreMemory(memory: Memory): void {
    ({ clients: this.clients, issued: this.issued, crashedAt: this.crashedAt } = structuredClone(memory));
  }

  /** Re-takes the open step with `choice` from the memory before it. */
  private retake(open: OpenStep, choice: Choice): Observation[] {
    this.restoreMemory(open.memory);
    return this.take(step(open.before, open.request, choice));
  }

  /** Runs `tryPicks` and puts everything back as it was before. */
  private aside<T>(tryPicks: () => T): T {
    const current = { state: this.state, memory: this.copyMemory(), taken: this.lastTaken };
    const result = tryPicks();
    this.state = current.state;
    this.restoreMemory(current.memory);
    this.lastTaken = current.taken;
    return result;
  }

  /**
   * Where GC-20/GC-21 leave the leader or a tied protocol vote open, the answers each allowed pick
   * gives (the leader's JoinGroup answer lists the members, the others' do not).
   */
  alternatives(): readonly Observation[][] | undefined {
    const open = this.open;
    if (!open) return undefined;
    open.lists ??= this.aside(() => open.options.map((choice) => this.retake(open, choice)));
    return open.lists;
  }

  followAlternative(index: number): void {
    const choice = this.open?.options[index];
    if (this.open && choice) this.retake(this.open, choice);
  }

  /** Follows the system's pick of leader and protocol when it is one the rules allow (GC-20, GC-21). */
  adopt(observed: SystemState): readonly Disallowed[] {
    const open = this.open;
    this.open = undefined;
    if (!open) return [];
    const seen = new Map(observed.groups.map((g) => [g.group, g]));
    const agrees = () =>
      this.state.groups.every((group) => {
        const other = seen.get(group.id);
        if (!other) return true;
        // GC-20: a leader removed later in the same step leaves any remaining member to lead.
        const leaderAllowed =
          group.leaderCandidates === null
            ? other.leader === this.clientOf(group.leader)
            : group.leaderCandidates.some((id) => this.clientOf(id) === other.leader);
        return leaderAllowed && other.protocol === group.protocol;
      });
    if (agrees()) return [];
    const allowed = open.options.find((choice) =>
      this.aside(() => {
        this.retake(open, choice);
        return agrees();
      }),
    );
    if (allowed) {
      this.retake(open, allowed);
      return [];
    }
    const group = [...seen.values()].find((g) => this.state.groups.some((m) => m.id === g.group));
    const protocols = open.options.map((choice) => choice.protocol);
    const protocolAllowed =
      group?.protocol === undefined ||
      protocols.includes(undefined) ||
      protocols.includes(group.protocol ?? undefined);
    return [
      {
        rule: protocolAllowed ? 'GC-20' : 'GC-21',
        message: `${group?.group ?? 'the group'} has leader ${group?.leader ?? 'none'} and protocol ${group?.protocol ?? 'none'}; the rules allow none of that here`,
      },
    ];
  }

  private handledLocally(event: Event, seq: number): Observation[] {
    if (event.type === 'create-topic') {
      const error = createTopicAnswer(this.topics, event);
      if (error === 'NONE') this.topicCreated(event.topic, event.config);
      return [{ type: 'admin-response', request: seq, op: 'create-topic', topic: event.topic, error }];
    }
    if (event.type === 'describe-configs') {
      // RP-27: the client's first FindCoordinator created __consumer_offsets (OC-10: the shard
      // loaded then), so it exists once the coordinator has taken a request.
      const described = this.topicConfigs.describe(event.topic, this.config, this.state.loadedAtMs !== null);
      return [
        {
          type: 'describe-configs-response',
          request: seq,
          topic: event.topic,
          error: described.error,
          configs: described.configs.map((config) => ({ ...config })),
        },
      ];
    }
    if (event.type === 'partition-change') {
      const error = partitionChangeAnswer(this.topics, event);
      return [{ type: 'admin-response', request: seq, op: 'partition-change', topic: event.topic, error }];
    }
    if (event.type === 'consumer-crash') {
      this.clients.delete(event.client); // the coordinator is not told
      this.crashedAt.set(event.client, seq);
    }
    return [];
  }

  private clientOf(memberId: string | null): string | null {
    if (memberId === null) return null;
    const issuedTo = this.issued.get(memberId);
    if (issuedTo !== undefined) return issuedTo;
    for (const group of this.state.groups) {
      const member =
        group.members.find((m) => m.memberId === memberId) ??
        group.persisted?.members.find((m) => m.memberId === memberId);
      // Not issued yet: named as the client names it, by the client.id Kafka shows.
      if (member) return member.clientId ?? member.client;
    }
    return null;
  }

  private observe(answer: Answer): Observation {
    return observeAnswer(answer, {
      memory: (client) => this.memory(client),
      issue: (memberId, client) => this.issued.set(memberId, client),
      clientOf: (memberId) => this.clientOf(memberId),
      generationOf: (group) => this.state.groups.find((g) => g.id === group)?.generation ?? -1,
    });
  }

  async inspect(): Promise<SystemState> {
    return {
      timeMs: this.state.now,
      brokers: [],
      partitions: [],
      groups: this.state.groups.map((group) => ({
        group: group.id,
        state: group.state,
        generation: group.generation,
        protocol: group.protocol,
        leader: this.clientOf(group.leaderCandidates === null ? group.leader : null),
        // What the coordinator holds, as a broker's snapshot shows it: each member's stored
        // assignment, stored for the generation the group last became Stable in (the current one,
        // or the one before while the next completes: leaving CompletingRebalance clears them).
        members: group.members.map((member) => ({
          client: member.client,
          ...(member.instanceId === null ? {} : { instanceId: member.instanceId }),
          syncedGeneration: storedGeneration(group.state, group.generation, member.assignment.length > 0),
          assignment: member.assignment.map((tp) => ({ topic: tp.topic, partitions: [...tp.partitions] })),
        })),
        committed: group.offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset })),
      })),
    };
  }
}

function storedGeneration(state: string, generation: number, assigned: boolean): number {
  if (state === 'Stable') return generation;
  if (!assigned) return -1;
  return state === 'CompletingRebalance' ? generation - 1 : generation;
}

export function groupModelSystem(options: GroupModelOptions = {}): SystemUnderTest {
  return new GroupModelSystem(options);
}
