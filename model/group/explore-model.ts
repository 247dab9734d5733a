// The group coordinator as an ExplorableModel: one group, N interchangeable clients that send the
// requests a consumer can send (and some it should not), time that jumps to the next deadline, and
// optionally coordinator moves. Clients remember what their answers told them (member id,
// generation, the leader's member list, their last assignment); invariants read that memory.
import { type Config, intSetting } from '../../spec/config.ts';
import type { ExplorableModel } from '../explorable.ts';
import { coordinatorConfig } from './config.ts';
import { initialCoordinatorState, step } from './coordinator.ts';
import type { ClientView, GroupModelState } from './explore-state.ts';
import { GROUP_INVARIANTS } from './invariants.ts';
import { groupKeyer, memberIdsIssued, sameGroupKey } from './symmetry.ts';
import type {
  Answer,
  Choice,
  ClientRequest,
  CoordinatorEvent,
  CoordinatorState,
  StepResult,
} from './types.ts';

export type { GroupModelState } from './explore-state.ts';

/** Rules this file applies: GC-37 (the client defaults a member joins with). */
// Rules this file applies: GC-37.

export const GROUP_ID = 'g';
export const TOPIC = 't';

export interface GroupModelOptions {
  /** Clients (c1..cN). Default 2. */
  readonly members?: number;
  /** Partitions of the one subscribed topic `t`. Default 2. */
  readonly partitions?: number;
  /** Settings by Kafka's names (spec/config.ts). */
  readonly config?: Config;
  /** JoinGroup version the clients send (v4+ gets MEMBER_ID_REQUIRED first). Default 9. */
  readonly joinVersion?: number;
  /** Offset commits by members and standalone ones. Default true. */
  readonly commits?: boolean;
  /** Consumer crashes (no LeaveGroup). Default true. */
  readonly crashes?: boolean;
  /** Coordinator unload / load events. Default false. */
  readonly coordinatorMoves?: boolean;
  /**
   * Bound on members plus MEMBER_ID_REQUIRED members in the group: a client that crashes and joins
   * again leaves its old entry until the session expires, so without a bound the space is infinite.
   * New-member joins are disabled at the bound. Default: members + 1.
   */
  readonly maxGroupEntries?: number;
  /**
   * Bound on the member ids the coordinator hands out in one run (a JoinGroup with an empty member id
   * gets a fresh one). Each crash, leave or expiry followed by a join needs a fresh id, and a stream of
   * fresh members extends the initial delayed rebalance up to rebalance timeout / initial delay times
   * (GC-23), so without this bound the timed space is huge. Once it is reached, joins with an empty
   * member id are no longer sent; everything else stays enabled. Default: members + 1 (one fresh
   * join after a crash, leave or expiry) up to 2 members, members from 3 on (each client joins
   * once; a fourth id makes 3 members about 330,000 states instead of about 9,000).
   */
  readonly maxMemberIds?: number;
  /** Kafka's constant new-member join timeout (300000); smaller values keep exploration small. */
  readonly newMemberJoinTimeoutMs?: number;
}

export interface GroupModelEvent {
  readonly event: CoordinatorEvent | { readonly type: 'consumer-crash'; readonly client: string };
  readonly choice?: Choice;
}

const emptyView = (incarnation: number): ClientView => ({
  incarnation,
  memberId: '',
  generation: -1,
  leaderOf: null,
  synced: null,
});

/** The stand-in for the leader's assignor: partitions dealt round-robin over the listed members. */
export function roundRobinPlan(members: readonly { memberId: string }[], partitions: number) {
  return members.map((member, index) => ({
    memberId: member.memberId,
    partitions: [
      {
        topic: TOPIC,
        partitions: Array.from({ length: partitions }, (_, p) => p).filter(
          (p) => p % members.length === index,
        ),
      },
    ],
  }));
}

function learn(view: ClientView, answer: Answer): void {
  // The answer to a request of an earlier incarnation goes to a connection that died with it.
  if (answer.request !== view.incarnation) return;
  switch (answer.type) {
    case 'join-response':
      if (answer.error === 'NONE') {
        Object.assign(view, {
          memberId: answer.memberId,
          generation: answer.generation,
          leaderOf:
            answer.members.length > 0
              ? answer.members.map(({ memberId, client }) => ({ memberId, client }))
              : null,
        });
      } else if (answer.error === 'MEMBER_ID_REQUIRED') {
        Object.assign(view, { memberId: answer.memberId, generation: -1, leaderOf: null });
      } else if (answer.error === 'UNKNOWN_MEMBER_ID' || answer.error === 'GROUP_MAX_SIZE_REACHED') {
        Object.assign(view, { memberId: '', generation: -1, leaderOf: null });
      }
      return;
    case 'sync-response':
      if (answer.error === 'NONE')
        view.synced = { generation: view.generation, assignment: answer.assignment };
      else if (answer.error === 'UNKNOWN_MEMBER_ID')
        Object.assign(view, { memberId: '', generation: -1, leaderOf: null });
      return;
    case 'heartbeat-response':
      if (answer.error === 'UNKNOWN_MEMBER_ID')
        Object.assign(view, { memberId: '', generation: -1, leaderOf: null });
      return;
    case 'leave-response':
      Object.assign(view, emptyView(view.incarnation));
      return;
    default:
      return;
  }
}

