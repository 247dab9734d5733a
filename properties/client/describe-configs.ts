// An admin's DescribeConfigs of one topic (RP-27), as Admin.describeConfigs sends it: the cluster's
// answer kept to the configs the contract knows (spec/described-configs.ts), each source folded to
// the contract's three, sorted by name. Duplicates stay: a name listed twice is the system's.
import { byConfigName, type ConfigSource, DESCRIBED_CONFIG_NAMES } from '../../spec/described-configs.ts';
import type { EventOf } from '../../spec/events.ts';
import type { Clients } from './clients.ts';

/**
 * Kafka's ConfigSource ids a topic config may carry: DYNAMIC_TOPIC_CONFIG (1); a broker's own
 * dynamic value (2), the cluster-wide dynamic default (3, where Kafka 4.4's controller puts
 * min.insync.replicas) or server.properties (4); DEFAULT_CONFIG (5).
 */
const SOURCES: Readonly<Record<number, ConfigSource>> = {
  1: 'topic',
  2: 'broker',
  3: 'broker',
  4: 'broker',
  5: 'default',
};

const described = new Set(DESCRIBED_CONFIG_NAMES);

export async function describeConfigs(
  clients: Clients,
  event: EventOf<'describe-configs'>,
  seq: number,
): Promise<void> {
  const answer = await clients.transport.describeTopicConfigs(clients.names.real(event.topic));
  const configs = answer.configs
    .filter((config) => described.has(config.name))
    .map((config) => {
      const source = SOURCES[config.source];
      // No topic config comes from anywhere else (a logger, client metrics, a group config).
      if (source === undefined)
        throw new Error(
          `DescribeConfigs of ${event.topic} lists ${config.name} with source ${config.source}`,
        );
      return { name: config.name, value: config.value, source };
    });
  clients.emit({
    type: 'describe-configs-response',
    request: seq,
    topic: event.topic,
    error: answer.error,
    configs: byConfigName(configs),
  });
}
