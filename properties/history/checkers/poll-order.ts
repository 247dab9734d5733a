// Jepsen's poll-skip and nonmonotonic-poll: within one assignment (no rebalance or crash of the
// client in between), a consumer's successive records of one partition have consecutive offsets.
// A gap is a skip, a step back is nonmonotonic. Across a rebalance both are allowed (subscribe()).
import type { Finding } from '../history.ts';
import type { HistoryView } from '../history-view.ts';
import { finding, MAX_FINDINGS } from './finding.ts';

function pollOrderFindings(view: HistoryView): { skips: Finding[]; backs: Finding[] } {
  const last = new Map<string, { offset: number; epoch: number; seq: number }>();
  const skips: Finding[] = [];
  const backs: Finding[] = [];
  for (const poll of view.polls) {
    for (const record of poll.records) {
      const id = `${poll.client}|${record.key}`;
      const previous = last.get(id);
      last.set(id, { offset: record.offset, epoch: poll.assignmentEpoch, seq: poll.seq });
      if (!previous || previous.epoch !== poll.assignmentEpoch) continue;
      const where = `${poll.client} on ${record.key}: offset ${previous.offset} (seq ${previous.seq}) then ${record.offset} (seq ${poll.seq})`;
      if (record.offset > previous.offset + 1 && skips.length < MAX_FINDINGS)
        skips.push(finding('poll-skip', where, poll.seq));
      if (record.offset <= previous.offset && backs.length < MAX_FINDINGS)
        backs.push(finding('nonmonotonic-poll', where, poll.seq));
    }
  }
  return { skips, backs };
}

export const pollSkip = {
  name: 'poll-skip' as const,
  relevant: (step: { event: { type: string } }) => step.event.type === 'poll',
  check: (view: HistoryView) => pollOrderFindings(view).skips,
};

export const nonmonotonicPoll = {
  name: 'nonmonotonic-poll' as const,
  relevant: (step: { event: { type: string } }) => step.event.type === 'poll',
  check: (view: HistoryView) => pollOrderFindings(view).backs,
};
