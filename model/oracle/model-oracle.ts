// The whole model as one lockstep oracle (spec/oracle.ts): the group model (membership, commits,
// time) and the data-plane model (topics, produce, fetch, replication, failures, the network), with
// the consumer-level events (poll, commitSync/commitAsync) computed on top of both. Every contract
// event type is modeled, so a run is compared from its first event to its last.
//
// One part is not modeled: where a group's coordinator lives. The group model answers as a
// coordinator that is always there; a fault that may move it or cut clients off from it (see
// coordinator-watch.ts) ends the group predictions (and the polls and consumer commits that depend
// on them) for the rest of the run, while the data plane is still predicted. At a clean shutdown of
// a group's coordinator the answers it gives its parked requests as it resigns (GC-32) are the last
// group answers predicted.
import { EVENT_TYPES, type Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { Disallowed, LockstepOracle } from '../../spec/oracle.ts';
import type { SystemState } from '../../spec/state.ts';
import type { Capabilities, Setup } from '../../spec/sut.ts';
import { CONTRACT_VERSION } from '../../spec/version.ts';
import { type ConsumerSettings, consumerSettings } from '../consumer/settings.ts';
import { DATA_PLANE_EVENTS, DATA_PLANE_OBSERVES } from '../data-plane/data-plane-model.ts';
import { GROUP_MODEL_EVENTS, GROUP_MODEL_OBSERVES, GroupModelSystem } from '../group/group-model-system.ts';
import { ConsumerClients } from './consumer-clients.ts';
import { type ConsumerContext, consumerCommit, type PartitionReads, poll } from './consumer-steps.ts';
import { CoordinatorWatch } from './coordinator-watch.ts';

/** The data-plane part: a lockstep oracle for topics, produce, fetch, replication and faults. */
export interface DataPlaneOracle extends LockstepOracle {
  /** ListOffsets as a client sees it (earliest: log start; latest: HW); undefined when it fails. */
  listOffset?(
    client: string,
    topic: string,
    partition: number,
    which: 'earliest' | 'latest',
  ): number | undefined;
}

const MAX_POLL_RECORDS = 500;

/** Events both parts take: topics (their partition counts), and time (group timers, ISR lag). */
const SHARED_EVENTS = new Set<Event['type']>(['create-topic', 'partition-change', 'advance-time']);
const GROUP_EVENTS = new Set<Event['type']>(GROUP_MODEL_EVENTS.filter((type) => !SHARED_EVENTS.has(type)));
const DATA_EVENTS = new Set<Event['type']>(DATA_PLANE_EVENTS.filter((type) => !SHARED_EVENTS.has(type)));

const DATA_OBSERVATIONS: readonly Observation['type'][] = DATA_PLANE_OBSERVES;
const BLIND_DATA_OBSERVATIONS: readonly Observation['type'][] = ['admin-response', 'unsupported'];
const MEMBERSHIP_OBSERVATIONS: readonly Observation['type'][] = [
  ...BLIND_DATA_OBSERVATIONS,
  'join-response',
  'sync-response',
  'heartbeat-response',
  'leave-response',
  'describe-response',
  'describe-configs-response',
];
const ALL_OBSERVATIONS: readonly Observation['type'][] = [
  ...new Set([...DATA_PLANE_OBSERVES, ...GROUP_MODEL_OBSERVES, 'poll-result' as const]),
];

export class ModelOracle implements LockstepOracle {
  private readonly group = new GroupModelSystem();
  private readonly consumers = new ConsumerClients();
  private settings: ConsumerSettings = consumerSettings();
  private nowMs = 0;
  /** Set at the first event that may move the coordinator: group answers are no longer predicted. */
  private groupLostAt: Event['type'] | null = null;
  private readonly coordinators = new CoordinatorWatch();
  /**
   * The answers a coordinator resigning at the last event gave its parked requests (GC-32), when the
   * group predictions ended there; undefined at every other event.
   */
  private resigned: Observation[] | undefined;
  /** The answers each part gave to the last event (undefined: the part did not take it). */
  private last: { group?: Observation[]; data?: Observation[] } = {};

  constructor(private readonly data: DataPlaneOracle) {}

  get observes(): readonly Observation['type'][] {
    return this.groupLostAt === null || this.resigned ? ALL_OBSERVATIONS : DATA_OBSERVATIONS;
  }

  /**
   * Without snapshots the data plane's open choices (placement, elections, fetch order) cannot be
   * adopted, and everything that reads data (produce and fetch answers, polls, the commits and
   * offsets that follow from polls) may hang on them: only membership answers are compared.
   */
  get observesWithoutSnapshots(): readonly Observation['type'][] {
    return this.groupLostAt === null || this.resigned ? MEMBERSHIP_OBSERVATIONS : BLIND_DATA_OBSERVATIONS;
  }

  async capabilities(): Promise<Capabilities> {
    const data = await this.data.capabilities();
    return {
      contractVersion: CONTRACT_VERSION,
      name: `kspec model (group model + ${data.name})`,
      events: [...EVENT_TYPES],
      inspect: true,
      deterministic: true,
    };
  }

  async reset(setup: Setup): Promise<void> {
    this.settings = consumerSettings(setup.config);
    this.nowMs = 0;
    this.groupLostAt = null;
    this.coordinators.reset(setup.config);
    this.consumers.reset();
    await this.group.reset(setup);
    await this.data.reset(setup);
  }

  async close(): Promise<void> {
    await this.group.close();
    await this.data.close();
  }

  async apply(event: Event, seq: number): Promise<Observation[]> {
    this.last = {};
    this.resigned = undefined;
    if (DATA_EVENTS.has(event.type)) {
      const groups = this.group.groupIds();
      if (this.groupLostAt === null) {
        const resigning = this.coordinators.resigning(event, groups);
        if (!this.coordinators.survives(event, groups)) {
          this.groupLostAt = event.type;
          // GC-32's answers are the last group answers predicted before the move.
          if (resigning) this.resigned = this.group.resignAnswers(resigning);
        }
      }
      const data = await this.dataStep(event, seq);
      return [...(this.resigned ?? []), ...data];
    }
    switch (event.type) {
      case 'create-topic':
      case 'partition-change': {
        const answers = await this.dataStep(event, seq);
        const grown =
          !(event.type === 'partition-change' && event.validateOnly) &&
          answers.some((o) => o.type === 'admin-response' && o.error === 'NONE');
        if (grown && this.groupLostAt === null) this.group.topicResized(event.topic, event.partitions);
        // The group model answers DescribeConfigs (RP-27): it keeps the topic's own configs.
        if (grown && event.type === 'create-topic') this.group.topicCreated(event.topic, event.config);
        return answers;
      }
      case 'advance-time': {
        this.nowMs += event.ms;
        // Group timers may write to __consumer_offsets, which an unfenced crashed broker holds up.
        if (this.groupLostAt === null && this.coordinators.fencePending() && this.group.groupIds().length > 0)
          this.groupLostAt = event.type;
        this.coordinators.advance(event.ms);
        const data = await this.dataStep(event, seq);
        return this.groupLostAt === null ? [...(await this.groupStep(event, seq)), ...data] : data;
      }
      case 'process':
        return []; // the application's own work: no request is sent
      case 'poll':
      case 'consumer-commit':
        this.checkCoordinator(event);
        return this.groupLostAt === null ? this.consumerStep(event, seq) : [];
      default:
        // Membership, commits, offset fetches, crashes: the group model's, while it follows the run.
        this.checkCoordinator(event);
        return GROUP_EVENTS.has(event.type) && this.groupLostAt === null ? this.groupStep(event, seq) : [];
    }
  }

  /** A group request while a stopped broker may be unfenced ends the predictions (coordinator-watch.ts). */
  private checkCoordinator(event: Event): void {
    if (this.groupLostAt !== null || !('group' in event) || typeof event.group !== 'string') return;
    if (this.coordinators.fencePending()) this.groupLostAt = event.type;
  }

  private async groupStep(event: Event, seq: number): Promise<Observation[]> {
    this.consumers.before(event, seq, this.nowMs);
    const answers = await this.group.apply(event, seq);
    this.consumers.learn(answers);
    this.last.group = answers;
    return answers;
  }

  private async dataStep(event: Event, seq: number): Promise<Observation[]> {
    const answers = await this.data.apply(event, seq);
    this.last.data = answers;
    return answers;
  }

  private async consumerStep(event: Extract<Event, { type: 'poll' | 'consumer-commit' }>, seq: number) {
    this.consumers.before(event, seq, this.nowMs);
    const consumer = this.consumers.get(event.client, this.nowMs);
    const ctx: ConsumerContext = {
      group: this.group,
      reads: this.reads(seq),
      settings: this.settings,
      nowMs: this.nowMs,
      maxPollRecords: MAX_POLL_RECORDS,
    };
    return event.type === 'poll'
      ? poll(ctx, consumer, event, seq)
      : consumerCommit(ctx, consumer, event, seq);
  }

  /** The consumer's reads go through the data plane's own Fetch (its answers are not observed). */
  private reads(seq: number): PartitionReads {
    const fetch = async (
      client: string,
      tp: { topic: string; partition: number },
      offset: number,
      max: number,
    ) => {
      const answers = await this.data.apply(
        { type: 'fetch', client, topic: tp.topic, partition: tp.partition, offset, maxRecords: max },
        seq,
      );
      const answer = answers.find((o) => o.type === 'fetch-response');
      if (answer?.type !== 'fetch-response')
        throw new Error('the data plane answered a fetch without a fetch-response');
      return answer;
    };
    return {
      fetch,
      listOffset: async (client, tp, which) => {
        if (this.data.listOffset) return this.data.listOffset(client, tp.topic, tp.partition, which);
        const answer = await fetch(client, tp, 0, 1);
        if (answer.error !== 'NONE' && answer.error !== 'OFFSET_OUT_OF_RANGE') return undefined;
        return which === 'earliest' ? answer.logStartOffset : answer.highWatermark;
      },
    };
  }

  /**
   * Every answer list the last event may give: the group model's (an open leader or tied protocol
   * vote) combined with the data plane's (a replicate round's fetch order).
   */
  alternatives(): readonly (readonly Observation[])[] | undefined {
    const group = this.last.group ? this.group.alternatives() : undefined;
    const data = this.last.data ? this.data.alternatives?.() : undefined;
    if (!group && !data) return undefined;
    const groupLists = group ?? [this.last.group ?? this.resigned ?? []];
    const dataLists = data ?? [this.last.data ?? []];
    return groupLists.flatMap((mine) => dataLists.map((theirs) => [...mine, ...theirs]));
  }

  followAlternative(index: number): void {
    const group = this.last.group ? this.group.alternatives() : undefined;
    const data = this.last.data ? this.data.alternatives?.() : undefined;
    const dataCount = data?.length ?? 1;
    if (group) this.group.followAlternative(Math.floor(index / dataCount));
    if (data) this.data.followAlternative?.(index % dataCount);
  }

  followIds(observations: readonly Observation[]): void {
    if (this.last.group) this.group.followIds(observations);
  }

  adopt(observed: SystemState): readonly Disallowed[] {
    this.coordinators.observe(observed);
    const group = this.last.group ? this.group.adopt(observed) : [];
    return [...group, ...(this.data.adopt?.(observed) ?? [])];
  }

  async inspect(): Promise<SystemState> {
    const data = await this.data.inspect!();
    const group = await this.group.inspect();
    return { ...data, groups: this.groupLostAt === null ? group.groups : data.groups };
  }
}
