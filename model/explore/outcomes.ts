// Outcomes: what a rule can answer, one key each. For the group coordinator an outcome is (answer
// type, error, state of the group when the event that produced the answer arrived); for the data
// plane it is (answer type, error) and, for produce, the acks. The same key function serves the
// model (which outcomes are reachable) and the checker (which ones a run produced), so the two sets
// are comparable by string equality.
//
// Reachable group outcomes are derived by exploring the group model (model/group/explore-model.ts)
// and, in every reachable state, also asking the coordinator the requests the checker sends that the
// explorer does not expand (bogus or missing member ids, stale and future generations, a session
// timeout out of bounds, a protocol no member shares, a SyncGroup with no protocol name, a describe
// and an offset fetch); the outcomes only static members produce (GC-40) come from a scenario of two
// static members (staticMemberOutcomes). Reachable produce outcomes come from exploring the replication model; the
// data-plane answers that model does not represent are listed by hand with the model code that
// answers them (DATA_PLANE_OUTCOMES).
import type { Config } from '../../spec/config.ts';
import { coordinatorConfig } from '../group/config.ts';
import { initialCoordinatorState, step } from '../group/coordinator.ts';
import {
  GROUP_ID,
  type GroupModelEvent,
  type GroupModelState,
  groupModel,
  TOPIC,
} from '../group/explore-model.ts';
import type { Answer, ClientRequest, CoordinatorEvent } from '../group/types.ts';
import { replicationModel } from '../replication/model.ts';
import type { ReplicationEvent, ReplicationState } from '../replication/types.ts';
import { explore } from './explore.ts';

/** The fields of an answer (a contract observation or a model answer) that decide its outcome. */
export interface OutcomeAnswer {
  readonly type: string;
  readonly error?: string;
  readonly acks?: number;
  /** ListOffsets by timestamp: the timestamp found. */
  readonly timestamp?: number;
  readonly exception?: string | null;
  readonly partitions?: readonly { readonly error?: string }[] | unknown;
  readonly results?: readonly { readonly group: string; readonly error: string }[];
}

export const GROUP_ANSWERS = [
  'join-response',
  'sync-response',
  'heartbeat-response',
  'leave-response',
  'commit-response',
  'offset-fetch-response',
  'describe-response',
  'delete-groups-response',
  'offset-delete-response',
] as const;

/**
 * The group an answer's outcome is about: its own, or for DeleteGroups the first group it names
 * (the checker's requests name the run's group first).
 */
export function outcomeGroupOf(answer: object): string | undefined {
  if ('group' in answer && typeof answer.group === 'string') return answer.group;
  const results = 'results' in answer ? answer.results : undefined;
  const first = Array.isArray(results) ? (results[0] as { group?: unknown } | undefined) : undefined;
  return typeof first?.group === 'string' ? first.group : undefined;
}

/** acks as the outcome names it: all (-1), 0, 1, or invalid (any other value: INVALID_REQUIRED_ACKS). */
const acksName = (acks: number | undefined): string =>
  acks === -1 ? 'all' : acks === 0 || acks === 1 ? String(acks) : 'invalid';

/**
 * The outcome keys of one answer. `groupState` is the state of the answer's group when the event
 * that produced it arrived ('Dead' when the group did not exist), or undefined when unknown (a
 * system without snapshots): group answers then have no outcome.
 */
export function outcomesOf(answer: OutcomeAnswer, groupState: string | undefined): string[] {
  const type = answer.type;
  if ((GROUP_ANSWERS as readonly string[]).includes(type)) {
    if (groupState === undefined) return [];
    if (type === 'delete-groups-response') {
      const first = answer.results?.[0];
      return first ? [`${type} ${first.error} in ${groupState}`] : [];
    }
    if (type === 'commit-response' || (type === 'offset-delete-response' && answer.error === 'NONE')) {
      const errors = new Set(
        (answer.partitions as readonly { error: string }[]).map((partition) => partition.error),
      );
      return [...errors].map((error) => `${type} ${error} in ${groupState}`);
    }
    return [`${type} ${answer.error} in ${groupState}`];
  }
  switch (type) {
    case 'produce-response':
      return [`${type} ${answer.error} acks=${acksName(answer.acks)}`];
    case 'fetch-response':
      return [`${type} ${answer.error}`];
    case 'list-offsets-response':
      // A lookup by timestamp carries the timestamp found (-1: no record at or above the target);
      // errors before the leader looks (routing, RP-22) are the same for every position.
      if (answer.timestamp === undefined || !['NONE', 'OFFSET_NOT_AVAILABLE'].includes(answer.error ?? ''))
        return [`${type} ${answer.error}`];
      if (answer.error !== 'NONE') return [`${type} ${answer.error} by timestamp`];
      return [`${type} NONE by timestamp ${answer.timestamp >= 0 ? 'found' : 'none'}`];
    case 'poll-result':
      return [`${type} ${answer.exception ?? 'ok'}`];
    default:
      return [];
  }
}

