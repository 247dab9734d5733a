// The consumer settings the commit semantics depend on, read by Kafka's names. An invalid
// auto.offset.reset is a ConfigException in Kafka (raised when the consumer is created): here a
// ConfigError from spec/config.ts, before anything runs (OC-13).
import { booleanSetting, type Config, enumSetting, intSetting, parseSetting } from '../../spec/config.ts';

export type ResetPolicy = 'earliest' | 'latest' | 'none';
export type ProcessingStyle = 'process-then-commit' | 'commit-then-process';

export interface ConsumerSettings {
  readonly autoOffsetReset: ResetPolicy;
  readonly enableAutoCommit: boolean;
  readonly autoCommitIntervalMs: number;
  readonly processing: ProcessingStyle;
}

// Rules this file applies: OC-13, OC-15, OC-16.

export function consumerSettings(config: Config = {}): ConsumerSettings {
  const reset = config['auto.offset.reset'];
  if (reset !== undefined) parseSetting('auto.offset.reset', reset); // throws ConfigError for other values (OC-13)
  return {
    autoOffsetReset: enumSetting(config, 'auto.offset.reset') as ResetPolicy,
    enableAutoCommit: booleanSetting(config, 'enable.auto.commit'),
    autoCommitIntervalMs: intSetting(config, 'auto.commit.interval.ms'),
    processing: enumSetting(config, 'kspec.consumer.processing') as ProcessingStyle,
  };
}
