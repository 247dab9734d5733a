// DescribeGroups (GroupMetadataManager.describeGroups).
import type { Effects } from './effects.ts';
import { findGroup } from './join.ts';
import type { CoordinatorState, DescribeRequest } from './types.ts';

// Rules this file applies: GC-31, OC-1.

/**
 * GC-31: an unknown group is described as Dead without error; the protocol only when Stable; each
 * member's current assignment in every state (ClassicGroupMember.describeNoMetadata sets it too).
 */
export function handleDescribe(state: CoordinatorState, request: DescribeRequest, effects: Effects): void {
  const group = findGroup(state, request.group);
  // OC-1 (Kafka 4.4): a group in memory only (created by a commit that stored nothing) is not seen.
  if (!group || group.unwritten) {
    effects.answers.push({
      type: 'describe-response',
      request: request.request,
      group: request.group,
      error: 'NONE',
      state: 'Dead',
      protocol: '',
      members: [],
    });
    return;
  }
  const stable = group.state === 'Stable';
  effects.answers.push({
    type: 'describe-response',
    request: request.request,
    group: group.id,
    error: 'NONE',
    state: group.state,
    protocol: stable ? (group.protocol ?? '') : '',
    members: group.members.map((member) => ({
      memberId: member.memberId,
      client: member.client,
      assignment: member.assignment,
    })),
  });
}
