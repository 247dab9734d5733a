// `kspec log dump --offsets-decoder`: a __consumer_offsets record as Kafka 4.4's dump tool prints
// it (CoordinatorRecordMessageFormatter: `key: {"type":"1","data":{...}} payload:
// {"version":"3","data":{...}}`, a tombstone as `<DELETE>`), so a group's commits and generations
// read as group, topic, partition and offset instead of bytes. One liberty for readability: a
// member's subscription and assignment are decoded (topics; `t-0,t-1`) where Kafka prints base64.
import { decodeAssignment, decodeSubscription } from './consumer-protocol.ts';
import { type CoordinatorRecord, decodeRecord, type GroupMetadataMemberValue } from './records.ts';

const partitionsText = (bytes: Uint8Array): string => {
  try {
    return decodeAssignment(bytes)
      .partitions.flatMap((list) => list.partitions.map((partition) => `${list.topic}-${partition}`))
      .join(',');
  } catch {
    return Buffer.from(bytes).toString('base64');
  }
};

const topicsText = (bytes: Uint8Array): string => {
  try {
    return decodeSubscription(bytes).topics.join(',');
  } catch {
    return Buffer.from(bytes).toString('base64');
  }
};

function member(value: GroupMetadataMemberValue) {
  return {
    memberId: value.memberId,
    groupInstanceId: value.groupInstanceId,
    clientId: value.clientId,
    clientHost: value.clientHost,
    rebalanceTimeout: value.rebalanceTimeoutMs,
    sessionTimeout: value.sessionTimeoutMs,
    subscription: topicsText(value.subscription),
    assignment: partitionsText(value.assignment),
  };
}

/** Key and payload text of one __consumer_offsets record; throws on bytes that are not one. */
export function describeOffsetsRecord(
  key: Uint8Array | null,
  value: Uint8Array | null,
): { key: string; value: string } {
  if (key === null) throw new Error('a __consumer_offsets record always has a key');
  const decoded = decodeRecord({ key, value } satisfies CoordinatorRecord);
  const valueVersion = value === null ? -1 : Buffer.from(value).readInt16BE(0);
  const payload = (data: unknown) =>
    value === null ? '<DELETE>' : JSON.stringify({ version: String(valueVersion), data });
  switch (decoded.kind) {
    case 'offset-commit':
      return {
        key: JSON.stringify({
          type: '1',
          data: { group: decoded.group, topic: decoded.topic, partition: decoded.partition },
        }),
        value: payload(
          decoded.value && {
            offset: decoded.value.offset,
            leaderEpoch: decoded.value.leaderEpoch,
            metadata: decoded.value.metadata,
            commitTimestamp: decoded.value.commitTimestampMs,
            ...(decoded.value.expireTimestampMs === null
              ? {}
              : { expireTimestamp: decoded.value.expireTimestampMs }),
          },
        ),
      };
    case 'group-metadata':
      return {
        key: JSON.stringify({ type: '2', data: { group: decoded.group } }),
        value: payload(
          decoded.value && {
            protocolType: decoded.value.protocolType,
            generation: decoded.value.generation,
            protocol: decoded.value.protocol,
            leader: decoded.value.leader,
            currentStateTimestamp: decoded.value.currentStateTimestampMs,
            members: decoded.value.members.map(member),
          },
        ),
      };
    case 'other':
      return {
        key: JSON.stringify({ type: String(decoded.keyVersion), data: 'not a classic group record' }),
        value: value === null ? '<DELETE>' : Buffer.from(value).toString('base64'),
      };
  }
}
