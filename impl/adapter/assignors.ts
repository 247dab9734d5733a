// The consumer-side assignors a group leader runs (ConsumerPartitionAssignor implementations):
// range, roundrobin, sticky and cooperative-sticky. Members are ordered by member id (no static
// members here); partitions by topic name, then index. Pure functions.
import { mutant } from '../mutants/index.ts';

export interface AssignorMember {
  readonly memberId: string;
  readonly topics: readonly string[];
  /** What the member owned before this rebalance (subscription ownedPartitions). */
  readonly owned: readonly { readonly topic: string; readonly partition: number }[];
}

export type Plan = Map<string, { topic: string; partition: number }[]>;
type PartitionCounts = (topic: string) => number;

const byId = (members: readonly AssignorMember[]) =>
  [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
const topicsOf = (members: readonly AssignorMember[]) =>
  [...new Set(members.flatMap((m) => m.topics))].sort();
const emptyPlan = (members: readonly AssignorMember[]): Plan => new Map(members.map((m) => [m.memberId, []]));

/** Range, per topic: P / C each, the first P % C members one more, contiguous. */
export function rangeAssign(members: readonly AssignorMember[], partitions: PartitionCounts): Plan {
  const plan = emptyPlan(members);
  for (const topic of topicsOf(members)) {
    const consumers = byId(members).filter((m) => m.topics.includes(topic));
    const count = partitions(topic);
    const quota = Math.floor(count / consumers.length);
    const extra = count % consumers.length;
    let next = 0;
    consumers.forEach((member, i) => {
      const take = quota + (i < extra ? 1 : 0);
      const end = mutant('range-assignor-off-by-one') ? Math.min(count, next + take + 1) : next + take;
      for (let p = next; p < end; p++) plan.get(member.memberId)!.push({ topic, partition: p });
      next += take;
    });
  }
  return plan;
}

/** RoundRobin: all partitions in order, dealt in turn to members subscribed to their topic. */
export function roundRobinAssign(members: readonly AssignorMember[], partitions: PartitionCounts): Plan {
  const plan = emptyPlan(members);
  const ordered = byId(members);
  let turn = 0;
  for (const topic of topicsOf(members)) {
    for (let p = 0; p < partitions(topic); p++) {
      for (let tries = 0; tries < ordered.length; tries++) {
        const member = ordered[turn % ordered.length]!;
        turn++;
        if (member.topics.includes(topic)) {
          plan.get(member.memberId)!.push({ topic, partition: p });
          break;
        }
      }
    }
  }
  return plan;
}

/**
 * Sticky: balanced first (counts differ by at most one among members with equal subscriptions),
 * then as much of each member's previous ownership kept as balance allows.
 */
export function stickyAssign(members: readonly AssignorMember[], partitions: PartitionCounts): Plan {
  const plan = emptyPlan(members);
  const ordered = byId(members);
  const all = topicsOf(members).flatMap((topic) =>
    Array.from({ length: partitions(topic) }, (_, p) => ({ topic, partition: p })),
  );
  const taken = new Set<string>();
  const key = (tp: { topic: string; partition: number }) => `${tp.topic}\0${tp.partition}`;
  const quota = Math.floor(all.length / Math.max(1, ordered.length));
  let extra = all.length - quota * ordered.length;
  // Keep previous ownership up to the quota (one more while extra slots remain).
  for (const member of ordered) {
    const mine = plan.get(member.memberId)!;
    for (const tp of member.owned) {
      const valid =
        member.topics.includes(tp.topic) && tp.partition < partitions(tp.topic) && !taken.has(key(tp));
      const limit = quota + (extra > 0 ? 1 : 0);
      if (!valid || mine.length >= limit) continue;
      mine.push({ topic: tp.topic, partition: tp.partition });
      taken.add(key(tp));
    }
    if (mine.length > quota) extra--;
  }
  // Deal the rest to the least loaded subscribed member.
  for (const tp of all) {
    if (taken.has(key(tp))) continue;
    const candidates = ordered.filter((m) => m.topics.includes(tp.topic));
    if (candidates.length === 0) continue;
    const target = candidates.reduce((best, m) =>
      plan.get(m.memberId)!.length < plan.get(best.memberId)!.length ? m : best,
    );
    plan.get(target.memberId)!.push(tp);
    taken.add(key(tp));
  }
  for (const list of plan.values())
    list.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  return plan;
}

/**
 * Cooperative sticky: the sticky plan, except that a partition moving to a new owner is only
 * revoked this round (assigned to nobody); its new owner gets it in the follow-up rebalance.
 */
export function cooperativeStickyAssign(
  members: readonly AssignorMember[],
  partitions: PartitionCounts,
): Plan {
  const plan = stickyAssign(members, partitions);
  const previousOwner = new Map<string, string>();
  for (const member of members)
    for (const tp of member.owned) previousOwner.set(`${tp.topic}\0${tp.partition}`, member.memberId);
  for (const [memberId, list] of plan) {
    plan.set(
      memberId,
      list.filter((tp) => {
        const owner = previousOwner.get(`${tp.topic}\0${tp.partition}`);
        return owner === undefined || owner === memberId;
      }),
    );
  }
  return plan;
}

export const ASSIGNORS: Readonly<
  Record<string, (members: readonly AssignorMember[], partitions: PartitionCounts) => Plan>
> = {
  range: rangeAssign,
  roundrobin: roundRobinAssign,
  sticky: stickyAssign,
  'cooperative-sticky': cooperativeStickyAssign,
};
