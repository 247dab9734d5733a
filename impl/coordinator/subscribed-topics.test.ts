// OC-21's subscriptions are read as Kafka reads them: the version-0 schema whatever the version
// (ConsumerProtocol.deserializeConsumerProtocolSubscription(buffer, 0)). Found by
// @platformatic/kafka's own admin test (deleteConsumerGroupOffsets), whose consumer writes a
// version-1 Subscription without owned partitions: Kafka deletes the offset, kspec answered
// GROUP_SUBSCRIBED_TO_TOPIC because it could not read the subscription at all.
import test from 'ava';
import { Writer } from '../protocol/primitives.ts';
import type { JoinGroupResponse, OffsetDeleteResponse, SyncGroupResponse } from './messages.ts';
import { assignmentFor, Harness, TOPIC } from './testing/harness.ts';

/** A Subscription that says version 1 but stops after the user data (no owned partitions). */
function shortV1Subscription(topics: readonly string[]): Uint8Array {
  const writer = new Writer().int16(1).int32(topics.length);
  for (const topic of topics) writer.nullableString(topic);
  return writer.nullableBytes(null).toUint8Array();
}

function stableWith(h: Harness, group: string, metadata: Uint8Array): void {
  const protocols = [{ name: 'roundrobin', metadata }];
  const { memberId, requestId } = h.joinNew(group, { protocols });
  h.advance(3000);
  const joined = h.answer<JoinGroupResponse>(requestId)!;
  check(joined.error === 'NONE', `join: ${joined.error}`);
  const synced = h.answer<SyncGroupResponse>(
    h.sync(group, memberId, joined.generationId, [{ memberId, assignment: assignmentFor(TOPIC, [0]) }]),
  )!;
  check(synced.error === 'NONE', `sync: ${synced.error}`);
  h.commit(group, memberId, joined.generationId, [{ partition: 0, offset: 5 }]);
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

const deleteOffset = (h: Harness, group: string) =>
  h.answer<OffsetDeleteResponse>(
    h.send({
      api: 'OffsetDelete',
      version: 0,
      groupId: group,
      topics: [{ name: TOPIC, partitionIndexes: [0] }],
    }),
  )!.topics[0]!.partitions[0]!.error;

test('OC-21 a version-1 Subscription without owned partitions is read for its topics, as Kafka reads it', (t) => {
  const h = new Harness();
  stableWith(h, 'subscribed-elsewhere', shortV1Subscription(['other']));
  t.is(deleteOffset(h, 'subscribed-elsewhere'), 'NONE', 'not subscribed to the topic: the offset goes');
  stableWith(h, 'subscribed', shortV1Subscription([TOPIC]));
  t.is(deleteOffset(h, 'subscribed'), 'GROUP_SUBSCRIBED_TO_TOPIC');
});
