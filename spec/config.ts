import { distance } from 'fastest-levenshtein';
import { MUTANT_NAMES } from './mutants.ts';

// Every setting a run can take, by Kafka's own name, with Kafka's default. One table serves the
// model, the reference cluster and the checker, so `--config acks=1` means the same thing to all.
// Settings kspec adds (client behaviour that Kafka leaves to application code) start with `kspec.`.

export type SettingScope = 'broker' | 'topic' | 'producer' | 'consumer' | 'kspec';
export type SettingValue = string | number | boolean;
export type Config = Readonly<Record<string, SettingValue>>;

interface SettingBase {
  readonly name: string;
  readonly scope: SettingScope;
  readonly description: string;
}
export interface IntSetting extends SettingBase {
  readonly type: 'int';
  readonly default: number;
  readonly min: number;
  readonly max?: number;
  /**
   * Kafka's default as DescribeConfigs prints it, where the table stands in a smaller number for it
   * (Long.MAX_VALUE, "never", does not fit an int setting; RP-27).
   */
  readonly describedDefault?: string;
}
export interface BooleanSetting extends SettingBase {
  readonly type: 'boolean';
  readonly default: boolean;
}
export interface EnumSetting extends SettingBase {
  readonly type: 'enum';
  readonly default: string;
  readonly values: readonly string[];
  /** Alternative spellings Kafka accepts, mapped to the canonical value (acks=-1 is acks=all). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Values Kafka accepts that kspec does not specify, each with the reason a run asking for it is refused. */
  readonly unsupported?: Readonly<Record<string, string>>;
}
export type Setting = IntSetting | BooleanSetting | EnumSetting;

const INT_MAX = 2147483647;
/** The table's stand-in for Kafka's Long.MAX_VALUE in flush and scheduler settings: never. */
export const NEVER = INT_MAX;
/** Java's Long.MAX_VALUE, Kafka's "never" for flush.messages and flush.ms, as text. */
const LONG_MAX = '9223372036854775807';
const int = (
  name: string,
  scope: SettingScope,
  defaultValue: number,
  min: number,
  description: string,
  max?: number,
): IntSetting => ({
  name,
  scope,
  type: 'int',
  default: defaultValue,
  min,
  description,
  ...(max === undefined ? {} : { max }),
});
const bool = (
  name: string,
  scope: SettingScope,
  defaultValue: boolean,
  description: string,
): BooleanSetting => ({
  name,
  scope,
  type: 'boolean',
  default: defaultValue,
  description,
});
const choice = (
  name: string,
  scope: SettingScope,
  defaultValue: string,
  values: readonly string[],
  description: string,
  aliases?: Record<string, string>,
): EnumSetting => ({
  name,
  scope,
  type: 'enum',
  default: defaultValue,
  values,
  description,
  ...(aliases ? { aliases } : {}),
});

