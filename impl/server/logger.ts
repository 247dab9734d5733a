// What the server reports: closed connections with the reason, handler failures, fallbacks, and
// (kspec broker) the cluster's changes. Tests pass a recording logger; the default writes one line
// per event to stderr; `serverLogger` is the operator's: a level threshold, text or JSON lines.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
}

export const stderrLogger: Logger = {
  log(level, message, fields) {
    if (level === 'debug') return;
    const suffix = fields
      ? Object.entries(fields)
          .map(([key, value]) => ` ${key}=${JSON.stringify(value)}`)
          .join('')
      : '';
    process.stderr.write(`kspec broker ${level}: ${message}${suffix}\n`);
  },
};

export interface RecordedLog {
  level: LogLevel;
  message: string;
  fields: LogFields;
}

export function recordingLogger(): Logger & { entries: RecordedLog[] } {
  const entries: RecordedLog[] = [];
  return {
    entries,
    log(level, message, fields = {}) {
      entries.push({ level, message, fields });
    },
  };
}

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
export type LogFormat = 'text' | 'json';

/**
 * One line per event at `level` or above: text (`2026-12-06T19:45:01.123Z INFO  message k=v`) or
 * JSON (`{"time":...,"level":"info","message":...,fields}`) for log collectors.
 */
export function serverLogger(options: {
  level: LogLevel;
  format: LogFormat;
  write?: (line: string) => void;
  now?: () => Date;
}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level);
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  return {
    log(level, message, fields = {}) {
      if (LOG_LEVELS.indexOf(level) < threshold) return;
      const time = now().toISOString();
      const present = Object.entries(fields).filter(([, value]) => value !== undefined);
      if (options.format === 'json') {
        write(`${JSON.stringify({ time, level, message, ...Object.fromEntries(present) })}\n`);
        return;
      }
      // A field the message already says (`partition t-0: ...`) is not repeated in text.
      const suffix = present
        .filter(([, value]) => !message.includes(String(value)))
        .map(
          ([key, value]) =>
            ` ${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`,
        )
        .join('');
      write(`${time} ${level.toUpperCase().padEnd(5)} ${message}${suffix}\n`);
    },
  };
}
