// What each logical client of a run remembers between events, as a consumer library does: its
// member id and generation, the leader's last JoinGroup answer (to compute a plan), its assignment,
// and its fetch positions. Topic names here are the contract's. A consumer crash replaces the whole
// record (a new incarnation), so late answers to the dead process are dropped.

export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

export interface JoinedMember {
  readonly memberId: string;
  readonly topics: readonly string[];
  /** What its subscription says it holds, for a sticky assignor (sticky-subscription.ts). */
  readonly owned: readonly TopicPartitionRef[];
  readonly generation: number;
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
  /** The generation of the SyncGroup that gave `assignment`; -1 before one, and after a leave. */
  assignedGeneration: number;
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
    assignedGeneration: -1,
    positions: new Map(),
    lastAutoCommitMs: nowMs,
  };
}

/** A bogus member id: never issued by any coordinator (ids are `<client>-<hex>`). */
export const BOGUS_MEMBER_ID = 'kspec-bogus-member';

/** Topic-partitions grouped by topic, topics and partitions sorted (the wire's nested form). */
export const grouped = (list: readonly TopicPartitionRef[]) => {
  const byTopic = new Map<string, number[]>();
  for (const tp of list) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
  return [...byTopic.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((x, y) => x - y) }));
};
/** The nested wire form back to a flat list. */
export const flattened = (
  lists: readonly { topic: string; partitions: readonly number[] }[],
): TopicPartitionRef[] =>
  lists.flatMap((l) => l.partitions.map((partition) => ({ topic: l.topic, partition })));
