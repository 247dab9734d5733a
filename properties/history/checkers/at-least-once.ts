// Consumer-side at-least-once: every record below a group's final committed offset (from the first
// offset the group consumed on that partition) was processed by some member of the group. A commit
// covering handed-off records followed by a crash before processing breaks it (commit-then-process).
// Only consumer commits (auto or commitSync/Async) count: raw protocol commits carry arbitrary offsets.

import type { Finding } from '../history.ts';
import type { HistoryChecker } from '../history-checker.ts';
import { recordKey } from '../history-view.ts';
import { finding, MAX_FINDINGS } from './finding.ts';

export const atLeastOnce: HistoryChecker = {
  name: 'at-least-once',
  relevant: (step) =>
    step.event.type === 'process' || step.event.type === 'poll' || step.event.type === 'consumer-commit',
  check(view) {
    const finalCommit = new Map<string, (typeof view.commits)[number]>();
    for (const commit of view.commits) finalCommit.set(`${commit.group}|${commit.key}`, commit);
    const firstConsumed = new Map<string, number>();
    for (const poll of view.polls)
      for (const record of poll.records) {
        const id = `${poll.group}|${record.key}`;
        firstConsumed.set(id, Math.min(firstConsumed.get(id) ?? Number.MAX_SAFE_INTEGER, record.offset));
      }
    const found: Finding[] = [];
    for (const [id, commit] of finalCommit) {
      if (commit.source === 'request') continue;
      const from = firstConsumed.get(id);
      const log = view.finalLog.get(commit.key);
      if (from === undefined || !log) continue;
      for (const [offset, value] of log) {
        if (offset < from || offset >= commit.offset) continue;
        if (view.processed.has(recordKey(commit.group, commit.key, offset))) continue;
        found.push(
          finding(
            'at-least-once',
            `${value} at ${commit.key}@${offset} is below ${commit.group}'s committed offset ${commit.offset} ` +
              `(${commit.source} commit by ${commit.client}, seq ${commit.seq}) but was never processed`,
            commit.seq,
          ),
        );
        if (found.length >= MAX_FINDINGS) return found;
      }
    }
    return found;
  },
};
