// OffsetCommit validation in Kafka's order (OffsetMetadataManager.validateOffsetCommit, then
// ClassicGroup.validateOffsetCommit). Returns the error for the whole request, or undefined.
import type { ErrorName } from '../../spec/errors.ts';
import { validateMember } from '../group/join.ts';
import type { Group } from '../group/types.ts';

// Rules this file applies: OC-1, OC-2, OC-3, OC-4, OC-5, OC-6.

export interface CommitIdentity {
  readonly memberId: string;
  /** group.instance.id (GC-40); null: a dynamic member or none. */
  readonly instanceId?: string | null;
  readonly generation: number;
  /** OffsetCommit version (v9+ answers GROUP_ID_NOT_FOUND for a missing group). */
  readonly version: number;
}

/** OC-1: a missing group; a generation < 0 commit creates a simple group instead (the caller does that). */
export function missingGroupCommitError(commit: CommitIdentity): ErrorName | undefined {
  if (commit.generation < 0) return undefined;
  return commit.version >= 9 ? 'GROUP_ID_NOT_FOUND' : 'ILLEGAL_GENERATION';
}

/** OC-2..OC-6, in this order: Dead; generation < 0 on Empty; member then generation; no identity; CompletingRebalance. */
export function validateOffsetCommit(group: Group, commit: CommitIdentity): ErrorName | undefined {
  if (group.state === 'Dead') return 'COORDINATOR_NOT_AVAILABLE'; // OC-2
  if (commit.generation < 0 && group.state === 'Empty') return undefined; // OC-3
  if (commit.generation >= 0 || commit.memberId !== '' || (commit.instanceId ?? null) !== null) {
    // OC-4: the member first (a static one by its instance id, GC-40), then its generation.
    const memberError = validateMember(group, commit.memberId, commit.instanceId ?? null);
    if (memberError) return memberError;
    if (commit.generation !== group.generation) return 'ILLEGAL_GENERATION';
  } else if (group.state !== 'Empty') {
    return 'UNKNOWN_MEMBER_ID'; // OC-5
  }
  if (group.state === 'CompletingRebalance') return 'REBALANCE_IN_PROGRESS'; // OC-6
  return undefined;
}
