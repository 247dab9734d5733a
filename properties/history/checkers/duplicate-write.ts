// Jepsen's duplicate, as a violation: one value the application sent (re-sends included) written at
// two offsets, seen either in two acknowledgements at different offsets or in reads at two offsets.
// A plain producer's retry of a send whose first attempt was written after all writes it again;
// an idempotent producer's retry is answered with the first write's offsets (IP-2), so with
// enable.idempotence a duplicate is a broken rule (IP-8), and the no-loss matrix's idempotence-off row
// expects this checker to catch one.
import type { HistoryChecker } from '../history-checker.ts';
import { partitionKey } from '../history-view.ts';
import { finding, MAX_FINDINGS } from './finding.ts';

export const duplicateWrite: HistoryChecker = {
  name: 'duplicate-write',
  relevant: (step) => step.event.type === 'produce',
  check(view) {
    const places = new Map<string, Set<string>>();
    const add = (value: string, place: string) => {
      const set = places.get(value) ?? new Set<string>();
      set.add(place);
      places.set(value, set);
    };
    for (const sent of view.sent.values())
      for (const attempt of sent.attempts) {
        const response = attempt.response;
        if (response?.error !== 'NONE' || response.baseOffset < 0) continue;
        const index = response.values.indexOf(sent.value);
        add(sent.value, `${partitionKey(sent.topic, sent.partition)}@${response.baseOffset + index}`);
      }
    for (const read of view.reads)
      if (view.sent.has(read.value)) add(read.value, `${read.key}@${read.offset}`);
    const found = [];
    for (const [value, set] of places) {
      if (set.size < 2) continue;
      const attempts = view.sent.get(value)?.attempts.length ?? 0;
      found.push(
        finding(
          'duplicate-write',
          `${value} written at ${[...set].sort().join(' and ')} (${attempts} send attempt(s))`,
          view.lastSeq,
        ),
      );
      if (found.length >= MAX_FINDINGS) break;
    }
    return found;
  },
};
