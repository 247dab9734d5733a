// Runs every history checker over one history and counts, per property, the events it looked at
// and what it found: the rows of `kspec check`'s per-rule table.
import type { PropertyName } from '../rules.ts';
import { atLeastOnce } from './checkers/at-least-once.ts';
import { duplicate } from './checkers/duplicate.ts';
import { duplicateWrite } from './checkers/duplicate-write.ts';
import { inconsistentOffsets } from './checkers/inconsistent-offsets.ts';
import { lostWrite } from './checkers/lost-write.ts';
import { noAcknowledgedLoss } from './checkers/no-acknowledged-loss.ts';
import { noDroppedSend } from './checkers/no-dropped-send.ts';
import { noStaleGenerationCommit } from './checkers/no-stale-generation-commit.ts';
import { nonmonotonicSend } from './checkers/nonmonotonic-send.ts';
import { nonmonotonicPoll, pollSkip } from './checkers/poll-order.ts';
import { unseen } from './checkers/unseen.ts';
import type { Finding, History } from './history.ts';
import type { HistoryChecker } from './history-checker.ts';
import { viewOf } from './history-view.ts';

export const HISTORY_CHECKERS: readonly HistoryChecker[] = [
  noAcknowledgedLoss,
  noDroppedSend,
  noStaleGenerationCommit,
  atLeastOnce,
  lostWrite,
  inconsistentOffsets,
  pollSkip,
  nonmonotonicPoll,
  nonmonotonicSend,
  duplicate,
  duplicateWrite,
  unseen,
];

export interface PropertyTally {
  checked: number;
  violations: number;
  reports: number;
}

export interface HistoryReport {
  readonly findings: readonly Finding[];
  readonly tally: ReadonlyMap<PropertyName, PropertyTally>;
}

export function checkHistory(
  history: History,
  checkers: readonly HistoryChecker[] = HISTORY_CHECKERS,
): HistoryReport {
  const view = viewOf(history);
  const findings: Finding[] = [];
  const tally = new Map<PropertyName, PropertyTally>();
  for (const checker of checkers) {
    const found = checker.check(view);
    findings.push(...found);
    tally.set(checker.name, {
      checked: history.steps.filter((step) => checker.relevant(step)).length,
      violations: found.filter((f) => f.severity === 'violation').length,
      reports: found.filter((f) => f.severity === 'report').length,
    });
  }
  return { findings, tally };
}

export const violationsOf = (findings: readonly Finding[]): Finding[] =>
  findings.filter((f) => f.severity === 'violation');
