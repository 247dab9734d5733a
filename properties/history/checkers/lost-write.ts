// Jepsen's lost-write: an acknowledged value whose offset is below the highest offset read on its
// partition, yet no read ever returned it.
import type { HistoryChecker } from '../history.ts';
import { partitionKey } from '../history-view.ts';
import { finding, MAX_FINDINGS } from './finding.ts';

export const lostWrite: HistoryChecker = {
  name: 'lost-write',
  relevant: (step) =>
    step.event.type === 'produce' || step.event.type === 'fetch' || step.event.type === 'poll',
  check(view) {
    const highestRead = new Map<string, number>();
    const readValues = new Set<string>();
    for (const read of view.reads) {
      highestRead.set(read.key, Math.max(highestRead.get(read.key) ?? -1, read.offset));
      readValues.add(read.value);
    }
    const found = [];
    for (const sent of view.sent.values()) {
      if (sent.acknowledgedOffset === undefined || readValues.has(sent.value)) continue;
      const highest = highestRead.get(partitionKey(sent.topic, sent.partition)) ?? -1;
      if (sent.acknowledgedOffset < highest)
        found.push(
          finding(
            'lost-write',
            `${sent.value} acknowledged at ${sent.topic}/${sent.partition}@${sent.acknowledgedOffset} (seq ${sent.acknowledgedAt}) ` +
              `was never read though offset ${highest} was`,
            view.lastSeq,
          ),
        );
      if (found.length >= MAX_FINDINGS) break;
    }
    return found;
  },
};
