// Safety invariants of the group model, one checker each, over the explorer's state (the
// coordinator plus what each client learned from its answers). Each names the rules it checks.
import type { Invariant } from '../explorable.ts';
import type { GroupModelState } from './explore-state.ts';

/** GC-36: at most one owner per partition per generation, across every client's last SyncGroup answer. */
export const onePartitionOwnerPerGeneration: Invariant<GroupModelState> = {
  name: 'one-owner-per-partition-per-generation',
  rules: ['GC-36'],
  check(state) {
    const owners = new Map<string, string>();
    for (const [client, view] of Object.entries(state.clients)) {
      if (!view.synced) continue;
      for (const { topic, partitions } of view.synced.assignment) {
        for (const partition of partitions) {
          const key = `${view.synced.generation}/${topic}-${partition}`;
          const owner = owners.get(key);
          if (owner !== undefined && owner !== client) {
            return {
              rules: ['GC-36'],
              message: `${topic}-${partition} is owned by ${owner} and ${client} in generation ${view.synced.generation}`,
            };
          }
          owners.set(key, client);
        }
      }
    }
    return undefined;
  },
};

/**
 * OC-12: an accepted commit carried the generation the group had when it arrived, from a member of
 * it, in Stable or PreparingRebalance; or generation < 0 on an Empty group. Judged from the state
 * before the step, independently of the validation code.
 */
export const acceptedCommitsAreCurrent: Invariant<GroupModelState> = {
  name: 'accepted-commits-carry-the-current-generation',
  rules: ['OC-12'],
  check(state) {
    const commit = state.lastCommit;
    if (!commit?.accepted) return undefined;
    const standalone = commit.standalone && (commit.stateBefore === null || commit.stateBefore === 'Empty');
    const current =
      commit.sameGeneration &&
      commit.fromMember &&
      (commit.stateBefore === 'Stable' || commit.stateBefore === 'PreparingRebalance');
    if (standalone || current) return undefined;
    return {
      rules: ['OC-12'],
      message: `a commit was accepted in ${commit.stateBefore ?? 'a missing group'} (standalone ${commit.standalone}, same generation ${commit.sameGeneration}, from a member ${commit.fromMember})`,
    };
  },
};

/** GC-19: the generation never decreases while the coordinator holds the group (a reload resumes from the record). */
export const generationMonotonic: Invariant<GroupModelState> = {
  name: 'generation-monotonic',
  rules: ['GC-19'],
  check(state) {
    for (const group of state.coordinator.groups) {
      const previous = state.previousGenerations[group.id];
      if (previous !== undefined && group.generation < previous) {
        return {
          rules: ['GC-19'],
          message: `group ${group.id} went from generation ${previous} to ${group.generation}`,
        };
      }
    }
    return undefined;
  },
};

/** GC-1, GC-35: what each state allows of members, leader and parked requests. */
export const groupStructure: Invariant<GroupModelState> = {
  name: 'group-structure',
  rules: ['GC-1', 'GC-35'],
  check(state) {
    for (const group of state.coordinator.groups) {
      const ids = group.members.map((member) => member.memberId);
      const fail = (message: string) => ({
        rules: ['GC-35'],
        message: `group ${group.id} (${group.state}): ${message}`,
      });
      if (group.state === 'Empty' && ids.length > 0) return fail('Empty with members');
      if (
        (group.state === 'CompletingRebalance' || group.state === 'Stable') &&
        (group.leader === null || !ids.includes(group.leader))
      ) {
        return fail('no leader among the members');
      }
      if (group.leaderCandidates?.some((id) => !ids.includes(id)))
        return fail('a leader candidate is not a member');
      if (
        group.members.some((member) => member.awaitingJoin !== null) &&
        group.state !== 'PreparingRebalance'
      )
        return fail('a parked JoinGroup outside PreparingRebalance');
      if (
        group.members.some((member) => member.awaitingSync !== null) &&
        group.state !== 'CompletingRebalance'
      )
        return fail('a parked SyncGroup outside CompletingRebalance');
      if (group.pendingSync.some((id) => !ids.includes(id)))
        return fail('a pending sync member is not a member');
      if (new Set(ids).size !== ids.length) return fail('a member id twice');
    }
    return undefined;
  },
};

export const GROUP_INVARIANTS: readonly Invariant<GroupModelState>[] = [
  onePartitionOwnerPerGeneration,
  acceptedCommitsAreCurrent,
  generationMonotonic,
  groupStructure,
];