/** See GroupModelOptions.maxMemberIds. */
export function defaultMaxMemberIds(members: number): number {
  return members <= 2 ? members + 1 : members;
}

export function groupModel(
  options: GroupModelOptions = {},
): ExplorableModel<GroupModelState, GroupModelEvent> {
  const clientCount = options.members ?? 2;
  const partitions = options.partitions ?? 2;
  const config = options.config ?? {};
  // Retention is a week; the explorer's clock only jumps to group timers, so the cleanup is left out
  // of exploration (and out of the key) on purpose.
  const coordinator = {
    ...coordinatorConfig(config),
    offsetsRetentionCheckIntervalMs: Number.MAX_SAFE_INTEGER,
    ...(options.newMemberJoinTimeoutMs === undefined
      ? {}
      : { newMemberJoinTimeoutMs: options.newMemberJoinTimeoutMs }),
  };
  // GC-37: a consumer sends session.timeout.ms and max.poll.interval.ms (as the rebalance timeout).
  const sessionTimeoutMs = intSetting(config, 'session.timeout.ms');
  const rebalanceTimeoutMs = intSetting(config, 'max.poll.interval.ms');
  const version = options.joinVersion ?? 9;
  const maxEntries = options.maxGroupEntries ?? clientCount + 1;
  const maxMemberIds = options.maxMemberIds ?? defaultMaxMemberIds(clientCount);
  const clients = Array.from({ length: clientCount }, (_, index) => `c${index + 1}`);

  function baseEvents(state: GroupModelState): GroupModelEvent['event'][] {
    const events: GroupModelEvent['event'][] = [];
    const group = GROUP_ID;
    const current = state.coordinator.groups.find((g) => g.id === GROUP_ID);
    const entries = (current?.members.length ?? 0) + (current?.pending.length ?? 0);
    const idsLeft = memberIdsIssued(state.coordinator) < maxMemberIds;
    for (const client of clients) {
      const view = state.clients[client]!;
      const memberId = view.memberId;
      if (memberId !== '' || (entries < maxEntries && idsLeft))
        events.push({
          type: 'join',
          request: view.incarnation,
          client,
          group,
          memberId,
          protocols: [{ name: 'range', topics: [TOPIC] }],
          sessionTimeoutMs,
          rebalanceTimeoutMs,
          version,
        });
      if (memberId === '') {
        if (options.commits !== false)
          events.push({
            type: 'commit',
            request: view.incarnation,
            client,
            group,
            memberId: '',
            generation: -1,
            offsets: [{ topic: TOPIC, partition: 0, offset: 1 }],
          });
        continue;
      }
      if (view.generation >= 0) {
        const plan = view.leaderOf ? roundRobinPlan(view.leaderOf, partitions) : undefined;
        events.push({
          type: 'sync',
          request: view.incarnation,
          client,
          group,
          memberId,
          generation: view.generation,
          ...(plan ? { assignments: plan } : {}),
        });
        events.push({
          type: 'heartbeat',
          request: view.incarnation,
          client,
          group,
          memberId,
          generation: view.generation,
        });
        if (options.commits !== false)
          events.push({
            type: 'commit',
            request: view.incarnation,
            client,
            group,
            memberId,
            generation: view.generation,
            offsets: [{ topic: TOPIC, partition: 0, offset: 1 }],
          });
      }
      events.push({ type: 'leave', request: view.incarnation, client, group, memberId });
      if (options.crashes !== false) events.push({ type: 'consumer-crash', client });
    }
    const deadlines = state.coordinator.groups.flatMap((g) => g.timers.map((timer) => timer.deadline));
    if (deadlines.length > 0)
      events.push({ type: 'advance-time', ms: Math.max(1, Math.min(...deadlines) - state.coordinator.now) });
    if (options.coordinatorMoves) {
      const status = state.coordinator.status;
      if (status === 'active') events.push({ type: 'coordinator-unload' });
      if (status === 'not-coordinator') events.push({ type: 'coordinator-load-start' });
      if (status === 'loading') events.push({ type: 'coordinator-load-complete' });
    }
    return events;
  }

  // The coordinator step events() already took to find the allowed leaders, reused once by apply()
  // (the default choice is the first allowed leader, so it is the step of that event).
  const stepped = new WeakMap<GroupModelEvent, { from: CoordinatorState; result: StepResult }>();

  function apply(state: GroupModelState, modelEvent: GroupModelEvent): GroupModelState {
    const clientsNext: Record<string, ClientView> = {};
    for (const client of clients) clientsNext[client] = { ...state.clients[client]! };
    const previousGenerations: Record<string, number> = {};
    for (const g of state.coordinator.groups) previousGenerations[g.id] = g.generation;
    const next: GroupModelState = {
      coordinator: state.coordinator,
      clients: clientsNext,
      previousGenerations,
      lastCommit: null,
    };
    const event = modelEvent.event;
    if (event.type === 'consumer-crash') {
      next.clients[event.client] = emptyView(state.clients[event.client]!.incarnation + 1);
      return next;
    }
    if (event.type === 'coordinator-load-complete') next.previousGenerations = {};
    const before = state.coordinator.groups.find((g) => g.id === GROUP_ID);
    const cached = stepped.get(modelEvent);
    if (cached) stepped.delete(modelEvent);
    const result =
      cached && cached.from === state.coordinator
        ? cached.result
        : step(state.coordinator, event, modelEvent.choice ?? {});
    next.coordinator = result.state;
    for (const answer of result.answers) {
      if ('client' in answer && next.clients[answer.client]) learn(next.clients[answer.client]!, answer);
    }
    if (event.type === 'commit') {
      const answer = result.answers.find((a) => a.type === 'commit-response');
      const active = before !== undefined && state.coordinator.status === 'active';
      next.lastCommit = {
        accepted: answer?.type === 'commit-response' && answer.partitions.every((p) => p.error === 'NONE'),
        standalone: event.generation < 0,
        stateBefore: active ? before.state : null,
        sameGeneration: active && before.generation === event.generation,
        fromMember: active && before.members.some((m) => m.memberId === event.memberId),
      };
    }
    return next;
  }

  return {
    name: `group(members=${clientCount}, partitions=${partitions}, member ids<=${maxMemberIds})`,
    initial: () => ({
      coordinator: initialCoordinatorState(coordinator),
      clients: Object.fromEntries(clients.map((client) => [client, emptyView(0)])),
      previousGenerations: {},
      lastCommit: null,
    }),
    events(state) {
      const events: GroupModelEvent[] = [];
      const preparing = state.coordinator.groups.some((g) => g.state === 'PreparingRebalance');
      for (const event of baseEvents(state)) {
        if (event.type === 'consumer-crash') {
          events.push({ event });
          continue;
        }
        // Where Kafka leaves the leader open, explore every allowed choice. Only a join phase that
        // completes from PreparingRebalance can find its leader absent (see members.electJoinedLeader).
        if (!preparing) {
          events.push({ event });
          continue;
        }
        const result = step(state.coordinator, event);
        const leaders = result.allowed.leaders ?? [];
        const first: GroupModelEvent =
          leaders.length > 1 ? { event, choice: { leader: leaders[0]! } } : { event };
        stepped.set(first, { from: state.coordinator, result });
        events.push(first);
        for (const leader of leaders.slice(1)) events.push({ event, choice: { leader } });
      }
      return events;
    },
    step: apply,
    key: groupKeyer(clients, { coordinatorMoves: options.coordinatorMoves === true }),
    unchanged: sameGroupKey,
    invariants: GROUP_INVARIANTS,
    describeEvent: describeGroupEvent,
    stateNames: (state) => {
      // Asked for every transition's target: one shared array per (group state, coordinator
      // status), found without building a string.
      const groupState = state.coordinator.groups[0]?.state ?? 'Dead';
      const status = state.coordinator.status;
      let byStatus = stateNameCache.get(groupState);
      if (!byStatus) {
        byStatus = new Map();
        stateNameCache.set(groupState, byStatus);
      }
      let names = byStatus.get(status);
      if (!names) {
        names = [`group.${groupState}`, `coordinator.${status}`];
        byStatus.set(status, names);
      }
      return names;
    },
  };
}

const stateNameCache = new Map<string, Map<string, readonly string[]>>();

export function describeGroupEvent({ event, choice }: GroupModelEvent): string {
  const suffix = choice?.leader ? ` [leader ${choice.leader}]` : '';
  switch (event.type) {
    case 'join':
      return `${event.client} join(${event.memberId || 'new'})${suffix}`;
    case 'sync':
      return `${event.client} sync(${event.memberId}, g${event.generation}${event.assignments ? `, plan ${event.assignments.map((a) => `${a.memberId}:${a.partitions.flatMap((tp) => tp.partitions).join('/')}`).join(' ')}` : ''})${suffix}`;
    case 'heartbeat':
      return `${event.client} heartbeat(${event.memberId}, g${event.generation})${suffix}`;
    case 'leave':
      return `${event.client} leave(${event.memberId})${suffix}`;
    case 'commit':
      return `${event.client} commit(${event.memberId || 'none'}, g${event.generation})${suffix}`;
    case 'advance-time':
      return `time +${event.ms}ms${suffix}`;
    case 'consumer-crash':
      return `${event.client} crashes`;
    default:
      return (event as ClientRequest | CoordinatorEvent).type + suffix;
  }
}
