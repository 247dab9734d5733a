// The topics a classic group's generation subscribes to (ClassicGroup.computeSubscribedTopics):
// computed when a generation starts and when the group is loaded, and kept until the next one, so
// members that joined since do not count. OffsetDelete refuses these topics (OC-21).
import { decodeSubscription } from './consumer-protocol.ts';
import { memberMetadata } from './group-membership.ts';
import type { ClassicGroup } from './group-state.ts';

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
      for (const topic of decodeSubscription(memberMetadata(member, group.protocolName)).topics)
        topics.add(topic);
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
