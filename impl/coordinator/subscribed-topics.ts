// The topics a classic group's generation subscribes to (ClassicGroup.computeSubscribedTopics):
// computed when a generation starts and when the group is loaded, and kept until the next one, so
// members that joined since do not count. OffsetDelete refuses these topics (OC-21).
import { Reader } from '../protocol/primitives.ts';
import { memberMetadata } from './group-membership.ts';
import type { ClassicGroup } from './group-state.ts';

/**
 * A member's subscribed topics as Kafka reads them here: whatever version the Subscription says,
 * with the version-0 schema (ConsumerProtocol.deserializeConsumerProtocolSubscription(buffer, 0)):
 * the topics and the user data, anything after them ignored. @platformatic/kafka writes version 1
 * without owned partitions; Kafka reads its topics, a full decode would fail.
 */
function subscriptionTopics(metadata: Uint8Array): string[] {
  const reader = Reader.of(metadata, { strictUtf8: true });
  if (reader.int16() < 0) throw new Error('a Subscription version below 0'); // deserializeVersion refuses it
  const count = reader.arrayLength(false, 2);
  const topics: string[] = [];
  for (let index = 0; index < count; index++) topics.push(reader.string());
  reader.nullableBytes();
  return topics;
}

/**
 * null (Optional.empty) for a group that is not a "consumer" group or whose subscriptions cannot be
 * read; no members: none; else every topic of the selected protocol's subscriptions, sorted.
 */
export function computeSubscribedTopics(group: ClassicGroup): readonly string[] | null {
  if (group.protocolType !== 'consumer') return null;
  if (group.members.size === 0) return [];
  if (group.protocolName === null) return null;
  const topics = new Set<string>();
  try {
    for (const member of group.members.values())
      for (const topic of subscriptionTopics(memberMetadata(member, group.protocolName))) topics.add(topic);
  } catch {
    return null; // Kafka logs the SchemaException and leaves the subscriptions unknown.
  }
  return [...topics].sort();
}

/**
 * ClassicGroup.isSubscribedToTopic: unknown subscriptions count as every topic for a "consumer"
 * group (one that has not completed a generation yet) and as none for any other.
 */
export function isSubscribedToTopic(group: ClassicGroup, topic: string): boolean {
  if (group.subscribedTopics !== null) return group.subscribedTopics.includes(topic);
  return group.protocolType === 'consumer';
}
