// One history checker: a property judged over the whole run through its view (history-view.ts).
// Kept apart from history.ts so that the history and its view do not import each other.
import type { PropertyName } from '../rules.ts';
import type { Finding, HistoryStep } from './history.ts';
import type { HistoryView } from './history-view.ts';

export interface HistoryChecker {
  readonly name: PropertyName;
  /** What the checker looks at, counted as "events checked" in the per-rule table. */
  relevant(step: HistoryStep): boolean;
  check(view: HistoryView): Finding[];
}
