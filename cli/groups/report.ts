// What `kafka-consumer-groups.sh --list/--describe` shows, gathered over the Kafka protocol from any
// broker (kspec's or Kafka's), as a client: connections and version negotiation are KafkaTarget's
// (the kafka: adapter's), groups are listed on every broker, a group is described by its
// coordinator, committed offsets come from OffsetFetch and log end offsets from each partition
// leader's ListOffsets.
import { decodeAssignment } from '../../impl/coordinator/consumer-protocol.ts';
import type { ApiName, Apis } from '../../impl/protocol/registry.ts';
import type { Infer, Input } from '../../impl/protocol/schema.ts';
import { type Address, KafkaTarget, UnsupportedApiError } from '../../properties/client/wire/target.ts';
import { errorByCode } from '../../spec/errors.ts';

export interface GroupRow {
  group: string;
  topic: string;
  partition: number;
  currentOffset: number | null;
  logEndOffset: number | null;
  /** LOG-END-OFFSET minus CURRENT-OFFSET; null when either is unknown (Kafka's table shows `-`). */
  lag: number | null;
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

/** Bad input, or an error the cluster answered: exit 2. */
export class GroupToolError extends Error {}

/** No broker reachable, answering within the time allowed, or speaking Kafka: exit 3. */
export class ClusterUnreachableError extends Error {}

function unreachable(address: Address, error: unknown): ClusterUnreachableError {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${address.host}:${address.port}`;
  if (code === 'ECONNREFUSED') return new ClusterUnreachableError(`${where} refused the connection`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new ClusterUnreachableError(`${where}: no such host`);
  const message = (error as Error).message;
  return new ClusterUnreachableError(message.includes(where) ? message : `${where}: ${message}`);
}

/**
 * The connections of one report, one per broker (lane 'groups', client id kspec-groups): requests
 * typed by their API (KafkaTarget answers with the union of all responses), and a version the
 * broker cannot speak reported as this tool's error.
 */
export class Brokers {
  private readonly target: KafkaTarget;
  private readonly deadline: number;
  /**
   * `timeoutMs` bounds the whole report, as --timeout-ms promises: every connect and every answer
   * waits only for what is left of it, so a peer that accepts and never answers cannot hang the tool.
   */
  constructor(private readonly timeoutMs: number) {
    // No bootstrap list for the target: the report walks its own, address by address.
    this.target = new KafkaTarget([], timeoutMs);
    this.deadline = Date.now() + timeoutMs;
  }

  /** `name` at the highest version both sides speak, capped at `cap` (the newest this tool needs). */
  async request<N extends ApiName>(
    address: Address,
    name: N,
    cap: number,
    body: Input<Apis[N]['request']>,
    minimum?: number,
  ): Promise<Infer<Apis[N]['response']>> {
    const left = this.deadline - Date.now();
    if (left <= 0) throw this.late(address, name);
    try {
      const options = { timeoutMs: left, ...(minimum === undefined ? {} : { minimum }) };
      return (await this.target.request(address, 'groups', name, cap, body as never, options)) as Infer<
        Apis[N]['response']
      >;
    } catch (error) {
      if (error instanceof UnsupportedApiError)
        throw new GroupToolError(`the broker does not speak a ${name} version this tool knows`);
      if (Date.now() >= this.deadline) throw this.late(address, name);
      throw unreachable(address, error);
    }
  }

  private late(address: Address, name: ApiName): ClusterUnreachableError {
    return new ClusterUnreachableError(
      `no answer within --timeout-ms ${this.timeoutMs} (waiting for ${name} from ${address.host}:${address.port})`,
    );
  }

  closeAll(): Promise<void> {
    return this.target.closeAll();
  }
}

export function parseAddress(address: string): Address {
  const match = /^(.+):(\d+)$/.exec(address.trim());
  if (!match || Number(match[2]) > 65535)
    throw new GroupToolError(`bad bootstrap address '${address}' (expected HOST:PORT, PORT at most 65535)`);
  return { host: match[1]!, port: Number(match[2]) };
}

function check(code: number, what: string): void {
  if (code !== 0) throw new GroupToolError(`${what}: ${errorByCode(code)?.name ?? `error ${code}`}`);
}

/** Metadata from the first bootstrap broker that answers (v4: isInternal, replicas and ISR). */
export async function clusterMetadata(brokers: Brokers, bootstrap: string[], topics: string[] | null) {
  const errors: ClusterUnreachableError[] = [];
  for (const address of bootstrap) {
    try {
      return await brokers.request(parseAddress(address), 'Metadata', 4, {
        topics: topics === null ? null : topics.map((name) => ({ name })),
        allowAutoTopicCreation: false,
      });
    } catch (error) {
      if (!(error instanceof ClusterUnreachableError)) throw error;
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  throw new ClusterUnreachableError(
    `no bootstrap broker answered (${errors.map((e) => e.message).join('; ')})`,
  );
}

export async function listGroups(bootstrap: string[], timeoutMs = 10_000): Promise<string[]> {
  const brokers = new Brokers(timeoutMs);
  try {
    const metadata = await clusterMetadata(brokers, bootstrap, []);
    const names = new Set<string>();
    for (const broker of metadata.brokers) {
      const answer = await brokers.request(broker, 'ListGroups', 2, {});
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
    const first = {
      host: seed.brokers[0]?.host ?? parseAddress(bootstrap[0]!).host,
      port: seed.brokers[0]?.port ?? parseAddress(bootstrap[0]!).port,
    };
    const found = await brokers.request(first, 'FindCoordinator', 2, { key: group, keyType: 0 });
    check(found.errorCode, `FindCoordinator for group ${group}`);
    const coordinator = { host: found.host, port: found.port };
    const described = await brokers.request(coordinator, 'DescribeGroups', 2, { groups: [group] });
    const description = described.groups[0]!;
    check(description.errorCode, `DescribeGroups ${group}`);
    const offsets = await brokers.request(coordinator, 'OffsetFetch', 4, { groupId: group, topics: null });
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
      const currentOffset = committed.get(key) ?? null;
      const logEndOffset = ends.get(key) ?? null;
      return {
        group,
        topic,
        partition: Number(partitionText),
        currentOffset,
        logEndOffset,
        lag: currentOffset !== null && logEndOffset !== null ? logEndOffset - currentOffset : null,
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
    // v1 at least: v0 answers with a list of offsets, not the one `offset` read below.
    const answer = await brokers.request(
      address,
      'ListOffsets',
      3,
      {
        replicaId: -1,
        isolationLevel: 0,
        topics: list.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((partitionIndex) => ({ partitionIndex, timestamp: -1 })),
        })),
      },
      1,
    );
    for (const topic of answer.topics)
      for (const partition of topic.partitions)
        if (partition.errorCode === 0)
          ends.set(`${topic.name}\u0000${partition.partitionIndex}`, partition.offset);
  }
  return ends;
}
