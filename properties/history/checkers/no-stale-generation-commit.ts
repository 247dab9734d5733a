// Headline property: no stale-generation commit is accepted. An accepted commit carried the
// generation the group had at that moment, from a member of it; generation -1 is accepted only by an
// Empty (or missing) group. With state snapshots the check is exact; a black-box history falls back
// to "no accepted generation below the highest generation a JoinGroup already announced".
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
    const announced = new Map<string, number>();
    let before: SystemState | undefined;
    for (const step of view.history.steps) {
      for (const response of step.observations) {
        if (response.type === 'join-response' && response.error === 'NONE')
          announced.set(response.group, Math.max(announced.get(response.group) ?? -1, response.generation));
        if (response.type !== 'commit-response' || !response.partitions.some((p) => p.error === 'NONE'))
          continue;
        const problem = before
          ? exactProblem(before, step, response.client, response.group, response.generation)
          : response.generation >= 0 && response.generation < (announced.get(response.group) ?? -1)
            ? `accepted generation ${response.generation} after generation ${announced.get(response.group)} was announced`
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
      if (step.state) before = step.state;
    }
    return found;
  },
};
