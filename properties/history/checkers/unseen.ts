// Jepsen's unseen: acknowledged values no consumer polled by the end of the run. Reported, not a
// failure: consumers in a bounded run need not have caught up.
import type { HistoryChecker } from '../history-checker.ts';
import { finding } from './finding.ts';

export const unseen: HistoryChecker = {
  name: 'unseen',
  relevant: (step) => step.event.type === 'poll',
  check(view) {
    if (view.polls.length === 0) return [];
    const polled = new Set(view.polls.flatMap((poll) => poll.records.map((record) => record.value)));
    const missing = [...view.sent.values()].filter(
      (s) => s.acknowledgedAt !== undefined && !polled.has(s.value),
    );
    if (missing.length === 0) return [];
    const sample = missing.slice(0, 5).map((s) => s.value);
    return [
      finding(
        'unseen',
        `${missing.length} acknowledged values never polled (${sample.join(', ')})`,
        view.lastSeq,
      ),
    ];
  },
};
