// What the kafka: adapter remembers per client, as a consumer library would: member id, generation,
// the protocol and members of its last join (a leader computes the plan from them), its assignment
// and fetch positions, and when it last auto-committed.
export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

export interface JoinedMember {
  readonly memberId: string;
  readonly topics: readonly string[];
  readonly owned: readonly TopicPartitionRef[];
}

export interface KafkaClientState {
  readonly name: string;
  memberId: string;
  generation: number;
  protocol: string | null;
  joinedMembers: JoinedMember[];
  assignment: TopicPartitionRef[];
  readonly positions: Map<string, number>;
  lastAutoCommitMs: number;
  /** Bumped by a crash, so answers to the dead incarnation's requests are ignored. */
  incarnation: number;
}

export const BOGUS_MEMBER_ID = 'kspec-bogus-member';

export const tpKey = (topic: string, partition: number) => `${topic}\0${partition}`;

export function newClient(name: string, incarnation = 0): KafkaClientState {
  return {
    name,
    memberId: '',
    generation: -1,
    protocol: null,
    joinedMembers: [],
    assignment: [],
    positions: new Map(),
    lastAutoCommitMs: 0,
    incarnation,
  };
}

export const grouped = (list: readonly TopicPartitionRef[]) => {
  const byTopic = new Map<string, number[]>();
  for (const tp of list) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
  return [...byTopic.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((x, y) => x - y) }));
};

export const flattened = (
  lists: readonly { topic: string; partitions: readonly number[] }[],
): TopicPartitionRef[] =>
  lists.flatMap((l) => l.partitions.map((partition) => ({ topic: l.topic, partition })));
