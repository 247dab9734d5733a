// A group's generation never decreases, and in a group that stays Stable the membership does not
// change without a new generation (any departure starts a rebalance; a static member that comes
// back under a new member id keeps its place, GC-40). Both hold while the group
// stays on one coordinator: a coordinator that takes over replays __consumer_offsets and resumes
// from the last group record, which Kafka writes only at sync and when the group empties, so a
// failover may legitimately move a group back to its last stored generation. Steps in which the
// group's coordinator changed (a snapshot that names it), or a broker failed or came back, are
// therefore excused: a coordinator cut off by a network partition loses the group with every broker
// alive.
import type { StateInvariant } from './invariant.ts';

export const generationMonotonic: StateInvariant = {
  name: 'generation-monotonic',
  check(state, previous) {
    if (!previous) return undefined;
    const brokersChanged = state.brokers.some(
      (b) => previous.brokers.find((x) => x.id === b.id)?.alive !== b.alive,
    );
    if (brokersChanged) return undefined;
    for (const group of state.groups) {
      const before = previous.groups.find((g) => g.group === group.group);
      if (!before || before.coordinator !== group.coordinator) continue;
      if (group.generation < before.generation && group.state !== 'Dead')
        return `${group.group}: generation went from ${before.generation} to ${group.generation}`;
      // A static member is its instance id: a restart replaces it without a rebalance (GC-40).
      const members = (g: typeof group) =>
        g.members
          .map((m) => m.instanceId ?? m.client)
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
