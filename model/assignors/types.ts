// The input and output of the client-side assignors. The group leader runs the assignor over the
// members' subscriptions (and, for the sticky assignors, what each member owned) and returns a plan.

export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

/**
 * The assignors that read what a member owns from its subscription: a consumer offering one sends
 * its current assignment with it (the subscription's ownedPartitions; Java's eager sticky assignor
 * sends it in its user data), so its JoinGroup metadata changes with what it was assigned.
 */
export const STICKY_STRATEGIES: ReadonlySet<string> = new Set(['sticky', 'cooperative-sticky']);

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
  /**
   * client.rack, sent in the Subscription (KIP-881); range and the sticky assignors match it with
   * replica racks (AS-11..AS-13). Absent or empty: no rack.
   */
  readonly rack?: string;
}

/** The racks of one partition's replicas, one entry per replica; null for a broker without broker.rack. */
export type ReplicaRacks = readonly (string | null)[];

export interface AssignorInput {
  /** Partition count per topic; a subscribed topic missing here (or with 0) has no partitions to assign. */
  readonly topics: Readonly<Record<string, number>>;
  /** In JoinGroup order: the leader fills a HashMap in this order, and the sticky assignors iterate it. */
  readonly members: readonly AssignorMember[];
  /**
   * Topic -> each partition's replica racks, by partition index, as the leader's metadata shows them.
   * A partition not listed (or the whole map absent) has no replica with a rack.
   */
  readonly partitionRacks?: Readonly<Record<string, readonly ReplicaRacks[]>>;
}

/** member id -> assigned partitions, sorted by topic then partition. Every member has an entry. */
export type AssignmentPlan = Record<string, TopicPartitionRef[]>;

export const STRATEGIES = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export function isStrategy(name: string): name is Strategy {
  return (STRATEGIES as readonly string[]).includes(name);
}
