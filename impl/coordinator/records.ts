// __consumer_offsets record layouts, as Kafka writes them. The key starts with an int16 version
// that also tells the record kind: 0 and 1 are OffsetCommitKey {group, topic, partition}, 2 is
// GroupMetadataKey {group}. Values start with their own int16 version:
//   OffsetCommitValue v0: offset int64, metadata string, commitTimestamp int64
//                     v1: v0 + expireTimestamp int64        (written when a retention time was asked)
//                     v2: same as v0
//                     v3: offset int64, leaderEpoch int32, metadata string, commitTimestamp int64
//   GroupMetadataValue v0: protocolType string, generation int32, protocol string?, leader string?,
//                          members [memberId, clientId, clientHost, sessionTimeout int32,
//                                   subscription bytes, assignment bytes]
//                      v1: members gain rebalanceTimeout int32 before sessionTimeout
//                      v2: currentStateTimestamp int64 after leader
//                      v3: members gain groupInstanceId string? after memberId
// A null value is a tombstone: the offset (or the group) is deleted.
// The bytes go through impl/protocol's codec; keys and values stay plain Uint8Arrays (what the
// harness compares and serialises), and strings must be valid UTF-8 (bad text is corruption here).
import { ProtocolDecodeError, Reader, Writer } from '../protocol/primitives.ts';

/** One record of the partition, as bytes; what the log stores (null value = tombstone). */
export interface CoordinatorRecord {
  readonly key: Uint8Array;
  readonly value: Uint8Array | null;
}

export interface OffsetCommitValue {
  readonly offset: number;
  /** -1 when unknown (and in v0-v2 records, which do not carry it). */
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly commitTimestampMs: number;
  /** Only v1 records carry it; null otherwise. */
  readonly expireTimestampMs: number | null;
}

export interface GroupMetadataMemberValue {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly rebalanceTimeoutMs: number;
  readonly sessionTimeoutMs: number;
  readonly subscription: Uint8Array;
  readonly assignment: Uint8Array;
}

export interface GroupMetadataValue {
  readonly protocolType: string;
  readonly generation: number;
  readonly protocol: string | null;
  readonly leader: string | null;
  /** -1 when unknown (records before v2). */
  readonly currentStateTimestampMs: number;
  readonly members: readonly GroupMetadataMemberValue[];
}

export type DecodedRecord =
  | {
      readonly kind: 'offset-commit';
      readonly group: string;
      readonly topic: string;
      readonly partition: number;
      readonly value: OffsetCommitValue | null;
    }
  | { readonly kind: 'group-metadata'; readonly group: string; readonly value: GroupMetadataValue | null }
  /** Key versions this coordinator does not use (the new protocol's records, transactions): skipped on load. */
  | { readonly kind: 'other'; readonly keyVersion: number };

export const OFFSET_COMMIT_KEY_VERSION = 1;
export const GROUP_METADATA_KEY_VERSION = 2;
export const GROUP_METADATA_VALUE_VERSION = 3;

export function offsetCommitKey(group: string, topic: string, partition: number): Uint8Array {
  return new Writer()
    .int16(OFFSET_COMMIT_KEY_VERSION)
    .string(group)
    .string(topic)
    .int32(partition)
    .toUint8Array();
}

export function groupMetadataKey(group: string): Uint8Array {
  return new Writer().int16(GROUP_METADATA_KEY_VERSION).string(group).toUint8Array();
}

/** v1 when the commit carries an expire timestamp (Kafka's rule), else v3. */
export function encodeOffsetCommitValue(value: OffsetCommitValue): Uint8Array {
  const writer = new Writer();
  if (value.expireTimestampMs !== null) {
    return writer
      .int16(1)
      .int64(value.offset)
      .string(value.metadata)
      .int64(value.commitTimestampMs)
      .int64(value.expireTimestampMs)
      .toUint8Array();
  }
  return writer
    .int16(3)
    .int64(value.offset)
    .int32(value.leaderEpoch)
    .string(value.metadata)
    .int64(value.commitTimestampMs)
    .toUint8Array();
}

