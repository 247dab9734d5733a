// A trace's settings split into those that differ from Kafka's defaults (what a reader needs: the
// flip, the test-speed timeouts) and those that merely restate a default (checker traces carry the
// whole resolved configuration).
import { settingByName } from '../../spec/config.ts';
import type { Trace } from '../../spec/trace.ts';

export interface SettingRow {
  readonly name: string;
  readonly value: string | number | boolean;
  /** Kafka's default, or undefined for a setting kspec does not know (kept, shown as changed). */
  readonly defaultValue: string | number | boolean | undefined;
  readonly changed: boolean;
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
      };
    });
}