export const SETTINGS: readonly Setting[] = [
  // Broker (KafkaConfig / GroupCoordinatorConfig / ReplicationConfigs)
  int('offsets.topic.num.partitions', 'broker', 50, 1, 'Partitions of __consumer_offsets.'),
  int(
    'offsets.topic.replication.factor',
    'broker',
    3,
    1,
    'Replication factor of __consumer_offsets (capped at the broker count).',
  ),
  int(
    'offsets.retention.minutes',
    'broker',
    10080,
    1,
    'How long committed offsets of an Empty group are kept.',
  ),
  int(
    'offset.metadata.max.bytes',
    'broker',
    4096,
    0,
    'Largest commit metadata string; beyond it OFFSET_METADATA_TOO_LARGE.',
  ),
  int(
    'group.initial.rebalance.delay.ms',
    'broker',
    3000,
    0,
    'Delay of the first rebalance of an Empty group.',
  ),
  int('group.min.session.timeout.ms', 'broker', 6000, 0, 'Smallest session timeout a member may ask for.'),
  int('group.max.session.timeout.ms', 'broker', 1800000, 0, 'Largest session timeout a member may ask for.'),
  int('group.max.size', 'broker', INT_MAX, 1, 'Most members a group may have.'),
  int(
    'replica.lag.time.max.ms',
    'broker',
    30000,
    1,
    'A follower not caught up for this long leaves the ISR.',
  ),
  int(
    'replica.fetch.min.bytes',
    'broker',
    1,
    1,
    "Bytes a follower's fetch waits for, up to replica.fetch.wait.max.ms. kspec broker (wall clock) does not count them: above 1 every write waits the whole time, as small writes do in Kafka; simulated runs replicate on replicate events only.",
  ),
  int(
    'replica.fetch.wait.max.ms',
    'broker',
    500,
    0,
    "Longest a follower's fetch waits for replica.fetch.min.bytes (kspec broker on the wall clock).",
  ),
  int('default.replication.factor', 'broker', 1, 1, 'Replication factor of auto-created topics.'),
  int('num.partitions', 'broker', 1, 1, 'Partitions of auto-created topics.'),
  bool('auto.create.topics.enable', 'broker', true, 'Create a topic on first use.'),
  {
    ...choice(
      'delete.topic.enable',
      'broker',
      'false',
      ['false'],
      'DeleteTopics: kspec never deletes a topic and answers as Kafka 4.4 does with false (TOPIC_DELETION_DISABLED from v3, INVALID_REQUEST before); Kafka defaults to true.',
    ),
    unsupported: {
      true: 'kspec does not delete topics (no contract event removes one); DeleteTopics is refused as Kafka refuses it with delete.topic.enable=false',
    },
  },
  int('socket.request.max.bytes', 'broker', 104857600, 1, 'Largest request frame a broker reads.'),
  int(
    'max.connections',
    'broker',
    INT_MAX,
    0,
    'Open connections a broker accepts (per listener); more are closed at once, with a log line.',
  ),
  int(
    'max.connections.per.ip',
    'broker',
    INT_MAX,
    0,
    'Open connections a broker accepts from one client address; more are closed at once.',
  ),
  int(
    'fetch.max.bytes',
    'broker',
    57671680,
    1024,
    'Most record bytes one consumer Fetch response carries (the request may ask for less).',
  ),
  // Topic (LogConfig); broker-wide defaults under the same name
  int('min.insync.replicas', 'topic', 1, 1, 'ISR size an acks=all produce needs.'),
  bool('unclean.leader.election.enable', 'topic', false, 'Allow an out-of-sync replica to become leader.'),
  int('segment.bytes', 'topic', 1073741824, 14, 'Segment size at which the log rolls.'),
  int('segment.ms', 'topic', 604800000, 1, 'Segment age at which the log rolls.'),
  int(
    'max.message.bytes',
    'topic',
    1048588,
    0,
    'Largest record batch (as sent, after compression) a producer may append; beyond it MESSAGE_TOO_LARGE.',
  ),
  int('index.interval.bytes', 'topic', 4096, 0, 'Bytes between offset index entries.'),
  {
    ...int(
      'flush.messages',
      'topic',
      INT_MAX,
      1,
      'fsync after this many messages (default: leave it to the OS).',
    ),
    describedDefault: LONG_MAX,
  },
  {
    ...int(
      'flush.ms',
      'topic',
      INT_MAX,
      0,
      "fsync, at the log flusher's next check, a log last flushed at least this many ms ago (default: leave it to the OS).",
    ),
    describedDefault: LONG_MAX,
  },
  int(
    'log.flush.scheduler.interval.ms',
    'broker',
    INT_MAX,
    1,
    'How often the log flusher checks flush.ms (default, as Kafka: never).',
  ),
  int(
    'log.initial.task.delay.ms',
    'broker',
    30000,
    0,
    "Delay from a broker's start to its log tasks' first run (the log flusher's included).",
  ),
  int('retention.ms', 'topic', 604800000, -1, 'Delete segments older than this (-1: no limit).'),
  int('retention.bytes', 'topic', -1, -1, 'Delete oldest segments beyond this size (-1: no limit).'),
  // Topic creation (a CreateTopics argument rather than a topic config)
  int('replication.factor', 'kspec', 3, 1, 'Replication factor of the topics a run creates.'),
  int('partitions', 'kspec', 3, 1, 'Partitions of the topics a run creates.'),
  int('brokers', 'kspec', 3, 1, 'Brokers in the cluster under test.', 9),
  // Producer (ProducerConfig)
  choice('acks', 'producer', 'all', ['all', '1', '0'], 'Acknowledgements a produce waits for.', {
    '-1': 'all',
  }),
  int('retries', 'producer', INT_MAX, 0, 'How often a failed send is retried.'),
  bool(
    'enable.idempotence',
    'producer',
    true,
    'Sends carry a producer id, epoch and per-partition sequence; the broker drops a retried batch it already wrote (IP-1..IP-6).',
  ),
  choice(
    'kspec.producer.send',
    'kspec',
    'callback',
    ['callback', 'fire-and-forget'],
    'callback: the application sees each send result and re-sends on error; fire-and-forget: it never looks.',
  ),
  // Consumer (ConsumerConfig)
  int('session.timeout.ms', 'consumer', 45000, 1, 'Member session timeout sent in JoinGroup.'),
  int('heartbeat.interval.ms', 'consumer', 3000, 1, 'Time between heartbeats.'),
  int('max.poll.interval.ms', 'consumer', 300000, 1, 'Sent as the JoinGroup rebalance timeout.'),
  choice(
    'auto.offset.reset',
    'consumer',
    'latest',
    ['latest', 'earliest', 'none'],
    'Where to start without a committed offset.',
  ),
  bool('enable.auto.commit', 'consumer', true, 'Commit the previous poll positions inside poll.'),
  int('auto.commit.interval.ms', 'consumer', 5000, 0, 'Least time between automatic commits.'),
  choice(
    'partition.assignment.strategy',
    'consumer',
    'range',
    ['range', 'roundrobin', 'sticky', 'cooperative-sticky'],
    'The assignor the members prefer.',
  ),
  int(
    'kspec.producer.version',
    'kspec',
    12,
    3,
    'The Produce version producers send, as an older client library would (Kafka 4.4 serves 3-13; from 10 a NOT_LEADER_OR_FOLLOWER answer names the leader, RP-28).',
    12,
  ),
  int(
    'kspec.consumer.list-offsets.version',
    'kspec',
    6,
    0,
    'The ListOffsets version a consumer sends to reset its position (auto.offset.reset), as an older client library would (RP-24).',
    6,
  ),
  choice(
    'kspec.consumer.processing',
    'kspec',
    'process-then-commit',
    ['process-then-commit', 'commit-then-process'],
    'process-then-commit: records are processed before the next poll or commit; commit-then-process: handed off and processed after the next poll/commit.',
  ),
  // Cluster features (kafka-storage format --feature / kafka-features upgrade)
  {
    ...choice(
      'eligible.leader.replicas.version',
      'broker',
      '0',
      ['0'],
      'KIP-966 eligible leader replicas: 0 (off) is what kspec specifies; Kafka 4.4 formats new clusters at 1.',
    ),
    // RP-23: ELR is not modelled, so a run cannot claim to check it.
    unsupported: {
      '1': 'eligible leader replicas (KIP-966) are not modelled; kspec specifies elections without them (SPEC.md RP-23)',
    },
  },
  // Replication model switches and fault budgets (model/replication)
  choice(
    'kspec.replication.truncation',
    'kspec',
    'leader-epoch',
    ['leader-epoch', 'high-watermark'],
    'How a follower truncates: to where its log agrees with the leader by leader epoch (KIP-101/279/320), or to its own high watermark (pre-KIP-101, known to lose committed data).',
  ),
  int(
    'kspec.faults.power-loss',
    'kspec',
    0,
    0,
    'Power losses a run may inject (a broker loses its unflushed bytes).',
  ),
  int(
    'kspec.faults.disk-loss',
    'kspec',
    1,
    0,
    'Disk losses a run may inject (the broker and its log are gone for good).',
  ),
  choice(
    'kspec.mutant',
    'kspec',
    'none',
    ['none', ...MUTANT_NAMES],
    'A known bug switched on in the reference cluster (kspec mutants), to show the checker catches it; none in any real use.',
  ),
];