/** The answer type an outcome key is about (its first word). */
export const answerTypeOf = (outcome: string): string => outcome.slice(0, outcome.indexOf(' '));

// ---- group ----

const BOGUS = 'kspec-bogus-member';

/** The requests the checker sends in a state that the explorer does not expand (see the header). */
function probes(state: GroupModelState): ClientRequest[] {
  const group = GROUP_ID;
  const requests: ClientRequest[] = [
    { type: 'describe-group', request: 0, group },
    { type: 'offset-fetch', request: 0, client: 'probe', group },
    { type: 'delete-groups', request: 0, client: 'probe', groups: [group] },
    {
      type: 'offset-delete',
      request: 0,
      client: 'probe',
      group,
      partitions: [
        { topic: TOPIC, partition: 0, exists: true },
        { topic: 'other', partition: 0, exists: true },
        { topic: 'missing', partition: 0, exists: false },
      ],
    },
  ];
  const base = { client: 'probe', group, request: 0 };
  const protocols = [{ name: 'range', topics: [TOPIC] }];
  const join = {
    ...base,
    type: 'join' as const,
    protocols,
    sessionTimeoutMs: 10000,
    rebalanceTimeoutMs: 30000,
    version: 5,
  };
  requests.push(
    { ...join, memberId: BOGUS },
    { ...join, memberId: '', sessionTimeoutMs: 1 },
    { ...join, memberId: '', protocols: [{ name: 'roundrobin', topics: [TOPIC] }] },
    { ...base, type: 'leave', memberId: BOGUS },
    { ...base, type: 'leave', memberId: '' },
    // A client that never had a successful JoinGroup syncs with no protocol name (GC-24).
    { ...base, type: 'sync', memberId: '', generation: -1, protocolName: null },
  );
  for (const [client, view] of Object.entries(state.clients)) {
    const own = { ...base, client, request: view.incarnation };
    const memberIds = view.memberId === '' ? ['', BOGUS] : [view.memberId, '', BOGUS];
    const generations = [-1, view.generation + 7, Math.max(0, view.generation - 1), view.generation];
    for (const memberId of memberIds) {
      if (memberId !== '') requests.push({ ...join, ...own, memberId, sessionTimeoutMs: 1 });
      if (memberId !== '')
        requests.push({ ...join, ...own, memberId, protocols: [{ name: 'roundrobin', topics: [TOPIC] }] });
      for (const generation of generations) {
        requests.push({ ...own, type: 'sync', memberId, generation });
        requests.push({ ...own, type: 'heartbeat', memberId, generation });
        requests.push({
          ...own,
          type: 'commit',
          memberId,
          generation,
          offsets: [{ topic: TOPIC, partition: 0, offset: 1 }],
        });
      }
      // Metadata over offset.metadata.max.bytes (4096 by default) is refused whoever commits.
      requests.push({
        ...own,
        type: 'commit',
        memberId,
        generation: view.generation,
        offsets: [{ topic: TOPIC, partition: 0, offset: 1, metadata: 'x'.repeat(5000) }],
      });
    }
  }
  return requests;
}

const groupStateOf = (state: GroupModelState): string =>
  state.coordinator.groups.find((g) => g.id === GROUP_ID)?.state ?? 'Dead';

function collectAnswers(into: Set<string>, answers: readonly Answer[], groupState: string): void {
  for (const answer of answers) for (const outcome of outcomesOf(answer, groupState)) into.add(outcome);
}

/** One exploration of the group model: the outcomes of its transitions and of the probes in every state. */
export function exploreGroupOutcomes(options: Parameters<typeof groupModel>[0]): Set<string> {
  const outcomes = new Set<string>();
  const probed = new Set<GroupModelState>();
  const model = groupModel(options);
  explore<GroupModelState, GroupModelEvent>(model, {
    clock: () => 0,
    onStep(from, { event, choice }) {
      const groupState = groupStateOf(from);
      if (event.type !== 'consumer-crash')
        collectAnswers(outcomes, step(from.coordinator, event, choice ?? {}).answers, groupState);
      if (probed.has(from)) return;
      probed.add(from);
      for (const request of probes(from))
        collectAnswers(outcomes, step(from.coordinator, request).answers, groupState);
    },
  });
  return outcomes;
}

