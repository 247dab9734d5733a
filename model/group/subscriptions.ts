// The topics a group's generation subscribes to (ClassicGroup.subscribedTopics): fixed when a
// generation starts and when the group is loaded, read by OffsetDelete (OC-21).
import type { Group } from './types.ts';

// Rules this file applies: OC-21.

/**
 * ClassicGroup.isSubscribedToTopic: the topics of the current generation's subscriptions; before a
 * first generation a consumer group counts as subscribed to every topic, a simple group to none.
 */
export function isSubscribedToTopic(group: Group, topic: string): boolean {
  if (group.subscribedTopics !== undefined) return group.subscribedTopics.includes(topic);
  return group.protocolType === 'consumer';
}

/** ClassicGroup.computeSubscribedTopics: the selected protocol's topics over the members (none: no members). */
export function computeSubscribedTopics(group: Group): string[] | undefined {
  if (group.protocolType !== 'consumer') return undefined;
  const topics = new Set<string>();
  for (const member of group.members)
    for (const topic of member.protocols.find((p) => p.name === group.protocol)?.topics ?? [])
      topics.add(topic);
  return [...topics].sort();
}

/** Snapshots the subscriptions when a generation starts or the group is loaded (absent: none known). */
export function setSubscribedTopics(group: Group): void {
  const topics = computeSubscribedTopics(group);
  if (topics === undefined) delete group.subscribedTopics;
  else group.subscribedTopics = topics;
}
