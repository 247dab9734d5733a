// What the server reports: closed connections with the reason, handler failures, fallbacks.
// Tests pass a recording logger; the default writes one line per event to stderr.

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
