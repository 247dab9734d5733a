// Jepsen's duplicate: one value at two offsets. Allowed for at-least-once delivery (a re-sent value
// whose first attempt was written after all), so reported, not failed.
import type { HistoryChecker } from '../history-checker.ts';
import { finding, MAX_FINDINGS } from './finding.ts';

export const duplicate: HistoryChecker = {
  name: 'duplicate',
  relevant: (step) => step.event.type === 'fetch' || step.event.type === 'poll',
  check(view) {
    const places = new Map<string, Set<string>>();
    for (const read of view.reads) {
      const set = places.get(read.value) ?? new Set<string>();
      set.add(`${read.key}@${read.offset}`);
      places.set(read.value, set);
    }
    const found = [];
    for (const [value, set] of places) {
      if (set.size < 2) continue;
      found.push(finding('duplicate', `${value} at ${[...set].sort().join(' and ')}`, view.lastSeq));
      if (found.length >= MAX_FINDINGS) break;
    }
    return found;
  },
};
