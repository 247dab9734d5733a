// CreateTopics and CreatePartitions as a model that keeps only topics' partition counts answers them
// (the group model: no placement, no broker ever failed while it follows a run). The checks come in
// Kafka 4.4's controller order: the request's size (RP-1: more than 10,000 new partitions is
// refused first), then existence before the config.
import { isValidTopicConfig } from '../../spec/config.ts';
import type { ErrorName } from '../../spec/errors.ts';
import { type EventOf, MAX_NEW_PARTITIONS_PER_REQUEST } from '../../spec/events.ts';

/** Partition counts by topic name. */
export type TopicCounts = Map<string, number>;

/** Answers a create-topic and records the topic when it is created. */
export function createTopicAnswer(topics: TopicCounts, event: EventOf<'create-topic'>): ErrorName {
  const error: ErrorName =
    event.partitions > MAX_NEW_PARTITIONS_PER_REQUEST
      ? 'POLICY_VIOLATION'
      : topics.has(event.topic)
        ? 'TOPIC_ALREADY_EXISTS'
        : !isValidTopicConfig(event.config ?? {})
          ? 'INVALID_CONFIG'
          : 'NONE';
  if (error === 'NONE') topics.set(event.topic, event.partitions);
  return error;
}

/**
 * Answers a partition-change and records the new count (not for a validate-only one, which is
 * answered alike and changes nothing). The controller can always place the new partitions while no
 * broker has failed; CreatePartitions only grows a topic.
 */
export function partitionChangeAnswer(topics: TopicCounts, event: EventOf<'partition-change'>): ErrorName {
  const current = topics.get(event.topic);
  const error: ErrorName =
    current !== undefined && event.partitions - current > MAX_NEW_PARTITIONS_PER_REQUEST
      ? 'POLICY_VIOLATION'
      : current === undefined
        ? 'UNKNOWN_TOPIC_OR_PARTITION'
        : event.partitions <= current
          ? 'INVALID_PARTITIONS'
          : 'NONE';
  if (error === 'NONE' && !event.validateOnly) topics.set(event.topic, event.partitions);
  return error;
}
