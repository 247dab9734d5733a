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
  /**
   * The generation `owned` was assigned in (the sticky assignors prefer the newest claim, AS-5);
   * absent, or -1, for a member that never had an assignment.
   */
  readonly generation?: number;
}

export interface AssignorInput {
  /** Partition count per topic; a subscribed topic missing here (or with 0) has no partitions to assign. */
  readonly topics: Readonly<Record<string, number>>;
  /** In JoinGroup order: the leader fills a HashMap in this order, and the sticky assignors iterate it. */
  readonly members: readonly AssignorMember[];
}

/** member id -> assigned partitions, sorted by topic then partition. Every member has an entry. */
export type AssignmentPlan = Record<string, TopicPartitionRef[]>;

export const STRATEGIES = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export function isStrategy(name: string): name is Strategy {
  return (STRATEGIES as readonly string[]).includes(name);
}
