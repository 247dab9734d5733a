// Jepsen's nonmonotonic-send: one producer's later acknowledged send on a partition got a lower
// offset than an earlier one (the log went back under it).
import type { HistoryChecker } from '../history-checker.ts';
import { partitionKey, type SentValue } from '../history-view.ts';
import { finding, MAX_FINDINGS } from './finding.ts';

export const nonmonotonicSend: HistoryChecker = {
  name: 'nonmonotonic-send',
  relevant: (step) => step.event.type === 'produce',
  check(view) {
    // An idempotent producer's log order is its send order (IP-2: a retry answered as a duplicate
    // reports the first write's offset, acknowledged later than sends after it); otherwise a re-send
    // is a new write, ordered by when it was acknowledged.
    const order = (s: SentValue) => (s.idempotent ? s.attempts[0]!.seq : s.acknowledgedAt!);
    const acknowledged = [...view.sent.values()]
      .filter((s) => s.acknowledgedOffset !== undefined && s.acknowledgedAt !== undefined)
      .sort((a, b) => order(a) - order(b) || a.acknowledgedOffset! - b.acknowledgedOffset!);
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
