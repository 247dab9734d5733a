// DescribeGroups (API key 15) and ListGroups (API key 16) views of one shard's groups.

import { memberMetadata } from './group-membership.ts';
import type { ClassicGroup } from './group-state.ts';
import type { DescribedGroup } from './messages.ts';
import { EMPTY_ASSIGNMENT } from './rebalance.ts';
import type { ShardState } from './shard-state.ts';

/** An unknown group is described as Dead with no error, as Kafka does. */
export function describeGroup(state: ShardState, groupId: string): DescribedGroup {
  const group: ClassicGroup | undefined = state.groups.get(groupId);
  // OC-1 (Kafka 4.4): a group in memory only (created by a commit that wrote nothing) is not seen.
  if (!group || group.unwritten)
    return { error: 'NONE', groupId, groupState: 'Dead', protocolType: '', protocolData: '', members: [] };
  const stable = group.state === 'Stable';
  return {
    error: 'NONE',
    groupId,
    groupState: group.state,
    protocolType: group.protocolType ?? '',
    protocolData: stable ? (group.protocolName ?? '') : '',
    members: [...group.members.values()].map((member) => ({
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId,
      clientId: member.clientId,
      clientHost: member.clientHost,
      memberMetadata: stable ? memberMetadata(member, group.protocolName) : EMPTY_ASSIGNMENT,
      // GC-31: trunk's ClassicGroupMember.describeNoMetadata keeps the assignment outside Stable
      // (the old Scala coordinator's summaryNoMetadata dropped it); only the metadata is withheld.
      memberAssignment: member.assignment,
    })),
  };
}

export function listGroups(
  state: ShardState,
  statesFilter: readonly string[],
): { groupId: string; protocolType: string; groupState: string }[] {
  const wanted = new Set(statesFilter.map((name) => name.toLowerCase()));
  return [...state.groups.values()]
    .filter((group) => !group.unwritten)
    .filter((group) => wanted.size === 0 || wanted.has(group.state.toLowerCase()))
    .map((group) => ({
      groupId: group.groupId,
      protocolType: group.protocolType ?? '',
      groupState: group.state,
    }));
}