const byName = new Map(SETTINGS.map((setting) => [setting.name, setting]));

/** Bad configuration: the message names the setting and the allowed values, as Kafka's ConfigException does. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function settingByName(name: string): Setting | undefined {
  return byName.get(name);
}

/** A setting's default as Kafka's DescribeConfigs prints it (source DEFAULT_CONFIG, RP-27). */
export function describedDefault(setting: Setting): string {
  return (setting.type === 'int' ? setting.describedDefault : undefined) ?? String(setting.default);
}

/** Settings whose names are a few edits away: a likely typo. */
function nearestNames(name: string): string[] {
  const limit = Math.max(2, Math.floor(name.length / 4));
  return SETTINGS.map((setting) => ({ name: setting.name, distance: distance(name, setting.name) }))
    .filter((candidate) => candidate.distance <= limit)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((candidate) => candidate.name);
}

/** Parses and checks one value; throws ConfigError naming the setting and what it accepts. */
export function parseSetting(name: string, raw: SettingValue): SettingValue {
  const setting = byName.get(name);
  if (!setting) {
    const near = nearestNames(name);
    throw new ConfigError(
      `unknown setting '${name}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`,
    );
  }
  const text = String(raw).trim();
  switch (setting.type) {
    case 'int': {
      if (!/^-?\d+$/.test(text))
        throw new ConfigError(`Invalid value ${text} for configuration ${name}: not an integer`);
      const value = Number(text);
      const max = setting.max ?? INT_MAX;
      if (value < setting.min || value > max)
        throw new ConfigError(
          `Invalid value ${text} for configuration ${name}: must be between ${setting.min} and ${max}`,
        );
      return value;
    }
    case 'boolean':
      if (text === 'true' || text === 'false') return text === 'true';
      throw new ConfigError(
        `Invalid value ${text} for configuration ${name}: Expected value to be either true or false`,
      );
    case 'enum': {
      const value = setting.aliases?.[text] ?? text;
      const unsupported = setting.unsupported?.[value];
      if (unsupported)
        throw new ConfigError(`Unsupported value ${text} for configuration ${name}: ${unsupported}`);
      if (!setting.values.includes(value))
        throw new ConfigError(
          `Invalid value ${text} for configuration ${name}: String must be one of: ${setting.values.join(', ')}`,
        );
      return value;
    }
  }
}

