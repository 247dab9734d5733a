// Kafka's ConsumerProtocol: the bytes consumer group members put in JoinGroup metadata
// (Subscription) and receive in SyncGroup (Assignment). Protocol type "consumer".
//   Subscription v0: version int16, topics [string], userData bytes?
//                v1: + ownedPartitions [topic string, partitions [int32]]
//                v2: + generationId int32
//                v3: + rackId string?
//   Assignment   v0+: version int16, assignedPartitions [topic string, partitions [int32]], userData bytes?
// Newer versions than these only append fields, so a reader takes what it knows and ignores the rest.
// The bytes go through impl/protocol's codec; results are plain Uint8Arrays, as members hold them.
import { ProtocolDecodeError, ProtocolEncodeError, Reader, Writer } from '../protocol/primitives.ts';

export const CONSUMER_PROTOCOL_TYPE = 'consumer';

export interface TopicPartitionList {
  readonly topic: string;
  readonly partitions: readonly number[];
}

export interface ConsumerSubscription {
  readonly version: number;
  readonly topics: readonly string[];
  readonly userData: Uint8Array | null;
  readonly ownedPartitions: readonly TopicPartitionList[];
  readonly generationId: number;
  readonly rackId: string | null;
}

export interface ConsumerAssignment {
  readonly version: number;
  readonly partitions: readonly TopicPartitionList[];
  readonly userData: Uint8Array | null;
}

function plain(bytes: Buffer | null): Uint8Array | null {
  return bytes === null ? null : new Uint8Array(bytes);
}

/** [topic string, partitions [int32]]: the owned/assigned lists here, and the eager sticky assignor's user data. */
export function writePartitions(writer: Writer, lists: readonly TopicPartitionList[]): void {
  writer.int32(lists.length);
  for (const list of lists) {
    writer.string(list.topic).int32(list.partitions.length);
    for (const partition of list.partitions) writer.int32(partition);
  }
}

export function readPartitions(reader: Reader): TopicPartitionList[] {
  const count = reader.arrayLength(false, 6);
  const lists: TopicPartitionList[] = [];
  for (let index = 0; index < count; index++) {
    const topic = reader.string();
    const partitionCount = reader.arrayLength(false, 4);
    const partitions: number[] = [];
    for (let p = 0; p < partitionCount; p++) partitions.push(reader.int32());
    lists.push({ topic, partitions });
  }
  return lists;
}

export function encodeSubscription(
  subscription: Partial<ConsumerSubscription> & { topics: readonly string[] },
): Uint8Array {
  const version = subscription.version ?? 0;
  if (version < 0 || version > 3)
    throw new ProtocolEncodeError(`cannot write Subscription version ${version}`);
  const writer = new Writer().int16(version).int32(subscription.topics.length);
  for (const topic of subscription.topics) writer.string(topic);
  writer.nullableBytes(subscription.userData ?? null);
  if (version >= 1) writePartitions(writer, subscription.ownedPartitions ?? []);
  if (version >= 2) writer.int32(subscription.generationId ?? -1);
  if (version >= 3) writer.nullableString(subscription.rackId ?? null);
  return writer.toUint8Array();
}

export function decodeSubscription(bytes: Uint8Array): ConsumerSubscription {
  const reader = Reader.of(bytes, { strictUtf8: true });
  const version = reader.int16();
  if (version < 0) throw new ProtocolDecodeError(`negative Subscription version ${version}`);
  const count = reader.arrayLength(false, 2);
  const topics: string[] = [];
  for (let index = 0; index < count; index++) topics.push(reader.string());
  const userData = plain(reader.nullableBytes());
  const ownedPartitions = version >= 1 ? readPartitions(reader) : [];
  const generationId = version >= 2 ? reader.int32() : -1;
  const rackId = version >= 3 ? reader.nullableString() : null;
  return { version, topics, userData, ownedPartitions, generationId, rackId };
}

export function encodeAssignment(
  assignment: Partial<ConsumerAssignment> & { partitions: readonly TopicPartitionList[] },
): Uint8Array {
  const version = assignment.version ?? 0;
  if (version < 0 || version > 3) throw new ProtocolEncodeError(`cannot write Assignment version ${version}`);
  const writer = new Writer().int16(version);
  writePartitions(writer, assignment.partitions);
  writer.nullableBytes(assignment.userData ?? null);
  return writer.toUint8Array();
}

/** Empty bytes (what the coordinator gives members the leader left out) decode as no partitions. */
export function decodeAssignment(bytes: Uint8Array): ConsumerAssignment {
  if (bytes.length === 0) return { version: 0, partitions: [], userData: null };
  const reader = Reader.of(bytes, { strictUtf8: true });
  const version = reader.int16();
  if (version < 0) throw new ProtocolDecodeError(`negative Assignment version ${version}`);
  const partitions = readPartitions(reader);
  const userData = reader.remaining > 0 ? plain(reader.nullableBytes()) : null;
  return { version, partitions, userData };
}
