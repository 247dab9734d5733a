// Per-property counts for the per-rule table: events (or snapshots) checked, violations, reports.
// Lockstep also counts, per answer type, the answers it compared (`answer:<type>`), which the
// per-rule table credits to the rules that decide that answer (answer-rules.ts).
import type { Observation } from '../../spec/observations.ts';
import type { PropertyName } from '../rules.ts';

export type TallyKey = PropertyName | `answer:${Observation['type']}`;

export interface TallyRow {
  checked: number;
  violations: number;
  reports: number;
}

export class Tally {
  readonly rows = new Map<TallyKey, TallyRow>();

  add(name: TallyKey, checked: number, violations = 0, reports = 0): void {
    const row = this.rows.get(name) ?? { checked: 0, violations: 0, reports: 0 };
    row.checked += checked;
    row.violations += violations;
    row.reports += reports;
    this.rows.set(name, row);
  }

  merge(other: Tally | ReadonlyMap<TallyKey, TallyRow>): void {
    const rows = other instanceof Tally ? other.rows : other;
    for (const [name, row] of rows) this.add(name, row.checked, row.violations, row.reports);
  }

  toJSON(): Record<string, TallyRow> {
    return Object.fromEntries([...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}