/** Checks every entry of a partial config; returns it with parsed (typed) values. */
export function validateConfig(config: Readonly<Record<string, SettingValue>>): Config {
  const parsed: Record<string, SettingValue> = {};
  for (const [name, value] of Object.entries(config)) parsed[name] = parseSetting(name, value);
  return parsed;
}

/**
 * Whether a CreateTopics config names only topic-level settings, each with a valid value: else the
 * controller answers INVALID_CONFIG (RP-1) for a topic that does not exist yet (an existing name is
 * TOPIC_ALREADY_EXISTS whatever its config, Kafka 4.4).
 */
export function isValidTopicConfig(overrides: Readonly<Record<string, SettingValue>>): boolean {
  try {
    for (const name of Object.keys(overrides)) if (settingByName(name)?.scope !== 'topic') return false;
    validateConfig(overrides);
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return false;
    throw error;
  }
}

/** Parses `key=value` strings (the CLI's repeated `--config`). */
export function parseConfigArguments(pairs: readonly string[]): Config {
  const config: Record<string, SettingValue> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new ConfigError(`expected key=value, got '${pair}'`);
    const name = pair.slice(0, at).trim();
    config[name] = parseSetting(name, pair.slice(at + 1));
  }
  return config;
}

/** The full configuration: every setting with its default, overridden by `config`. */
export function resolveConfig(config: Config = {}): Readonly<Record<string, SettingValue>> {
  const resolved: Record<string, SettingValue> = {};
  for (const setting of SETTINGS) resolved[setting.name] = setting.default;
  return { ...resolved, ...validateConfig(config) };
}

export function intSetting(config: Config, name: string): number {
  const value = config[name] ?? byName.get(name)?.default;
  if (typeof value !== 'number') throw new ConfigError(`setting ${name} is not an integer`);
  return value;
}
export function booleanSetting(config: Config, name: string): boolean {
  const value = config[name] ?? byName.get(name)?.default;
  if (typeof value !== 'boolean') throw new ConfigError(`setting ${name} is not a boolean`);
  return value;
}
export function enumSetting(config: Config, name: string): string {
  const value = config[name] ?? byName.get(name)?.default;
  if (typeof value !== 'string') throw new ConfigError(`setting ${name} is not a string`);
  return value;
}
