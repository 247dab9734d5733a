// One-line descriptions of events and answers, shared by every renderer, so the text timeline,
// the sequence diagram and the HTML page say the same thing the same way.
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { ExpectedObservation } from '../../spec/trace.ts';
import type { ReplicationView } from './timeline.ts';

type TopicPartitions = readonly { topic: string; partitions: readonly number[] }[];

export const partitionsText = (assignment: TopicPartitions): string =>
  assignment.length === 0
    ? 'none'
    : assignment.map(({ topic, partitions }) => partitions.map((p) => `${topic}-${p}`).join(',')).join(',') ||
      'none';

const acksText = (acks: number) => (acks === -1 ? 'all' : String(acks));

/**
 * The member id a request carries, in words: `own` is the id the coordinator gave this client,
 * `none` the empty id of a new member, `bogus` an id never issued (spec/README.md, member ids).
 */
export const memberText = (member: string) =>
  member === 'own'
    ? 'with its member id'
    : member === 'none'
      ? 'as a new member (no id)'
      : 'with a bogus member id';
const values = (list: readonly string[]) =>
  list.length <= 4 ? list.join(',') : `${list.slice(0, 3).join(',')},... (${list.length})`;

/** Who performs the event: a client, a producer, or the environment (admin, faults, time). */
export function actorOf(event: Event): string {
  if ('client' in event) return event.client;
  if ('producer' in event) return event.producer;
  return 'env';
}

/**
 * Where the event goes: the group coordinator, a partition leader, or the cluster as a whole; null
 * for what happens inside the client (a poll is a call into the consumer library, a crash and
 * processing send nothing), so renderers do not draw those as messages.
 */
export function targetOf(event: Event): 'Coordinator' | 'Brokers' | null {
  switch (event.type) {
    case 'poll':
    case 'process':
    case 'consumer-crash':
      return null;
    case 'produce':
    case 'fetch':
    case 'list-offsets':
    case 'create-topic':
    case 'partition-change':
    case 'describe-configs':
    case 'broker-failure':
    case 'broker-restart':
    case 'replicate':
    case 'flush':
    case 'network-partition':
    case 'network-heal':
      return 'Brokers';
    default:
      return 'Coordinator';
  }
}

export function describeEvent(event: Event): string {
  switch (event.type) {
    case 'join':
      return `JoinGroup ${event.group} [${event.protocols.map((p) => p.name).join(',')}] ${memberText(event.member)}${event.version === undefined ? '' : ` v${event.version}`}`;
    case 'sync':
      return `SyncGroup ${event.group} gen ${event.generation}${event.assignments ? ` plan ${event.assignments.map((a) => `${a.client}:${partitionsText(a.partitions)}`).join(' ')}` : ''}`;
    case 'heartbeat':
      return `Heartbeat ${event.group} gen ${event.generation}`;
    case 'leave':
      return `LeaveGroup ${event.group}`;
    case 'consumer-crash':
      return 'crashes (no LeaveGroup)';
    case 'describe-group':
      return `DescribeGroups ${event.group}`;
    case 'commit':
      return `OffsetCommit ${event.group} gen ${event.generation} ${memberText(event.member)} ${event.offsets.map((o) => `${o.topic}-${o.partition}@${o.offset}`).join(',')}`;
    case 'offset-fetch':
      return `OffsetFetch ${event.group}${event.partitions ? ` ${event.partitions.map((p) => `${p.topic}-${p.partition}`).join(',')}` : ''}`;
    case 'delete-groups':
      return `DeleteGroups ${event.groups.join(',')}`;
    case 'offset-delete':
      return `OffsetDelete ${event.group} ${event.topics.map((t) => `${t.topic}-${t.partitions.join('/')}`).join(',')}`;
    case 'poll':
      return `poll() ${event.group}${event.maxRecords === undefined ? '' : ` max ${event.maxRecords}`} (in the consumer: fetches from the leaders)`;
    case 'process':
      return 'processes its records';
    case 'consumer-commit':
      return `commit${event.mode === 'sync' ? 'Sync' : 'Async'} ${event.group}`;
    case 'fetch':
      return `Fetch ${event.topic}-${event.partition} from ${event.offset}`;
    case 'produce':
      return `Produce ${event.topic}-${event.partition} [${values(event.values)}] acks=${acksText(event.acks)}`;
    case 'create-topic':
      return `create topic ${event.topic} (${event.partitions} partitions, rf ${event.replicationFactor})`;
    case 'partition-change':
      return `${event.validateOnly ? 'validate growing' : 'grow'} ${event.topic} to ${event.partitions} partitions`;
    case 'broker-failure':
      return `broker ${event.broker} ${event.kind}`;
    case 'broker-restart':
      return `broker ${event.broker} restarts`;
    case 'network-partition':
      return `network partition isolating brokers [${event.isolate.brokers.join(',')}] clients [${event.isolate.clients.join(',')}]`;
    case 'network-heal':
      return 'network heals';
    case 'replicate':
      return `followers fetch${event.topic === undefined ? '' : ` ${event.topic}${event.partition === undefined ? '' : `-${event.partition}`}`}`;
    case 'flush':
      return `broker ${event.broker} fsyncs`;
    case 'advance-time':
      return `time +${event.ms} ms`;
    case 'list-offsets':
      return `ListOffsets ${event.topic}-${event.partition} ${event.position}${event.isolation === 'read_committed' ? ' read_committed' : ''}`;
    case 'describe-configs':
      return `DescribeConfigs topic ${event.topic}`;
  }
}

