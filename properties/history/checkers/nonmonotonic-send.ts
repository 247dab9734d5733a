// Jepsen's nonmonotonic-send: one producer's later acknowledged send on a partition got a lower
// offset than an earlier one (the log went back under it).
import type { HistoryChecker } from '../history-checker.ts';
import { partitionKey } from '../history-view.ts';
import { finding, MAX_FINDINGS } from './finding.ts';

export const nonmonotonicSend: HistoryChecker = {
  name: 'nonmonotonic-send',
  relevant: (step) => step.event.type === 'produce',
  check(view) {
    const acknowledged = [...view.sent.values()]
      .filter((s) => s.acknowledgedOffset !== undefined && s.acknowledgedAt !== undefined)
      .sort((a, b) => a.acknowledgedAt! - b.acknowledgedAt! || a.acknowledgedOffset! - b.acknowledgedOffset!);
    const highest = new Map<string, { offset: number; value: string }>();
    const found = [];
    for (const sent of acknowledged) {
      const id = `${sent.producer}|${partitionKey(sent.topic, sent.partition)}`;
      const previous = highest.get(id);
      if (previous && sent.acknowledgedOffset! <= previous.offset && found.length < MAX_FINDINGS)
        found.push(
          finding(
            'nonmonotonic-send',
            `${sent.producer} on ${partitionKey(sent.topic, sent.partition)}: ${previous.value}@${previous.offset} then ${sent.value}@${sent.acknowledgedOffset} (seq ${sent.acknowledgedAt})`,
            sent.acknowledgedAt!,
          ),
        );
      if (!previous || sent.acknowledgedOffset! > previous.offset)
        highest.set(id, { offset: sent.acknowledgedOffset!, value: sent.value });
    }
    return found;
  },
};
