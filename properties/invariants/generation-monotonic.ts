// A group's generation never decreases, and in a group that stays Stable the membership does not
// change without a new generation (any departure starts a rebalance).
import type { StateInvariant } from './invariant.ts';

export const generationMonotonic: StateInvariant = {
  name: 'generation-monotonic',
  check(state, previous) {
    if (!previous) return undefined;
    for (const group of state.groups) {
      const before = previous.groups.find((g) => g.group === group.group);
      if (!before) continue;
      if (group.generation < before.generation && group.state !== 'Dead')
        return `${group.group}: generation went from ${before.generation} to ${group.generation}`;
      const members = (g: typeof group) =>
        g.members
          .map((m) => m.client)
          .sort()
          .join(',');
      if (
        before.state === 'Stable' &&
        group.state === 'Stable' &&
        before.generation === group.generation &&
        members(before) !== members(group)
      )
        return `${group.group}: members changed from [${members(before)}] to [${members(group)}] in Stable generation ${group.generation} without a rebalance`;
    }
    return undefined;
  },
};
