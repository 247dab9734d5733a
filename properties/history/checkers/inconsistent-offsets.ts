// Jepsen's inconsistent-offsets: two reads, or a read and an acknowledgement, disagree about which
// value sits at one offset of one partition (the log was rewritten under a reader).

import type { Finding } from '../history.ts';
import type { HistoryChecker } from '../history-checker.ts';
import { partitionKey } from '../history-view.ts';
import { finding, MAX_FINDINGS } from './finding.ts';

export const inconsistentOffsets: HistoryChecker = {
  name: 'inconsistent-offsets',
  relevant: (step) =>
    step.event.type === 'fetch' || step.event.type === 'poll' || step.event.type === 'produce',
  check(view) {
    const seen = new Map<string, { value: string; seq: number; how: string }>();
    const found: Finding[] = [];
    const note = (place: string, value: string, seq: number, how: string) => {
      const earlier = seen.get(place);
      if (!earlier) {
        seen.set(place, { value, seq, how });
        return;
      }
      if (earlier.value !== value && found.length < MAX_FINDINGS)
        found.push(
          finding(
            'inconsistent-offsets',
            `${place} held ${earlier.value} (${earlier.how} at seq ${earlier.seq}) and ${value} (${how} at seq ${seq})`,
            seq,
          ),
        );
    };
    const events: { seq: number; place: string; value: string; how: string }[] = [];
    for (const sent of view.sent.values())
      if (sent.acknowledgedOffset !== undefined && sent.acknowledgedAt !== undefined)
        events.push({
          seq: sent.acknowledgedAt,
          place: `${partitionKey(sent.topic, sent.partition)}@${sent.acknowledgedOffset}`,
          value: sent.value,
          how: 'acknowledged',
        });
    for (const read of view.reads)
      events.push({ seq: read.seq, place: `${read.key}@${read.offset}`, value: read.value, how: 'read' });
    events.sort((a, b) => a.seq - b.seq);
    for (const e of events) note(e.place, e.value, e.seq, e.how);
    return found;
  },
};
