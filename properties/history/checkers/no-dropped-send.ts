// An application that sends with a callback and reacts to errors re-sends a failed value while
// `retries` allows, so every value it sent reaches the log once faults heal. With retries exhausted
// (retries=0 and one transient error) the value is dropped: the course notes' loss scenario. Values
// also acknowledged are left to no-acknowledged-loss.
import { isRetriable } from '../../../spec/errors.ts';
import type { HistoryChecker } from '../history-checker.ts';
import { partitionKey } from '../history-view.ts';
import { finding, MAX_FINDINGS } from './finding.ts';

export const noDroppedSend: HistoryChecker = {
  name: 'no-dropped-send',
  relevant: (step) => step.event.type === 'produce',
  check(view) {
    if (view.fireAndForget) return [];
    const finalValues = new Map<string, Set<string>>();
    for (const [key, records] of view.finalLog) finalValues.set(key, new Set(records.values()));
    const found = [];
    for (const sent of view.sent.values()) {
      if (sent.acknowledgedAt !== undefined) continue;
      // A non-retriable answer is definitive: the application was told, and giving up is its decision.
      if (
        sent.attempts.some((a) => a.response && a.response.error !== 'NONE' && !isRetriable(a.response.error))
      )
        continue;
      const log = finalValues.get(partitionKey(sent.topic, sent.partition));
      if (!log || log.has(sent.value)) continue;
      const errors = sent.attempts.map((a) => a.response?.error ?? 'no answer');
      found.push(
        finding(
          'no-dropped-send',
          `${sent.value} never reached ${sent.topic}-${sent.partition}: ${sent.attempts.length} attempt(s) (${errors.join(', ')}), retries=${view.retries}`,
          view.lastSeq,
        ),
      );
      if (found.length >= MAX_FINDINGS) break;
    }
    return found;
  },
};
