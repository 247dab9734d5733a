// What a server operator wants in the log, as Kafka's brokers write it: topics created, partition
// leaders and ISRs changing, group state and generation changes, brokers stopping and starting.
// The cluster is deterministic and has no event bus; instead the broker takes a small view of it
// after every request and replication pass and logs the differences, one line each. Cheap: the
// view holds a few fields per partition and group.
import type { Cluster } from '../cluster/cluster.ts';
import { OFFSETS_TOPIC } from '../cluster/group-hosting.ts';
import type { LogFields, LogLevel } from '../server/logger.ts';

interface PartitionView {
  readonly leader: number | null;
  readonly leaderEpoch: number;
  readonly isr: readonly number[];
}

interface GroupView {
  readonly state: string;
  readonly generation: number;
  readonly protocol: string | null;
  readonly members: number;
}

export interface ClusterView {
  readonly brokers: ReadonlyMap<number, boolean>;
  readonly topics: ReadonlyMap<string, { partitions: number; replicationFactor: number }>;
  readonly partitions: ReadonlyMap<string, PartitionView>;
  readonly groups: ReadonlyMap<string, GroupView>;
}

export interface ClusterEvent {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: LogFields;
}

export function clusterView(cluster: Cluster): ClusterView {
  const topics = new Map<string, { partitions: number; replicationFactor: number }>();
  const partitions = new Map<string, PartitionView>();
  for (const topic of cluster.controller.allTopics()) {
    topics.set(topic.name, {
      partitions: topic.partitions.length,
      replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
    });
    for (const p of topic.partitions)
      partitions.set(`${p.topic}-${p.partition}`, {
        leader: p.leader,
        leaderEpoch: p.leaderEpoch,
        isr: [...p.isr],
      });
  }
  const groups = new Map<string, GroupView>();
  for (const meta of cluster.controller.topic(OFFSETS_TOPIC)?.partitions ?? []) {
    if (meta.leader === null) continue;
    const shard = cluster.groups.shardState(meta.leader, meta.partition);
    for (const group of shard?.groups.values() ?? [])
      groups.set(group.groupId, {
        state: group.state,
        generation: group.generation,
        protocol: group.protocolName,
        members: group.members.size,
      });
  }
  return {
    brokers: new Map(cluster.brokers.map((broker) => [broker.id, broker.running])),
    topics,
    partitions,
    groups,
  };
}

const brokers = (ids: readonly number[]) => `[${ids.join(',')}]`;
const sameList = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((id, index) => id === b[index]);

function partitionEvents(before: ClusterView, after: ClusterView): ClusterEvent[] {
  const events: ClusterEvent[] = [];
  for (const [key, now] of after.partitions) {
    const was = before.partitions.get(key);
    // The internal topic's partitions are logged at debug: there are 50 of them by default.
    const level: LogLevel = key.startsWith(OFFSETS_TOPIC) ? 'debug' : 'info';
    if (!was) continue; // reported with its topic's creation
    if (was.leader !== now.leader || was.leaderEpoch !== now.leaderEpoch)
      events.push({
        level: now.leader === null ? 'warn' : level,
        message: `partition ${key}: leader ${was.leader ?? 'none'} -> ${now.leader ?? 'none (offline)'} (epoch ${now.leaderEpoch}), ISR ${brokers(now.isr)}`,
        fields: { partition: key, leader: now.leader, leaderEpoch: now.leaderEpoch, isr: brokers(now.isr) },
      });
    else if (!sameList(was.isr, now.isr))
      events.push({
        level: now.isr.length < was.isr.length ? (level === 'info' ? 'warn' : level) : level,
        message: `partition ${key}: ISR ${now.isr.length < was.isr.length ? 'shrinks' : 'expands'} ${brokers(was.isr)} -> ${brokers(now.isr)}`,
        fields: { partition: key, isr: brokers(now.isr) },
      });
  }
  return events;
}

function groupEvents(before: ClusterView, after: ClusterView): ClusterEvent[] {
  const events: ClusterEvent[] = [];
  for (const [group, now] of after.groups) {
    const was = before.groups.get(group);
    if (was && was.generation !== now.generation)
      events.push({
        level: 'info',
        message: `group ${group}: generation ${now.generation} (${now.state}, protocol ${now.protocol ?? 'none'}, ${now.members} member${now.members === 1 ? '' : 's'})`,
        fields: { group, generation: now.generation, state: now.state, members: now.members },
      });
    else if (!was || was.state !== now.state)
      events.push({
        level: 'info',
        message: `group ${group}: ${was?.state ?? 'new'} -> ${now.state} (generation ${now.generation}, ${now.members} member${now.members === 1 ? '' : 's'})`,
        fields: { group, state: now.state, generation: now.generation, members: now.members },
      });
  }
  return events;
}

/** One event per change between two views: brokers, topics, leaders and ISRs, groups. */
export function clusterEvents(before: ClusterView, after: ClusterView): ClusterEvent[] {
  const events: ClusterEvent[] = [];
  for (const [id, running] of after.brokers)
    if (before.brokers.get(id) !== running)
      events.push({
        level: running ? 'info' : 'warn',
        message: `broker ${id} ${running ? 'is up' : 'is down'}`,
        fields: { broker: id, running },
      });
  for (const [name, topic] of after.topics)
    if (!before.topics.has(name))
      events.push({
        level: name === OFFSETS_TOPIC ? 'debug' : 'info',
        message: `created topic ${name}: ${topic.partitions} partition${topic.partitions === 1 ? '' : 's'}, replication factor ${topic.replicationFactor}`,
        fields: { topic: name, partitions: topic.partitions, replicationFactor: topic.replicationFactor },
      });
  for (const [name] of before.topics)
    if (!after.topics.has(name))
      events.push({ level: 'info', message: `deleted topic ${name}`, fields: { topic: name } });
  return [...events, ...partitionEvents(before, after), ...groupEvents(before, after)];
}
