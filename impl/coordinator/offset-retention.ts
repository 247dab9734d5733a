// The periodic offsets retention pass (Kafka: every offsets.retention.check.interval.ms).
// Which offsets may expire depends on the group (ClassicGroup.offsetExpirationCondition):
// - no protocol type (a simple group of standalone committers): any, counted from its commit;
// - Empty: any, counted from when the group became Empty (else from its commit);
// - Stable "consumer" group: only topics no member subscribes to, counted from the commit;
// - otherwise none. A v1 record's explicit expire timestamp overrides the count.
// A group left Empty with no offsets is deleted (tombstone).
import { decodeSubscription } from './consumer-protocol.ts';
import { memberMetadata } from './group-membership.ts';
import { type ClassicGroup, transitionTo } from './group-state.ts';
import { groupMetadataRecord, offsetCommitRecord } from './records.ts';
import type { CommittedOffset } from './shard-state.ts';
import type { Transaction } from './transaction.ts';

type ExpiryRule = {
  readonly base: (offset: CommittedOffset) => number;
  readonly topicKept: (topic: string) => boolean;
};

function subscribedTopics(group: ClassicGroup): Set<string> | null {
  const topics = new Set<string>();
  try {
    for (const member of group.members.values())
      for (const topic of decodeSubscription(memberMetadata(member, group.protocolName)).topics)
        topics.add(topic);
  } catch {
    return null; // Unreadable subscriptions: keep everything rather than guess.
  }
  return topics;
}

function expiryRule(group: ClassicGroup | undefined): ExpiryRule | null {
  if (!group || group.protocolType === null || group.protocolType === '')
    return { base: (offset) => offset.commitTimestampMs, topicKept: () => false };
  if (group.state === 'Empty') {
    const since = group.stateTimestampMs;
    return { base: (offset) => since ?? offset.commitTimestampMs, topicKept: () => false };
  }
  if (group.state === 'Stable' && group.protocolType === 'consumer') {
    const topics = subscribedTopics(group);
    if (topics === null) return null;
    return { base: (offset) => offset.commitTimestampMs, topicKept: (topic) => topics.has(topic) };
  }
  return null;
}

function isExpired(tx: Transaction, rule: ExpiryRule, offset: CommittedOffset): boolean {
  if (offset.expireTimestampMs !== null) return tx.nowMs >= offset.expireTimestampMs;
  return tx.nowMs - rule.base(offset) >= tx.config.offsetsRetentionMs;
}

export function runOffsetRetention(tx: Transaction): void {
  const groupIds = new Set([...tx.groupIds(), ...tx.offsetGroupIds()]);
  for (const groupId of [...groupIds].sort()) {
    const group = tx.group(groupId);
    const rule = expiryRule(group);
    if (rule === null) continue;
    const offsets = [...(tx.groupOffsets(groupId)?.values() ?? [])];
    const expired = offsets.filter((offset) => !rule.topicKept(offset.topic) && isExpired(tx, rule, offset));
    if (expired.length > 0) {
      tx.append(
        expired.map((offset) => offsetCommitRecord(groupId, offset.topic, offset.partition, null)),
        {
          kind: 'offset-expiry',
          groupId,
          expired: expired.map(({ topic, partition }) => ({ topic, partition })),
        },
      );
    }
    if (expired.length === offsets.length && group && group.state === 'Empty') {
      transitionTo(group, 'Dead', tx.nowMs);
      tx.deleteGroup(groupId);
      tx.append([groupMetadataRecord(groupId, null)], null);
    }
  }
  tx.schedule({ kind: 'retention' }, tx.config.offsetsRetentionCheckIntervalMs);
}