/** Who an answer goes to (a client or producer), or null for answers to the environment. */
export function recipientOf(observation: Observation): string | null {
  if ('client' in observation) return observation.client;
  if ('producer' in observation) return observation.producer;
  return null;
}

export function describeObservation(observation: Observation): string {
  switch (observation.type) {
    case 'join-response':
      return `${observation.error} gen ${observation.generation} leader ${observation.leader ?? '-'}${observation.members.length > 0 ? ` members ${observation.members.map((m) => m.client ?? '?').join(',')}` : ''}`;
    case 'sync-response':
      return `${observation.error} assigned ${partitionsText(observation.assignment)}`;
    case 'heartbeat-response':
    case 'leave-response':
      return observation.error;
    case 'commit-response':
      return `${observation.source} commit gen ${observation.generation}: ${observation.partitions.map((p) => `${p.topic}-${p.partition}@${p.offset} ${p.error}`).join(', ')}`;
    case 'offset-fetch-response':
      return `${observation.error} ${observation.offsets.map((o) => `${o.topic}-${o.partition}@${o.offset}`).join(',') || 'no offsets'}`;
    case 'delete-groups-response':
      return observation.results.map((r) => `${r.group} ${r.error}`).join(', ');
    case 'offset-delete-response':
      return `${observation.error}${observation.partitions.map((p) => ` ${p.topic}-${p.partition} ${p.error}`).join(',')}`;
    case 'describe-response':
      return `${observation.error} ${observation.state} [${observation.members.map((m) => `${m.client ?? '?'}:${partitionsText(m.assignment)}`).join(' ')}]`;
    case 'fetch-response':
      return `${observation.error} HW ${observation.highWatermark} records ${observation.records.map((r) => `${r.offset}:${r.value}`).join(',') || 'none'}`;
    case 'poll-result':
      return observation.exception
        ? `throws ${observation.exception}`
        : `${observation.records.length} records ${observation.records.map((r) => `${r.topic}-${r.partition}@${r.offset}`).join(',')}`;
    case 'produce-response':
      return `${observation.error}${observation.baseOffset >= 0 ? ` at offset ${observation.baseOffset}` : ''}`;
    case 'admin-response':
      return `${observation.op} ${observation.topic}: ${observation.error}`;
    case 'unsupported':
      return `unsupported ${observation.event}: ${observation.reason}`;
    case 'list-offsets-response':
      return `${observation.error} offset ${observation.offset}`;
    case 'describe-configs-response':
      return `${observation.topic}: ${observation.error}${observation.configs.map((c) => ` ${c.name}=${c.value} (${c.source})`).join(',')}`;
  }
}

/** An expected answer, as written: its type and the fields it asserts. */
export function describeExpected(expected: ExpectedObservation): string {
  const { type, ...fields } = expected;
  const shown = Object.entries(fields).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return `${type}${shown.length > 0 ? ` ${shown.join(' ')}` : ''}`;
}

/** A partition's replication in one line: leader and epoch, ISR, high watermark, each replica's LEO. */
export function replicationText(partition: string, view: ReplicationView): string {
  // A replica on a broker that is down has no log end offset to show.
  const leo = view.replicas
    .map((replica) => `b${replica.broker}=${replica.alive ? replica.logEndOffset : 'down'}`)
    .join(' ');
  return `${partition}: leader ${view.leader === null ? 'none' : `b${view.leader}`} (epoch ${view.leaderEpoch}), ISR [${view.isr.map((broker) => `b${broker}`).join(',')}], HW ${view.highWatermark}, LEO ${leo}`;
}

/** Internal topics (`__consumer_offsets`) are the coordinator's business, not the story's. */
export const isInternalPartition = (partition: string) => partition.startsWith('__');

/** The user partitions whose replication differs between two views (all of them in the first). */
export function changedReplication(
  before: Record<string, ReplicationView>,
  after: Record<string, ReplicationView>,
): string[] {
  return Object.keys(after).filter(
    (key) => !isInternalPartition(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}
