// The coordinator's settings, read by Kafka's names from spec/config.ts.
import { type Config, intSetting } from '../../spec/config.ts';
import type { CoordinatorConfig } from './types.ts';

/** CLASSIC_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS: a constant in Kafka, not a setting. */
export const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;
/** offsets.retention.check.interval.ms default. */
export const OFFSETS_RETENTION_CHECK_INTERVAL_MS = 600_000;

export function coordinatorConfig(config: Config = {}): CoordinatorConfig {
  return {
    minSessionTimeoutMs: intSetting(config, 'group.min.session.timeout.ms'),
    maxSessionTimeoutMs: intSetting(config, 'group.max.session.timeout.ms'),
    maxSize: intSetting(config, 'group.max.size'),
    initialRebalanceDelayMs: intSetting(config, 'group.initial.rebalance.delay.ms'),
    newMemberJoinTimeoutMs: NEW_MEMBER_JOIN_TIMEOUT_MS,
    offsetsRetentionMs: intSetting(config, 'offsets.retention.minutes') * 60_000,
    offsetMetadataMaxBytes: intSetting(config, 'offset.metadata.max.bytes'),
    offsetsRetentionCheckIntervalMs: OFFSETS_RETENTION_CHECK_INTERVAL_MS,
  };
}
