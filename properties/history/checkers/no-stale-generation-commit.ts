// Headline property: no stale-generation commit is accepted. An accepted commit carried the
// generation the group had when the request arrived, from a member of it; generation -1 is accepted
// only by an Empty (or missing) group. The coordinator validates a commit when it arrives and answers
// once its record is replicated, so the group may have moved on by the answer (a rebalance that
// completed while the offsets partition waited for a follower): the check reads the group as it was
// at the request's step. With state snapshots it is exact; a black-box history falls back to "no
// accepted generation below the highest generation a JoinGroup had announced before the request".
import type { GroupSnapshot, SystemState } from '../../../spec/state.ts';
import type { Finding, HistoryStep } from '../history.ts';
import type { HistoryChecker } from '../history-checker.ts';
import { finding, MAX_FINDINGS } from './finding.ts';

function exactProblem(
  before: SystemState,
  _step: HistoryStep,
  client: string,
  groupId: string,
  generation: number,
): string | undefined {
  const group: GroupSnapshot | undefined = before.groups.find((g) => g.group === groupId);
  if (!group || group.state === 'Dead')
    return generation >= 0 ? `accepted generation ${generation} for a group that does not exist` : undefined;
  if (generation < 0)
    return group.state === 'Empty' ? undefined : `accepted generation -1 while the group was ${group.state}`;
  if (generation !== group.generation)
    return `accepted generation ${generation} while the group was at ${group.generation}`;
  if (!group.members.some((m) => m.client === client))
    return `accepted from ${client}, not a member of generation ${group.generation}`;
  if (group.state === 'CompletingRebalance') return 'accepted during CompletingRebalance';
  return undefined;
}

export const noStaleGenerationCommit: HistoryChecker = {
  name: 'no-stale-generation-commit',
  relevant: (step) => step.observations.some((o) => o.type === 'commit-response'),
  check(view) {
    const found: Finding[] = [];
    /** Snapshots after each step, in order: the last one before a request's step is the group it met. */
    const snapshots: { seq: number; state: SystemState }[] = [];
    const announcements: { seq: number; group: string; generation: number }[] = [];
    const stateAt = (request: number) => snapshots.findLast((s) => s.seq < request)?.state;
    const announcedBefore = (request: number, step: number, group: string) =>
      announcements
        .filter((a) => (request === step ? a.seq <= step : a.seq < request) && a.group === group)
        .reduce((most, a) => Math.max(most, a.generation), -1);
    for (const step of view.history.steps) {
      for (const response of step.observations) {
        // A join answered earlier in the step of a commit it precedes counts as before it.
        if (response.type === 'join-response' && response.error === 'NONE')
          announcements.push({ seq: step.seq, group: response.group, generation: response.generation });
        if (response.type !== 'commit-response' || !response.partitions.some((p) => p.error === 'NONE'))
          continue;
        const arrived = Math.min(response.request, step.seq);
        const before = stateAt(arrived);
        const announced = announcedBefore(arrived, step.seq, response.group);
        const problem =
          snapshots.length > 0
            ? before && exactProblem(before, step, response.client, response.group, response.generation)
            : response.generation >= 0 && response.generation < announced
              ? `accepted generation ${response.generation} after generation ${announced} was announced`
              : undefined;
        if (problem && found.length < MAX_FINDINGS)
          found.push(
            finding(
              'no-stale-generation-commit',
              `${response.client} in ${response.group} (${response.source} commit, seq ${step.seq}): ${problem}`,
              step.seq,
            ),
          );
      }
      if (step.state) snapshots.push({ seq: step.seq, state: step.state });
    }
    return found;
  },
};
