// What the run's admin client sends with a CreateTopics (a `create-topic` event): the event's config
// over the run's own `min.insync.replicas` and `unclean.leader.election.enable`. A real cluster has
// its own broker-wide values for the two settings the durability rules hang on (RP-9, RP-13), so
// the client pins the run's on every topic it creates; the topic then holds them as its own, which
// DescribeConfigs shows as the topic's (source `topic`, RP-27). Every transport sends this, and the
// model describes topics from it.
import type { Config } from './config.ts';

/** The run-wide settings the client sends with every topic, where the run's config names them. */
export const PINNED_TOPIC_SETTINGS = ['min.insync.replicas', 'unclean.leader.election.enable'] as const;

export function topicConfigSent(run: Config, config: Config = {}): Config {
  const pinned: Record<string, Config[string]> = {};
  for (const name of PINNED_TOPIC_SETTINGS) if (run[name] !== undefined) pinned[name] = run[name];
  return { ...pinned, ...config };
}
