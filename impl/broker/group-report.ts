// What `kafka-consumer-groups.sh --list/--describe` shows, gathered over the Kafka protocol from any
// broker (kspec's or Kafka's): versions are negotiated with ApiVersions, groups are listed on every
// broker, a group is described by its coordinator, committed offsets come from OffsetFetch and log
// end offsets from each partition leader's ListOffsets.
import { errorByCode } from '../../spec/errors.ts';
import { KafkaConnection } from '../client/connection.ts';
import { decodeAssignment } from '../coordinator/consumer-protocol.ts';
import { APIS, type ApiName } from '../protocol/registry.ts';

export interface GroupRow {
  group: string;
  topic: string;
  partition: number;
  currentOffset: number | null;
  logEndOffset: number | null;
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
}

export interface GroupDescription {
  group: string;
  state: string;
  members: number;
  rows: GroupRow[];
}

export class GroupToolError extends Error {}

type Versions = Map<number, { min: number; max: number }>;

/** Connections by address, with the versions each broker speaks. */
class Brokers {
  private readonly open = new Map<string, Promise<{ connection: KafkaConnection; versions: Versions }>>();
  constructor(private readonly timeoutMs: number) {}

  async get(host: string, port: number) {
    const key = `${host}:${port}`;
    let entry = this.open.get(key);
    if (!entry) {
      entry = (async () => {
        const connection = await KafkaConnection.connect(host, port, {
          clientId: 'kspec-groups',
          timeoutMs: this.timeoutMs,
        });
        const answer = await connection.request('ApiVersions', 0, {});
        const versions: Versions = new Map(
          answer.apiKeys.map((k) => [k.apiKey, { min: k.minVersion, max: k.maxVersion }]),
        );
        return { connection, versions };
      })();
      this.open.set(key, entry);
    }
    return entry;
  }

  /** The highest version both sides speak, capped at `cap` (the newest this tool needs). */
  static version(versions: Versions, name: ApiName, cap: number): number {
    const api = APIS[name];
    const theirs = versions.get(api.key);
    const version = Math.min(api.maxVersion, cap, theirs?.max ?? -1);
    if (!theirs || version < Math.max(api.minVersion, theirs.min))
      throw new GroupToolError(`the broker does not speak a ${name} version this tool knows`);
    return version;
  }

  async closeAll(): Promise<void> {
    for (const entry of this.open.values()) await entry.then((e) => e.connection.close()).catch(() => {});
  }
}

function parseAddress(address: string): { host: string; port: number } {
  const match = /^(.+):(\d+)$/.exec(address.trim());
  if (!match) throw new GroupToolError(`bad bootstrap address '${address}' (expected HOST:PORT)`);
  return { host: match[1]!, port: Number(match[2]) };
}

function check(code: number, what: string): void {
  if (code !== 0) throw new GroupToolError(`${what}: ${errorByCode(code)?.name ?? `error ${code}`}`);
}

async function clusterMetadata(brokers: Brokers, bootstrap: string[], topics: string[] | null) {
  let lastError: unknown;
  for (const address of bootstrap) {
    try {
      const { host, port } = parseAddress(address);
      const { connection, versions } = await brokers.get(host, port);
      const version = Brokers.version(versions, 'Metadata', 4);
      return await connection.request('Metadata', version, {
        topics: topics === null ? null : topics.map((name) => ({ name })),
        allowAutoTopicCreation: false,
      });
    } catch (error) {
      if (error instanceof GroupToolError) throw error;
      lastError = error;
    }
  }
  throw new GroupToolError(`no bootstrap broker answered: ${(lastError as Error)?.message}`);
}

export async function listGroups(bootstrap: string[], timeoutMs = 10_000): Promise<string[]> {
  const brokers = new Brokers(timeoutMs);
  try {
    const metadata = await clusterMetadata(brokers, bootstrap, []);
    const names = new Set<string>();
    for (const broker of metadata.brokers) {
      const { connection, versions } = await brokers.get(broker.host, broker.port);
      const answer = await connection.request('ListGroups', Brokers.version(versions, 'ListGroups', 2), {});
      check(answer.errorCode, `ListGroups on broker ${broker.nodeId}`);
      for (const group of answer.groups) names.add(group.groupId);
    }
    return [...names].sort();
  } finally {
    await brokers.closeAll();
  }
}

