// The input and output of the client-side assignors. The group leader runs the assignor over the
// members' subscriptions (and, for the sticky assignors, what each member owned) and returns a plan.

export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

export interface AssignorMember {
  readonly memberId: string;
  /** group.instance.id of a static member; static members sort first (AS-1). */
  readonly groupInstanceId?: string;
  /** Subscribed topic names. */
  readonly topics: readonly string[];
  /** Partitions the member owned before this rebalance (sticky and cooperative-sticky use them). */
  readonly owned?: readonly TopicPartitionRef[];
}

export interface AssignorInput {
  /** Partition count per topic; a subscribed topic missing here has no partitions to assign. */
  readonly topics: Readonly<Record<string, number>>;
  readonly members: readonly AssignorMember[];
}

/** member id -> assigned partitions, sorted by topic then partition. Every member has an entry. */
export type AssignmentPlan = Record<string, TopicPartitionRef[]>;

export const STRATEGIES = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export function isStrategy(name: string): name is Strategy {
  return (STRATEGIES as readonly string[]).includes(name);
}
