// Topic-level log settings by Kafka's names (LogConfig / TopicConfig), validated through the
// project's settings table (spec/config.ts) so a bad value gets the same message everywhere.
import { ConfigError, parseSetting, type SettingValue } from '../../spec/config.ts';

export interface LogConfig {
  /** Roll to a new segment before a segment's log file would exceed this. */
  'segment.bytes': number;
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
}

const INT_MAX = 2147483647;

export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = {
  'segment.bytes': 1073741824,
  'segment.ms': 604800000,
  'index.interval.bytes': 4096,
  'segment.index.bytes': 10485760,
  'flush.messages': INT_MAX,
  'flush.ms': INT_MAX,
  'retention.ms': 604800000,
  'retention.bytes': -1,
};

const NAMES = Object.keys(DEFAULT_LOG_CONFIG) as (keyof LogConfig)[];

/** Parses and validates log settings (unknown names and bad values throw ConfigError). */
export function parseLogConfig(input: Readonly<Record<string, SettingValue>> = {}): LogConfig {
  const config: LogConfig = { ...DEFAULT_LOG_CONFIG };
  for (const [name, raw] of Object.entries(input)) {
    if (!NAMES.includes(name as keyof LogConfig))
      throw new ConfigError(`'${name}' is not a log setting (log settings: ${NAMES.join(', ')})`);
    if (name === 'segment.index.bytes') {
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 8 || value > INT_MAX)
        throw new ConfigError(
          `Invalid value ${raw} for configuration ${name}: must be between 8 and ${INT_MAX}`,
        );
      config[name] = value;
      continue;
    }
    config[name as keyof LogConfig] = parseSetting(name, raw) as number;
  }
  return config;
}

/** True when the flush setting means "leave it to the OS" (Kafka's default Long.MAX_VALUE). */
export function isFlushDisabled(value: number): boolean {
  return value >= INT_MAX;
}
