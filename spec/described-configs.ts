// Which topic configs a `describe-configs-response` lists, and where each value comes from (RP-27).
// Kafka 4.4 describes about forty configs of a topic; the contract knows the topic-scope settings of
// its table (config.ts) and `cleanup.policy`, which no run may set but which Kafka's group
// coordinator sets on __consumer_offsets (compact), so a client keeps only these. An array of
// entries rather than a record: a system that lists a name twice shows it.
import { SETTINGS } from './config.ts';

/**
 * Where a value comes from, Kafka's ConfigSource folded to three: the topic's own config
 * (DYNAMIC_TOPIC_CONFIG), a broker-wide value the cluster sets (STATIC_BROKER_CONFIG, or a dynamic
 * broker or cluster default), or Kafka's default (DEFAULT_CONFIG).
 */
export const CONFIG_SOURCES = ['topic', 'broker', 'default'] as const;
export type ConfigSource = (typeof CONFIG_SOURCES)[number];

/** The topic configs the contract describes, by name, sorted. */
export const DESCRIBED_CONFIG_NAMES: readonly string[] = [
  ...SETTINGS.filter((setting) => setting.scope === 'topic').map((setting) => setting.name),
  'cleanup.policy',
].sort();

/** Entries in the contract's order: by name (a name listed twice keeps both, in the order given). */
export function byConfigName<T extends { readonly name: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
