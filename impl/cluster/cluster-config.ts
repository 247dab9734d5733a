// The cluster's settings, read by Kafka's names from a run's configuration (spec/config.ts) and
// checked: every value through the settings table, then the combinations Kafka refuses.
import {
  booleanSetting,
  type Config,
  ConfigError,
  enumSetting,
  intSetting,
  type SettingValue,
  settingByName,
  validateConfig,
} from '../../spec/config.ts';

export interface ClusterConfig {
  readonly brokers: number;
  readonly defaultReplicationFactor: number;
  readonly defaultPartitions: number;
  readonly minInsyncReplicas: number;
  readonly uncleanLeaderElection: boolean;
  readonly replicaLagTimeMaxMs: number;
  readonly offsetsTopicPartitions: number;
  readonly offsetsTopicReplicationFactor: number;
  /** Producer request.timeout.ms: how long an acks=all produce waits in purgatory. */
  readonly produceTimeoutMs: number;
  /** broker.session.timeout.ms: a broker the controller cannot reach this long is fenced. */
  readonly brokerSessionTimeoutMs: number;
  /** kspec.replication.truncation: how a new follower truncates (RP-14, or the known-bad RP-15). */
  readonly truncation: 'leader-epoch' | 'high-watermark';
  /** log.flush.scheduler.interval.ms: the log flusher's period (INT_MAX: it never runs). */
  readonly logFlushSchedulerIntervalMs: number;
  /** log.initial.task.delay.ms: from a broker's start to its log flusher's first run. */
  readonly logInitialTaskDelayMs: number;
  /** Topic-level log settings by Kafka's names, defaults for every topic. */
  readonly logConfig: Readonly<Record<string, number>>;
  /** The whole validated configuration (the coordinator reads its own settings from it). */
  readonly raw: Config;
}

/** Log settings a topic (or the broker, as default) may set. */
export const LOG_SETTING_NAMES = [
  'segment.bytes',
  'max.message.bytes',
  'segment.ms',
  'index.interval.bytes',
  'flush.messages',
  'flush.ms',
  'retention.ms',
  'retention.bytes',
] as const;

/** Kafka's producer request.timeout.ms and broker.session.timeout.ms defaults. */
export const PRODUCE_TIMEOUT_MS = 30_000;
export const BROKER_SESSION_TIMEOUT_MS = 9_000;

export function clusterConfigFrom(input: Readonly<Record<string, SettingValue>>): ClusterConfig {
  const config = validateConfig(input);
  const logConfig: Record<string, number> = {};
  for (const name of LOG_SETTING_NAMES) logConfig[name] = intSetting(config, name);
  const result: ClusterConfig = {
    brokers: intSetting(config, 'brokers'),
    defaultReplicationFactor: intSetting(config, 'replication.factor'),
    defaultPartitions: intSetting(config, 'partitions'),
    minInsyncReplicas: intSetting(config, 'min.insync.replicas'),
    uncleanLeaderElection: booleanSetting(config, 'unclean.leader.election.enable'),
    replicaLagTimeMaxMs: intSetting(config, 'replica.lag.time.max.ms'),
    offsetsTopicPartitions: intSetting(config, 'offsets.topic.num.partitions'),
    offsetsTopicReplicationFactor: intSetting(config, 'offsets.topic.replication.factor'),
    produceTimeoutMs: PRODUCE_TIMEOUT_MS,
    brokerSessionTimeoutMs: BROKER_SESSION_TIMEOUT_MS,
    truncation: enumSetting(config, 'kspec.replication.truncation') as ClusterConfig['truncation'],
    logFlushSchedulerIntervalMs: intSetting(config, 'log.flush.scheduler.interval.ms'),
    logInitialTaskDelayMs: intSetting(config, 'log.initial.task.delay.ms'),
    logConfig,
    raw: config,
  };
  if (result.defaultReplicationFactor > result.brokers)
    throw new ConfigError(
      `Invalid value ${result.defaultReplicationFactor} for configuration replication.factor: larger than brokers (${result.brokers})`,
    );
  return result;
}

export interface TopicConfigResult {
  readonly minInsyncReplicas: number;
  readonly uncleanLeaderElection: boolean;
  readonly logConfig: Readonly<Record<string, number>>;
}

/**
 * A CreateTopics config map: topic-level settings only, each validated; broker defaults fill the
 * rest. Errors are values (INVALID_CONFIG with Kafka's message), as the admin API answers them.
 */
export function topicConfigFrom(
  cluster: ClusterConfig,
  overrides: Readonly<Record<string, SettingValue>> = {},
): TopicConfigResult | { error: 'INVALID_CONFIG'; message: string } {
  const logConfig: Record<string, number> = { ...cluster.logConfig };
  let minInsyncReplicas = cluster.minInsyncReplicas;
  let uncleanLeaderElection = cluster.uncleanLeaderElection;
  try {
    for (const [name, raw] of Object.entries(overrides)) {
      const setting = settingByName(name);
      if (setting?.scope !== 'topic')
        return { error: 'INVALID_CONFIG', message: `Unknown topic config name: ${name}` };
      const value = validateConfig({ [name]: raw })[name]!;
      if (name === 'min.insync.replicas') minInsyncReplicas = value as number;
      else if (name === 'unclean.leader.election.enable') uncleanLeaderElection = value as boolean;
      else logConfig[name] = value as number;
    }
  } catch (error) {
    if (error instanceof ConfigError) return { error: 'INVALID_CONFIG', message: error.message };
    throw error;
  }
  return { minInsyncReplicas, uncleanLeaderElection, logConfig };
}
