// Whether a run's DescribeConfigs answers can be compared on a live cluster (RP-27). The model says
// a topic config comes from the broker when the run's config names it and from Kafka's default
// otherwise, so the cluster must set at broker level exactly the topic settings the run names, to
// the same values. Read once from the broker's DescribeConfigs, by Kafka's broker names
// (spec/kafka-broker-names.ts). A `kspec check` run's configuration is resolved (it names every
// setting), which no cluster's server.properties matches, so there a DescribeConfigs is refused
// with the difference; a replayed trace names only the settings it means.
import { type Config, SETTINGS } from '../../../spec/config.ts';
import { kafkaBrokerName } from '../../../spec/kafka-broker-names.ts';
import type { KafkaTarget } from '../../client/wire/target.ts';
import { LockstepPacer } from './lockstep-pacing.ts';

const TOPIC_SETTINGS = SETTINGS.filter((setting) => setting.scope === 'topic').map((s) => s.name);

/** ConfigSource ids of a value the cluster sets: a broker's dynamic value, a cluster default, server.properties. */
const SET_BY_CLUSTER = new Set([2, 3, 4]);

/** The topic settings the cluster sets broker-wide, by kspec's names, with their values. */
export async function clusterTopicSettings(target: KafkaTarget): Promise<Map<string, string | null>> {
  const described = await LockstepPacer.describeBroker(target, TOPIC_SETTINGS.map(kafkaBrokerName));
  const set = new Map<string, string | null>();
  for (const name of TOPIC_SETTINGS) {
    const entry = described.get(kafkaBrokerName(name));
    if (entry && SET_BY_CLUSTER.has(entry.source)) set.set(name, entry.value);
  }
  return set;
}

/** Why DescribeConfigs answers of a run with `config` cannot be compared on the cluster, if they cannot. */
export function describeConfigsProblem(
  config: Config,
  cluster: ReadonlyMap<string, string | null>,
): string | undefined {
  const differing = TOPIC_SETTINGS.filter((name) => {
    const ours = config[name];
    if (ours === undefined) return cluster.has(name);
    return !cluster.has(name) || cluster.get(name) !== String(ours);
  });
  if (differing.length === 0) return undefined;
  const show = (name: string) =>
    `${name} (run: ${config[name] ?? 'default'}, cluster: ${cluster.has(name) ? cluster.get(name) : 'default'})`;
  return `the run's broker-wide topic settings are not the cluster's, so DescribeConfigs sources would differ: ${differing.map(show).join(', ')}`;
}
