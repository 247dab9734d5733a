// The state of the group model the explorer walks (explore-model.ts): the coordinator and what each
// client's answers told it. In a file of its own so that the invariants and the symmetry key, which
// read it, and the model, which uses them, do not import each other.
import type { CoordinatorState, GroupState, TopicPartitions } from './types.ts';

export interface ClientView {
  /**
   * Which life of the client this is: a crash starts a new one. Its requests carry it as their request
   * number, so answers to requests a crashed incarnation left parked are not delivered to the new one.
   */
  incarnation: number;
  memberId: string;
  generation: number;
  /** The member list of a leader's JoinGroup answer, else null. */
  leaderOf: { memberId: string; client: string }[] | null;
  /** The last successful SyncGroup answer. */
  synced: { generation: number; assignment: TopicPartitions[] } | null;
}

/** What the last step's OffsetCommit was, compared with the group as it was when the commit arrived. */
export interface LastCommit {
  accepted: boolean;
  /** generation < 0 */
  standalone: boolean;
  /** The group's state before the step; null when the group did not exist or the coordinator was not active. */
  stateBefore: GroupState | null;
  /** The commit's generation equalled the group's. */
  sameGeneration: boolean;
  /** The commit's member id was a member of the group. */
  fromMember: boolean;
}

export interface GroupModelState {
  coordinator: CoordinatorState;
  clients: Record<string, ClientView>;
  /** Each group's generation before the last step (for the monotonicity checker). */
  previousGenerations: Record<string, number>;
  lastCommit: LastCommit | null;
}
