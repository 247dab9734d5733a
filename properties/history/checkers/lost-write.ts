// Jepsen's lost-write: an acknowledged value whose offset lies within what was read on its partition
// (at or above the lowest offset read, below the highest), yet no read ever returned it. Jepsen's
// readers start at the beginning; here a reader may start later (auto.offset.reset=latest), and a
// value below every read is unseen at most, not lost.
import type { HistoryChecker } from '../history-checker.ts';
import { partitionKey } from '../history-view.ts';
import { finding, MAX_FINDINGS } from './finding.ts';

export const lostWrite: HistoryChecker = {
  name: 'lost-write',
  relevant: (step) =>
    step.event.type === 'produce' || step.event.type === 'fetch' || step.event.type === 'poll',
  check(view) {
    const highestRead = new Map<string, number>();
    const lowestRead = new Map<string, number>();
    const readValues = new Set<string>();
    for (const read of view.reads) {
      highestRead.set(read.key, Math.max(highestRead.get(read.key) ?? -1, read.offset));
      lowestRead.set(read.key, Math.min(lowestRead.get(read.key) ?? Number.MAX_SAFE_INTEGER, read.offset));
      readValues.add(read.value);
    }
    const found = [];
    for (const sent of view.sent.values()) {
      if (sent.acknowledgedOffset === undefined || readValues.has(sent.value)) continue;
      const key = partitionKey(sent.topic, sent.partition);
      const highest = highestRead.get(key) ?? -1;
      const lowest = lowestRead.get(key) ?? Number.MAX_SAFE_INTEGER;
      if (lowest <= sent.acknowledgedOffset && sent.acknowledgedOffset < highest)
        found.push(
          finding(
            'lost-write',
            `${sent.value} acknowledged at ${sent.topic}-${sent.partition}@${sent.acknowledgedOffset} (seq ${sent.acknowledgedAt}) ` +
              `was never read though offset ${highest} was`,
            view.lastSeq,
          ),
        );
      if (found.length >= MAX_FINDINGS) break;
    }
    return found;
  },
};