export function encodeGroupMetadataValue(value: GroupMetadataValue): Uint8Array {
  const writer = new Writer()
    .int16(GROUP_METADATA_VALUE_VERSION)
    .string(value.protocolType)
    .int32(value.generation)
    .nullableString(value.protocol)
    .nullableString(value.leader)
    .int64(value.currentStateTimestampMs)
    .int32(value.members.length);
  for (const member of value.members) {
    writer
      .string(member.memberId)
      .nullableString(member.groupInstanceId)
      .string(member.clientId)
      .string(member.clientHost)
      .int32(member.rebalanceTimeoutMs)
      .int32(member.sessionTimeoutMs)
      .bytes(member.subscription)
      .bytes(member.assignment);
  }
  return writer.toUint8Array();
}

export function offsetCommitRecord(
  group: string,
  topic: string,
  partition: number,
  value: OffsetCommitValue | null,
): CoordinatorRecord {
  return {
    key: offsetCommitKey(group, topic, partition),
    value: value === null ? null : encodeOffsetCommitValue(value),
  };
}

export function groupMetadataRecord(group: string, value: GroupMetadataValue | null): CoordinatorRecord {
  return { key: groupMetadataKey(group), value: value === null ? null : encodeGroupMetadataValue(value) };
}

function decodeOffsetCommitValue(bytes: Uint8Array): OffsetCommitValue {
  const reader = Reader.of(bytes, { strictUtf8: true });
  const version = reader.int16();
  if (version < 0 || version > 3)
    throw new ProtocolDecodeError(`unknown OffsetCommitValue version ${version}`);
  const offset = reader.int64();
  const leaderEpoch = version >= 3 ? reader.int32() : -1;
  const metadata = reader.string();
  const commitTimestampMs = reader.int64();
  const expireTimestampMs = version === 1 ? reader.int64() : null;
  return { offset, leaderEpoch, metadata, commitTimestampMs, expireTimestampMs };
}

function decodeMember(reader: Reader, version: number): GroupMetadataMemberValue {
  const memberId = reader.string();
  const groupInstanceId = version >= 3 ? reader.nullableString() : null;
  const clientId = reader.string();
  const clientHost = reader.string();
  const rebalanceTimeoutOrNull = version >= 1 ? reader.int32() : null;
  const sessionTimeoutMs = reader.int32();
  const subscription = new Uint8Array(reader.bytes());
  const assignment = new Uint8Array(reader.bytes());
  // Before v1 the rebalance timeout did not exist; Kafka then uses the session timeout.
  const rebalanceTimeoutMs = rebalanceTimeoutOrNull ?? sessionTimeoutMs;
  return {
    memberId,
    groupInstanceId,
    clientId,
    clientHost,
    rebalanceTimeoutMs,
    sessionTimeoutMs,
    subscription,
    assignment,
  };
}

function decodeGroupMetadataValue(bytes: Uint8Array): GroupMetadataValue {
  const reader = Reader.of(bytes, { strictUtf8: true });
  const version = reader.int16();
  if (version < 0 || version > 3)
    throw new ProtocolDecodeError(`unknown GroupMetadataValue version ${version}`);
  const protocolType = reader.string();
  const generation = reader.int32();
  const protocol = reader.nullableString();
  const leader = reader.nullableString();
  const currentStateTimestampMs = version >= 2 ? reader.int64() : -1;
  const count = reader.arrayLength(false, 22);
  const members: GroupMetadataMemberValue[] = [];
  for (let index = 0; index < count; index++) members.push(decodeMember(reader, version));
  return { protocolType, generation, protocol, leader, currentStateTimestampMs, members };
}

export function decodeRecord(record: CoordinatorRecord): DecodedRecord {
  const reader = Reader.of(record.key, { strictUtf8: true });
  const keyVersion = reader.int16();
  if (keyVersion === 0 || keyVersion === 1) {
    const group = reader.string();
    const topic = reader.string();
    const partition = reader.int32();
    const value = record.value === null ? null : decodeOffsetCommitValue(record.value);
    return { kind: 'offset-commit', group, topic, partition, value };
  }
  if (keyVersion === 2) {
    const group = reader.string();
    const value = record.value === null ? null : decodeGroupMetadataValue(record.value);
    return { kind: 'group-metadata', group, value };
  }
  if (keyVersion < 0) throw new ProtocolDecodeError(`negative record key version ${keyVersion}`);
  return { kind: 'other', keyVersion };
}
