// The broker settings the coordinator obeys, read by Kafka's names from a run's configuration.
import { type Config, intSetting } from '../../spec/config.ts';

export interface CoordinatorConfig {
  readonly offsetsTopicPartitions: number;
  readonly minSessionTimeoutMs: number;
  readonly maxSessionTimeoutMs: number;
  readonly maxGroupSize: number;
  readonly initialRebalanceDelayMs: number;
  /** group.coordinator's new-member join timeout (Kafka: 5 minutes, not configurable). */
  readonly newMemberJoinTimeoutMs: number;
  readonly offsetMetadataMaxBytes: number;
  readonly offsetsRetentionMs: number;
  /** offsets.retention.check.interval.ms (Kafka default 600000). */
  readonly offsetsRetentionCheckIntervalMs: number;
}

export const KAFKA_NEW_MEMBER_JOIN_TIMEOUT_MS = 300_000;
export const KAFKA_OFFSETS_RETENTION_CHECK_INTERVAL_MS = 600_000;

export function coordinatorConfigFrom(config: Config): CoordinatorConfig {
  const result: CoordinatorConfig = {
    offsetsTopicPartitions: intSetting(config, 'offsets.topic.num.partitions'),
    minSessionTimeoutMs: intSetting(config, 'group.min.session.timeout.ms'),
    maxSessionTimeoutMs: intSetting(config, 'group.max.session.timeout.ms'),
    maxGroupSize: intSetting(config, 'group.max.size'),
    initialRebalanceDelayMs: intSetting(config, 'group.initial.rebalance.delay.ms'),
    newMemberJoinTimeoutMs: KAFKA_NEW_MEMBER_JOIN_TIMEOUT_MS,
    offsetMetadataMaxBytes: intSetting(config, 'offset.metadata.max.bytes'),
    offsetsRetentionMs: intSetting(config, 'offsets.retention.minutes') * 60_000,
    offsetsRetentionCheckIntervalMs: KAFKA_OFFSETS_RETENTION_CHECK_INTERVAL_MS,
  };
  if (result.minSessionTimeoutMs > result.maxSessionTimeoutMs)
    throw new RangeError(
      `group.min.session.timeout.ms (${result.minSessionTimeoutMs}) exceeds group.max.session.timeout.ms (${result.maxSessionTimeoutMs})`,
    );
  return result;
}

export const DEFAULT_COORDINATOR_CONFIG: CoordinatorConfig = coordinatorConfigFrom({});
