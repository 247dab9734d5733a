// What a trace lets a reader know after each step: time, each group's generation, state, members
// and leader, who believes it owns which partition, committed offsets, high watermarks, the
// acknowledged values and, where the trace kept snapshots, each partition's replication (leader,
// ISR, HW, every replica's LEO). Taken from the model's snapshot when the trace kept one, else folded from
// the recorded answers (the observable history). Renderers (HTML, ITF) draw from this one view.
import type { Observation } from '../../spec/observations.ts';
import type { SystemState } from '../../spec/state.ts';
import type { Trace, TraceStep } from '../../spec/trace.ts';

export interface GroupView {
  generation: number;
  state: string;
  protocol: string | null;
  leader: string | null;
  members: string[];
}

/** One partition's replication as the model's snapshot shows it. */
export interface ReplicationView {
  leader: number | null;
  leaderEpoch: number;
  isr: number[];
  /** The leader's high watermark (-1 with no leader). */
  highWatermark: number;
  /** Each replica's log end offset, in replica order, and whether its broker is up. */
  replicas: { broker: number; logEndOffset: number; alive: boolean }[];
}

/** `topic-partition` keys, sorted for stable output. */
export interface View {
  /** The time after the step. */
  timeMs: number;
  groups: Record<string, GroupView>;
  /** Partition -> the clients that believe they own it (two or more is a split). */
  owners: Record<string, string[]>;
  committed: Record<string, number>;
  highWatermark: Record<string, number>;
  /** Partition -> values acknowledged by a produce (acks 1 or all). */
  acked: Record<string, string[]>;
  /** Partition -> replication, known only from snapshots (carried forward between them). */
  replication: Record<string, ReplicationView>;
}

export const partitionKey = (topic: string, partition: number) => `${topic}-${partition}`;

const sorted = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function emptyView(): View {
  return { timeMs: 0, groups: {}, owners: {}, committed: {}, highWatermark: {}, acked: {}, replication: {} };
}

function groupOf(view: View, group: string): GroupView {
  view.groups[group] ??= { generation: 0, state: 'Empty', protocol: null, leader: null, members: [] };
  return view.groups[group];
}

function dropOwnership(view: View, client: string): void {
  for (const [key, owners] of Object.entries(view.owners)) {
    const left = owners.filter((owner) => owner !== client);
    if (left.length > 0) view.owners[key] = left;
    else delete view.owners[key];
  }
}

function dropMember(view: View, group: string, client: string): void {
  dropOwnership(view, client);
  for (const [name, entry] of Object.entries(view.groups)) {
    if (name !== group) continue;
    entry.members = entry.members.filter((member) => member !== client);
    if (entry.leader === client) entry.leader = null;
    if (entry.members.length === 0) entry.state = 'Empty';
  }
}

/** An event changes what a client believes before any answer: a rejoin revokes (eager protocol). */
function applyEvent(view: View, step: TraceStep): void {
  const event = step.event;
  if (event.type === 'advance-time') view.timeMs += event.ms;
  else if (event.type === 'join') dropOwnership(view, event.client);
  else if (event.type === 'consumer-crash') dropOwnership(view, event.client);
}

