// Topic-level log settings by Kafka's names (LogConfig / TopicConfig), validated through the
// project's settings table (spec/config.ts) so a bad value gets the same message everywhere.
import { ConfigError, parseSetting, type SettingValue } from '../../spec/config.ts';

export interface LogConfig {
  /** Roll to a new segment before a segment's log file would exceed this. */
  'segment.bytes': number;
  /** Largest batch a producer may append, in bytes as sent (LogConfig.maxMessageSize). */
  'max.message.bytes': number;
  /** Roll when the first batch of the active segment is older than this. */
  'segment.ms': number;
  /** Bytes of batches between two offset-index entries. */
  'index.interval.bytes': number;
  /** Largest offset-index file; a segment rolls when its index is full (Kafka: segment.index.bytes). */
  'segment.index.bytes': number;
  /** fsync after this many records (default: never, the OS decides). */
  'flush.messages': number;
  /** fsync when this many ms passed since the last flush (default: never). */
  'flush.ms': number;
  /** Delete segments whose newest record is older than this (-1: keep). */
  'retention.ms': number;
  /** Delete the oldest segments while the log is larger than this (-1: no limit). */
  'retention.bytes': number;
  /** `delete` (retention), `compact` (latest value per key), or both. */
  'cleanup.policy': CleanupPolicy;
  /** How long compaction keeps a tombstone (a null value) before removing it. */
  'delete.retention.ms': number;
  /** How long a deleted segment's files stay (renamed `*.deleted`) so in-flight reads finish. */
  'file.delete.delay.ms': number;
}

export type CleanupPolicy = 'delete' | 'compact' | 'compact,delete';
const CLEANUP_POLICIES: readonly CleanupPolicy[] = ['delete', 'compact', 'compact,delete'];

const INT_MAX = 2147483647;

export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = {
  'segment.bytes': 1073741824,
  'max.message.bytes': 1048588,
  'segment.ms': 604800000,
  'index.interval.bytes': 4096,
  'segment.index.bytes': 10485760,
  'flush.messages': INT_MAX,
  'flush.ms': INT_MAX,
  'retention.ms': 604800000,
  'retention.bytes': -1,
  'cleanup.policy': 'delete',
  'delete.retention.ms': 86400000,
  'file.delete.delay.ms': 60000,
};

const NAMES = Object.keys(DEFAULT_LOG_CONFIG) as (keyof LogConfig)[];

/** Parses and validates log settings (unknown names and bad values throw ConfigError). */
export function parseLogConfig(input: Readonly<Record<string, SettingValue>> = {}): LogConfig {
  const config: LogConfig = { ...DEFAULT_LOG_CONFIG };
  for (const [name, raw] of Object.entries(input)) {
    if (!NAMES.includes(name as keyof LogConfig))
      throw new ConfigError(`'${name}' is not a log setting (log settings: ${NAMES.join(', ')})`);
    if (name === 'cleanup.policy') {
      const policy = String(raw).replace(/\s+/g, '').split(',').sort().join(',') as CleanupPolicy;
      if (!CLEANUP_POLICIES.includes(policy))
        throw new ConfigError(
          `Invalid value ${raw} for configuration ${name}: must be delete, compact or compact,delete`,
        );
      config['cleanup.policy'] = policy;
    } else if (
      name === 'segment.index.bytes' ||
      name === 'delete.retention.ms' ||
      name === 'file.delete.delay.ms'
    ) {
      config[name] = localInteger(name, raw, name === 'segment.index.bytes' ? 8 : 0);
    } else {
      (config as unknown as Record<string, number>)[name] = parseSetting(name, raw) as number;
    }
  }
  return config;
}

/** Settings the project-wide table (spec/config.ts) does not carry. */
function localInteger(name: string, raw: SettingValue, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > INT_MAX)
    throw new ConfigError(
      `Invalid value ${raw} for configuration ${name}: must be between ${min} and ${INT_MAX}`,
    );
  return value;
}

/** True when the flush setting means "leave it to the OS" (Kafka's default Long.MAX_VALUE). */
export function isFlushDisabled(value: number): boolean {
  return value >= INT_MAX;
}
