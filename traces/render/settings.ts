// A trace's settings split into those that differ from their defaults (what a reader needs: the
// flip, the test-speed timeouts) and those that merely restate a default (checker traces carry the
// whole resolved configuration). kspec's own settings (brokers, partitions, kspec.*) are not
// Kafka's: their defaults are kspec's, and renderers must say so.
import { settingByName } from '../../spec/config.ts';
import type { Trace } from '../../spec/trace.ts';

export interface SettingRow {
  readonly name: string;
  readonly value: string | number | boolean;
  /** The default (Kafka's, or kspec's for its own), or undefined for a setting kspec does not know. */
  readonly defaultValue: string | number | boolean | undefined;
  readonly changed: boolean;
  /** Whose setting: Kafka's (a broker, topic, producer or consumer config), kspec's own, or unknown. */
  readonly owner: 'kafka' | 'kspec' | 'unknown';
}

export function settingRows(trace: Trace): SettingRow[] {
  return Object.entries(trace.config)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => {
      const setting = settingByName(name);
      const aliased = setting?.type === 'enum' ? (setting.aliases?.[String(value)] ?? value) : value;
      return {
        name,
        value,
        defaultValue: setting?.default,
        changed: setting === undefined || aliased !== setting.default,
        owner: setting === undefined ? 'unknown' : setting.scope === 'kspec' ? 'kspec' : 'kafka',
      };
    });
}