/**
 * The configurations the group model is explored in: Kafka's defaults, the checker's safe profile
 * timings (no initial rebalance delay), and a group.max.size below the member count.
 */
export const GROUP_EXPLORATIONS: readonly Parameters<typeof groupModel>[0][] = [
  { members: 2, joinVersion: 5 },
  {
    members: 2,
    joinVersion: 5,
    config: {
      'session.timeout.ms': 10000,
      'max.poll.interval.ms': 30000,
      'group.initial.rebalance.delay.ms': 0,
    },
  },
  {
    members: 3,
    joinVersion: 5,
    config: { 'group.max.size': 2, 'group.initial.rebalance.delay.ms': 0 },
  },
];

// ---- static members (GC-40) ----

/**
 * The explorer's clients are dynamic, so the outcomes only static members produce come from a
 * scenario instead: two static members (i0, i1) go through PreparingRebalance, CompletingRebalance
 * and Stable, and in each state member i0's id asks with i1's instance id (as two consumers
 * configured with one instance id do after one replaced the other): every request is fenced.
 */
export function staticMemberOutcomes(): Set<string> {
  const outcomes = new Set<string>();
  let state = initialCoordinatorState(coordinatorConfig({ 'group.initial.rebalance.delay.ms': 3000 }));
  let request = 0;
  const send = (event: CoordinatorEvent): Answer[] => {
    const result = step(state, event);
    state = result.state;
    return result.answers;
  };
  const protocols = [{ name: 'range', topics: [TOPIC] }];
  const join = (client: string, instanceId: string) =>
    send({
      type: 'join',
      request: request++,
      client,
      group: GROUP_ID,
      memberId: '',
      instanceId,
      protocols,
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: 30000,
      version: 5,
    });
  const groupNow = () => state.groups.find((g) => g.id === GROUP_ID)!;
  const probe = () => {
    const group = groupNow();
    const a = group.members.find((m) => m.instanceId === 'i0')!;
    const base = { client: a.client, group: GROUP_ID, memberId: a.memberId, instanceId: 'i1' };
    const requests: ClientRequest[] = [
      {
        ...base,
        type: 'join',
        request: request++,
        protocols,
        sessionTimeoutMs: 10000,
        rebalanceTimeoutMs: 30000,
        version: 5,
      },
      { ...base, type: 'sync', request: request++, generation: group.generation },
      { ...base, type: 'heartbeat', request: request++, generation: group.generation },
      { ...base, type: 'leave', request: request++ },
      {
        ...base,
        type: 'commit',
        request: request++,
        generation: group.generation,
        offsets: [{ topic: TOPIC, partition: 0, offset: 1 }],
      },
    ];
    for (const r of requests) collectAnswers(outcomes, step(state, r).answers, group.state);
  };
  join('a', 'i0');
  join('b', 'i1');
  probe(); // PreparingRebalance
  // The initial delay extends while members arrive (GC-23): wait until the join phase ends.
  for (let waits = 0; waits < 20 && groupNow().state === 'PreparingRebalance'; waits++)
    send({ type: 'advance-time', ms: 3000 });
  probe(); // CompletingRebalance
  const group = groupNow();
  send({
    type: 'sync',
    request: request++,
    client: 'a',
    group: GROUP_ID,
    memberId: group.leader!,
    generation: group.generation,
    assignments: [],
  });
  probe(); // Stable
  return outcomes;
}

// ---- replication ----

/** Produce outcomes the replication model reaches under one configuration (acks=0 has no answer). */
export function exploreProduceOutcomes(config: Config): Set<string> {
  const outcomes = new Set<string>();
  const acks = config.acks === '1' ? 1 : -1;
  explore<ReplicationState, ReplicationEvent>(replicationModel({ config, writes: 1 }), {
    clock: () => 0,
    onStep(_from, event, to) {
      if ((event.type === 'PRODUCE' || event.type === 'COMPLETE_PRODUCE') && to.lastOutcome !== null)
        outcomes.add(`produce-response ${to.lastOutcome} acks=${acksName(acks)}`);
    },
  });
  return outcomes;
}

export const REPLICATION_EXPLORATIONS: readonly Config[] = [
  { acks: 'all', 'min.insync.replicas': 2 },
  { acks: '1', 'min.insync.replicas': 2 },
];

