// Headline property: no acknowledged message is lost. Every value the application counts as
// delivered (a NONE answer; acks=0 and fire-and-forget sends count when sent) is in the end-of-run
// log, read back in the final phase after every fault healed.
import type { HistoryChecker } from '../history-checker.ts';
import { partitionKey } from '../history-view.ts';
import { finding, MAX_FINDINGS } from './finding.ts';

export const noAcknowledgedLoss: HistoryChecker = {
  name: 'no-acknowledged-loss',
  relevant: (step) => step.event.type === 'produce',
  check(view) {
    const finalValues = new Map<string, Set<string>>();
    for (const [key, records] of view.finalLog) finalValues.set(key, new Set(records.values()));
    const found = [];
    for (const sent of view.sent.values()) {
      if (sent.acknowledgedAt === undefined) continue;
      const log = finalValues.get(partitionKey(sent.topic, sent.partition));
      if (!log || log.has(sent.value)) continue;
      const how = view.fireAndForget
        ? 'sent fire-and-forget'
        : sent.acknowledgedOffset === undefined
          ? 'sent with acks=0'
          : `acknowledged at offset ${sent.acknowledgedOffset}`;
      found.push(
        finding(
          'no-acknowledged-loss',
          `${sent.value} (${how}, seq ${sent.acknowledgedAt}) is not in the final log of ${sent.topic}-${sent.partition}`,
          view.lastSeq,
        ),
      );
      if (found.length >= MAX_FINDINGS) break;
    }
    return found;
  },
};