export async function describeGroup(
  bootstrap: string[],
  group: string,
  timeoutMs = 10_000,
): Promise<GroupDescription> {
  const brokers = new Brokers(timeoutMs);
  try {
    const seed = await clusterMetadata(brokers, bootstrap, []);
    const { connection: first, versions: firstVersions } = await brokers.get(
      seed.brokers[0]?.host ?? parseAddress(bootstrap[0]!).host,
      seed.brokers[0]?.port ?? parseAddress(bootstrap[0]!).port,
    );
    const found = await first.request(
      'FindCoordinator',
      Brokers.version(firstVersions, 'FindCoordinator', 2),
      {
        key: group,
        keyType: 0,
      },
    );
    check(found.errorCode, `FindCoordinator for group ${group}`);
    const { connection: coordinator, versions } = await brokers.get(found.host, found.port);
    const described = await coordinator.request(
      'DescribeGroups',
      Brokers.version(versions, 'DescribeGroups', 2),
      { groups: [group] },
    );
    const description = described.groups[0]!;
    check(description.errorCode, `DescribeGroups ${group}`);
    const offsets = await coordinator.request('OffsetFetch', Brokers.version(versions, 'OffsetFetch', 4), {
      groupId: group,
      topics: null,
    });
    check(offsets.errorCode, `OffsetFetch ${group}`);
    const owners = new Map<string, { consumerId: string; host: string; clientId: string }>();
    for (const member of description.members) {
      if (member.memberAssignment.length === 0 || description.protocolType !== 'consumer') continue;
      for (const list of decodeAssignment(member.memberAssignment).partitions)
        for (const partition of list.partitions)
          owners.set(`${list.topic}\u0000${partition}`, {
            consumerId: member.memberId,
            host: member.clientHost,
            clientId: member.clientId,
          });
    }
    const committed = new Map<string, number>();
    for (const topic of offsets.topics)
      for (const partition of topic.partitions)
        if (partition.errorCode === 0 && partition.committedOffset >= 0)
          committed.set(`${topic.name}\u0000${partition.partitionIndex}`, partition.committedOffset);
    const keys = [...new Set([...owners.keys(), ...committed.keys()])];
    const topics = [...new Set(keys.map((key) => key.split('\u0000')[0]!))];
    const ends = await logEndOffsets(brokers, bootstrap, topics);
    const rows = keys.map((key): GroupRow => {
      const [topic, partitionText] = key.split('\u0000') as [string, string];
      const owner = owners.get(key);
      return {
        group,
        topic,
        partition: Number(partitionText),
        currentOffset: committed.get(key) ?? null,
        logEndOffset: ends.get(key) ?? null,
        consumerId: owner?.consumerId ?? null,
        host: owner?.host ?? null,
        clientId: owner?.clientId ?? null,
      };
    });
    rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    return { group, state: description.groupState, members: description.members.length, rows };
  } finally {
    await brokers.closeAll();
  }
}

async function logEndOffsets(
  brokers: Brokers,
  bootstrap: string[],
  topics: string[],
): Promise<Map<string, number>> {
  const ends = new Map<string, number>();
  if (topics.length === 0) return ends;
  const metadata = await clusterMetadata(brokers, bootstrap, topics);
  const byLeader = new Map<number, { name: string; partitions: number[] }[]>();
  for (const topic of metadata.topics)
    for (const partition of topic.partitions) {
      if (partition.leaderId < 0) continue;
      const list = byLeader.get(partition.leaderId) ?? [];
      let entry = list.find((t) => t.name === topic.name);
      if (!entry) {
        entry = { name: topic.name, partitions: [] };
        list.push(entry);
      }
      entry.partitions.push(partition.partitionIndex);
      byLeader.set(partition.leaderId, list);
    }
  for (const [leader, list] of byLeader) {
    const address = metadata.brokers.find((b) => b.nodeId === leader);
    if (!address) continue;
    const { connection, versions } = await brokers.get(address.host, address.port);
    const version = Math.max(1, Brokers.version(versions, 'ListOffsets', 3));
    const answer = await connection.request('ListOffsets', version, {
      replicaId: -1,
      isolationLevel: 0,
      topics: list.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((partitionIndex) => ({ partitionIndex, timestamp: -1 })),
      })),
    });
    for (const topic of answer.topics)
      for (const partition of topic.partitions)
        if (partition.errorCode === 0)
          ends.set(`${topic.name}\u0000${partition.partitionIndex}`, partition.offset);
  }
  return ends;
}

/** Kafka's table: columns padded to their widest cell, '-' for unknown values. */
export function formatDescription(description: GroupDescription): string {
  const header = [
    'GROUP',
    'TOPIC',
    'PARTITION',
    'CURRENT-OFFSET',
    'LOG-END-OFFSET',
    'LAG',
    'CONSUMER-ID',
    'HOST',
    'CLIENT-ID',
  ];
  const dash = (value: string | number | null) => (value === null ? '-' : String(value));
  const rows = description.rows.map((row) => [
    row.group,
    row.topic,
    String(row.partition),
    dash(row.currentOffset),
    dash(row.logEndOffset),
    row.currentOffset !== null && row.logEndOffset !== null
      ? String(row.logEndOffset - row.currentOffset)
      : '-',
    dash(row.consumerId),
    dash(row.host),
    dash(row.clientId),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]! + 1)))
      .join(' ')
      .trimEnd();
  const notice =
    description.members === 0 ? `\nConsumer group '${description.group}' has no active members.\n` : '';
  return `${notice}\n${[line(header), ...rows.map(line)].join('\n')}\n`;
}
