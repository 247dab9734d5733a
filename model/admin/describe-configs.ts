// DescribeConfigs of one topic as Kafka 4.4 answers it (ConfigHelper.describeConfigs), for the
// configs the contract knows (RP-27, spec/described-configs.ts). A name Topic.validate refuses is
// INVALID_TOPIC_EXCEPTION (of the names the contract allows, only "." and ".."), a topic the cluster
// does not have UNKNOWN_TOPIC_OR_PARTITION; otherwise each config is the topic's own value, else the
// broker's (the run's config: it is the cluster's), else Kafka's default.
//
// The topics a run has: those its admin created, with the config the client sent
// (spec/topic-config-sent.ts), and __consumer_offsets once the first FindCoordinator created it
// with the configs Kafka's group coordinator gives it.
import { type Config, describedDefault, SETTINGS } from '../../spec/config.ts';
import { byConfigName, type ConfigSource } from '../../spec/described-configs.ts';
import type { ErrorName } from '../../spec/errors.ts';
import { OFFSETS_TOPIC } from '../../spec/events.ts';

/**
 * GroupCoordinatorService.groupMetadataTopicConfigs: compacted, segments of
 * offsets.topic.segment.bytes (100 MiB). Its compression.type (producer) is not the contract's.
 */
export const OFFSETS_TOPIC_CONFIG: Config = { 'cleanup.policy': 'compact', 'segment.bytes': 104_857_600 };

/** Kafka's defaults (LogConfig) of the described configs beyond the settings table. */
const BEYOND_TABLE_DEFAULTS: Readonly<Record<string, string>> = { 'cleanup.policy': 'delete' };

const TOPIC_SETTINGS = SETTINGS.filter((setting) => setting.scope === 'topic');

export interface DescribedConfig {
  readonly name: string;
  readonly value: string;
  readonly source: ConfigSource;
}

export interface DescribedTopic {
  readonly error: ErrorName;
  readonly configs: readonly DescribedConfig[];
}

/** The answer for topic `name`, whose own config is `own` (undefined: no such topic). */
export function describeTopicConfigs(name: string, own: Config | undefined, broker: Config): DescribedTopic {
  if (name === '.' || name === '..') return { error: 'INVALID_TOPIC_EXCEPTION', configs: [] };
  if (own === undefined) return { error: 'UNKNOWN_TOPIC_OR_PARTITION', configs: [] };
  const table = TOPIC_SETTINGS.map((setting): DescribedConfig => {
    const mine = own[setting.name];
    if (mine !== undefined) return { name: setting.name, value: String(mine), source: 'topic' };
    const brokers = broker[setting.name];
    if (brokers !== undefined) return { name: setting.name, value: String(brokers), source: 'broker' };
    return { name: setting.name, value: describedDefault(setting), source: 'default' };
  });
  const beyond = Object.entries(BEYOND_TABLE_DEFAULTS).map(
    ([config, fallback]): DescribedConfig =>
      own[config] === undefined
        ? { name: config, value: fallback, source: 'default' }
        : { name: config, value: String(own[config]), source: 'topic' },
  );
  return { error: 'NONE', configs: byConfigName([...table, ...beyond]) };
}

/** The topics a model knows with their own configs, for DescribeConfigs. */
export class TopicConfigs {
  private readonly topics = new Map<string, Config>();

  clear(): void {
    this.topics.clear();
  }

  /** A CreateTopics answered NONE, with the config the client sent (validated). */
  created(topic: string, config: Config): void {
    this.topics.set(topic, config);
  }

  /** `offsetsTopicExists`: a FindCoordinator has created __consumer_offsets. */
  describe(name: string, broker: Config, offsetsTopicExists: boolean): DescribedTopic {
    const own =
      this.topics.get(name) ??
      (name === OFFSETS_TOPIC && offsetsTopicExists ? OFFSETS_TOPIC_CONFIG : undefined);
    return describeTopicConfigs(name, own, broker);
  }
}