/**
 * Data-plane answers the replication model does not represent (it has one partition, no network,
 * no routing, no fetch by clients, no timeouts), each with the model code that answers it. The
 * checker writes only to partitions that exist, so UNKNOWN_TOPIC_OR_PARTITION is left out.
 */
export const DATA_PLANE_OUTCOMES: Readonly<Record<string, string>> = {
  'produce-response INVALID_REQUIRED_ACKS acks=invalid':
    'data-plane/produce.ts: acks other than -1, 0, 1 (RP-8)',
  'produce-response LEADER_NOT_AVAILABLE acks=all': 'data-plane/produce.ts: the partition has no leader',
  'produce-response NETWORK_EXCEPTION acks=all':
    'data-plane/produce.ts, delayed-produce.ts: the leader is unreachable or stopped before answering',
  'produce-response NOT_LEADER_OR_FOLLOWER acks=all':
    'data-plane/routing.ts, delayed-produce.ts: the producer reached a broker that no longer leads',
  'produce-response REQUEST_TIMED_OUT acks=all':
    'data-plane/delayed-produce.ts: the HW did not pass it in time',
  'produce-response OUT_OF_ORDER_SEQUENCE_NUMBER acks=all':
    'replication/producer-state.ts: an idempotent batch that does not continue its producer sequence (IP-3, IP-4)',
  'produce-response INVALID_PRODUCER_EPOCH acks=all':
    'replication/producer-state.ts: an idempotent batch from an older producer epoch (IP-5)',
  'produce-response INVALID_RECORD acks=all':
    'data-plane/produce.ts: a malformed batch, refused by the request check or the leader log (LG-1, spec/malformed-batches.ts)',
  'produce-response CORRUPT_MESSAGE acks=all':
    'data-plane/produce.ts: a malformed batch whose checksum does not match (LG-1)',
  'produce-response UNKNOWN_SERVER_ERROR acks=all':
    "data-plane/produce.ts: a record's varint longer than 5 bytes, which Kafka 4.4 maps to no error code (LG-1)",
  'fetch-response NONE': 'data-plane/client-fetch.ts: records up to the high watermark',
  'fetch-response OFFSET_OUT_OF_RANGE': 'data-plane/client-fetch.ts: an offset past the log end',
  'fetch-response LEADER_NOT_AVAILABLE': 'data-plane/client-fetch.ts: the partition has no leader',
  'fetch-response NETWORK_EXCEPTION':
    'data-plane/routing.ts (reachLeader): the leader the reader knows is stopped or cut off',
  'fetch-response NOT_LEADER_OR_FOLLOWER':
    'data-plane/routing.ts (reachLeader): the broker the reader reached no longer leads',
  'poll-result ok': 'oracle/consumer-steps.ts: a poll returns records (or none)',
  'list-offsets-response NONE': 'data-plane/list-offsets.ts: earliest, or latest at the HW (RP-24)',
  'list-offsets-response LEADER_NOT_AVAILABLE': 'data-plane/list-offsets.ts: the partition has no leader',
  'list-offsets-response NETWORK_EXCEPTION':
    'data-plane/routing.ts (reachLeader): the leader the reader knows is stopped or cut off',
  'list-offsets-response NOT_LEADER_OR_FOLLOWER':
    'data-plane/routing.ts (reachLeader): the broker the reader reached no longer leads',
  'list-offsets-response OFFSET_NOT_AVAILABLE':
    "data-plane/list-offsets.ts: latest from a leader whose HW lags its epoch's start (RP-24, KIP-207)",
  'list-offsets-response NONE by timestamp found':
    'data-plane/list-offsets.ts: the first record at or above the target, below the HW (LG-7)',
  'list-offsets-response NONE by timestamp none':
    'data-plane/list-offsets.ts: no record below the HW at or above the target (LG-7)',
  'list-offsets-response OFFSET_NOT_AVAILABLE by timestamp':
    'data-plane/list-offsets.ts: none found below a HW that lags the epoch start (LG-7, RP-24)',
};

/** Every reachable outcome, sorted: explored group and produce outcomes plus the data-plane list. */
export function reachableOutcomes(): string[] {
  const all = new Set<string>(Object.keys(DATA_PLANE_OUTCOMES));
  for (const o of staticMemberOutcomes()) all.add(o);
  for (const options of GROUP_EXPLORATIONS) for (const o of exploreGroupOutcomes(options)) all.add(o);
  for (const config of REPLICATION_EXPLORATIONS) for (const o of exploreProduceOutcomes(config)) all.add(o);
  return [...all].sort();
}
