// The Kafka broker setting behind a kspec setting name where the two are spelled differently.
// kspec names a topic setting's cluster-wide default by the topic name (`segment.bytes`), as a
// topic's creator does; a Kafka broker's server.properties, and its DescribeConfigs synonyms, use
// the broker name (`log.segment.bytes`): ServerTopicConfigSynonyms.TOPIC_CONFIG_SYNONYMS. The two
// kspec-only names of the topics a run creates map to the broker defaults they stand for.
export const KAFKA_BROKER_NAMES: Readonly<Record<string, string>> = {
  'replication.factor': 'default.replication.factor',
  partitions: 'num.partitions',
  'segment.bytes': 'log.segment.bytes',
  'segment.ms': 'log.roll.ms',
  'index.interval.bytes': 'log.index.interval.bytes',
  'flush.messages': 'log.flush.interval.messages',
  'flush.ms': 'log.flush.interval.ms',
  'retention.ms': 'log.retention.ms',
  'retention.bytes': 'log.retention.bytes',
  'max.message.bytes': 'message.max.bytes',
};

/** The Kafka broker name of a kspec setting (itself when Kafka spells it the same). */
export function kafkaBrokerName(name: string): string {
  return KAFKA_BROKER_NAMES[name] ?? name;
}