function applyObservation(view: View, observation: Observation): void {
  switch (observation.type) {
    case 'join-response': {
      if (observation.error !== 'NONE') return;
      const group = groupOf(view, observation.group);
      group.generation = Math.max(group.generation, observation.generation);
      group.state = 'CompletingRebalance';
      group.protocol = observation.protocol;
      group.leader = observation.leader;
      const members = new Set(group.members);
      members.add(observation.client);
      for (const member of observation.members) if (member.client) members.add(member.client);
      group.members = [...members].sort();
      return;
    }
    case 'sync-response': {
      if (observation.error !== 'NONE') return;
      groupOf(view, observation.group).state = 'Stable';
      dropOwnership(view, observation.client);
      for (const { topic, partitions } of observation.assignment)
        for (const partition of partitions) {
          const key = partitionKey(topic, partition);
          view.owners[key] = [...new Set([...(view.owners[key] ?? []), observation.client])].sort();
        }
      return;
    }
    case 'heartbeat-response':
      if (observation.error === 'REBALANCE_IN_PROGRESS')
        groupOf(view, observation.group).state = 'PreparingRebalance';
      return;
    case 'leave-response':
      if (observation.error === 'NONE') dropMember(view, observation.group, observation.client);
      return;
    case 'describe-response': {
      if (observation.error !== 'NONE') return;
      const group = groupOf(view, observation.group);
      group.state = observation.state;
      group.members = observation.members.flatMap((member) => (member.client ? [member.client] : [])).sort();
      return;
    }
    case 'commit-response':
      for (const entry of observation.partitions)
        if (entry.error === 'NONE') view.committed[partitionKey(entry.topic, entry.partition)] = entry.offset;
      return;
    case 'offset-fetch-response':
      for (const entry of observation.offsets)
        if (entry.error === 'NONE' && entry.offset >= 0)
          view.committed[partitionKey(entry.topic, entry.partition)] = entry.offset;
      return;
    case 'fetch-response':
      if (observation.error === 'NONE')
        view.highWatermark[partitionKey(observation.topic, observation.partition)] =
          observation.highWatermark;
      return;
    case 'produce-response':
      if (observation.error === 'NONE' && observation.acks !== 0) {
        const key = partitionKey(observation.topic, observation.partition);
        view.acked[key] = [...(view.acked[key] ?? []), ...observation.values];
      }
      return;
    default:
      return;
  }
}

/** The snapshot overrides what answers suggest: it is the model's own state. */
function applySnapshot(view: View, snapshot: SystemState): void {
  view.groups = {};
  for (const group of snapshot.groups) {
    view.groups[group.group] = {
      generation: group.generation,
      state: group.state,
      protocol: group.protocol,
      leader: group.leader,
      members: group.members.map((member) => member.client).sort(),
    };
    for (const { topic, partition, offset } of group.committed)
      view.committed[partitionKey(topic, partition)] = offset;
    // A Stable group's assignment is what its members hold (or get at their SyncGroup): the
    // coordinator's side of ownership, which shows a split before every member has synced.
    if (group.state === 'Stable')
      for (const member of group.members)
        for (const { topic, partitions } of member.assignment)
          for (const partition of partitions) {
            const key = partitionKey(topic, partition);
            view.owners[key] = [...new Set([...(view.owners[key] ?? []), member.client])].sort();
          }
  }
  view.replication = {};
  const alive = new Map(snapshot.brokers.map((broker) => [broker.id, broker.alive]));
  for (const partition of snapshot.partitions) {
    const key = partitionKey(partition.topic, partition.partition);
    view.highWatermark[key] = partition.highWatermark;
    view.replication[key] = {
      leader: partition.leader,
      leaderEpoch: partition.leaderEpoch,
      isr: [...partition.isr],
      highWatermark: partition.highWatermark,
      replicas: partition.replicas.map((broker) => {
        const state = partition.replicaStates.find((replica) => replica.broker === broker);
        return {
          broker,
          logEndOffset: state?.logEndOffset ?? 0,
          alive: state?.alive ?? alive.get(broker) ?? true,
        };
      }),
    };
  }
}

function frozen(view: View): View {
  const copy = structuredClone(view);
  return {
    timeMs: copy.timeMs,
    groups: sorted(copy.groups),
    owners: sorted(copy.owners),
    committed: sorted(copy.committed),
    highWatermark: sorted(copy.highWatermark),
    acked: sorted(copy.acked),
    replication: sorted(copy.replication),
  };
}

/** views[0] is before any event; views[i + 1] is after step i. */
export function timeline(trace: Trace): View[] {
  const view = emptyView();
  const views = [frozen(view)];
  for (const step of trace.steps) {
    applyEvent(view, step);
    for (const observation of step.observations ?? []) applyObservation(view, observation);
    if (step.state?.snapshot) applySnapshot(view, step.state.snapshot);
    views.push(frozen(view));
  }
  return views;
}
