// What each logical client of a run remembers between events: its member id and generation, the
// leader's last JoinGroup answer (to compute a plan), its assignment, and its consumer positions.
// A consumer crash replaces the whole record (a new incarnation), so late answers to the dead
// process are dropped.

export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

export interface JoinedMember {
  readonly memberId: string;
  readonly topics: readonly string[];
  readonly owned: readonly TopicPartitionRef[];
}

export interface ClientState {
  readonly name: string;
  /** Increments on every consumer crash; callbacks of an older incarnation are ignored. */
  readonly incarnation: number;
  memberId: string;
  generation: number;
  /** The protocol (assignor) of the last successful JoinGroup. */
  protocol: string | null;
  /** Members listed in the last JoinGroup answer (non-empty only for the leader). */
  joinedMembers: JoinedMember[];
  assignment: TopicPartitionRef[];
  /** Next offset to fetch per partition (`topic\0partition`). */
  positions: Map<string, number>;
  /** When the last automatic commit happened (or the client was created). */
  lastAutoCommitMs: number;
}

export const tpKey = (topic: string, partition: number): string => `${topic}\0${partition}`;

export function newClientState(name: string, nowMs: number, incarnation = 0): ClientState {
  return {
    name,
    incarnation,
    memberId: '',
    generation: -1,
    protocol: null,
    joinedMembers: [],
    assignment: [],
    positions: new Map(),
    lastAutoCommitMs: nowMs,
  };
}

/** A bogus member id: never issued by any coordinator (ids are `<client>-<hex>`). */
export const BOGUS_MEMBER_ID = 'kspec-bogus-member';
