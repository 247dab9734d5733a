// Random assignment problems for comparing kspec's assignors with Kafka's: 1-10 members (some
// static), 1-4 topics of 0-50 partitions, equal or differing subscriptions, some to topics the
// cluster lacks, and a previous assignment with the mess real groups send: partitions claimed by
// two members in the same or different generations, claims on topics the member no longer
// subscribes to or that vanished, claims on partition indexes the topic no longer has; racks on
// members and replicas in every mix the assignors branch on (rack-layout.ts).
import fc from 'fast-check';
import {
  type AssignorInput,
  type AssignorMember,
  STRATEGIES,
  type TopicPartitionRef,
} from '../../model/assignors/index.ts';
import type { AssignmentProblem } from '../adapters/kafka-java/assignor-oracle.ts';
import { partitionRacksOf, rackLayout, withMemberRacks } from './rack-layout.ts';

const TOPIC_NAMES = ['t', 'orders', 'a', 'b', 'payments', 't1', 't2', 'clicks'];
/** Topics members subscribe to or claimed, which the cluster does not have (deleted or not yet created). */
const VANISHED_TOPICS = ['gone', 'old'];
const VANISHED_PARTITIONS = 3;

const memberId = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map((index) => `c${index}`),
  // consumer-<client id>-<uuid> is what Kafka's coordinator hands out
  fc
    .tuple(fc.constantFrom('consumer', 'app'), fc.integer({ min: 1, max: 3 }), fc.uuid())
    .map(([client, index, uuid]) => `${client}-${index}-${uuid}`),
  fc.string({ minLength: 1, maxLength: 6 }),
);

const partitionCount = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 50 }));

const memberShape = fc.record({
  memberId,
  /** Static members get a group.instance.id; the number orders them independently of the member id. */
  instance: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
  generation: fc.integer({ min: -1, max: 5 }),
  /** Bit i: subscribes to topic i of the problem's topic list (cluster topics, then vanished ones). */
  subscription: fc.integer({ min: 1, max: 63 }),
});

/**
 * One extra claim on top of the previous owner: a conflict or a stale claim, and now and then an
 * impossible one (an index the topic lacks, as after the topic was re-created smaller).
 */
const extraClaim = fc.record({
  member: fc.nat(9),
  topic: fc.nat(5),
  partition: fc.nat(59),
  beyondTopic: fc.oneof(
    { weight: 19, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  ),
});

const problemShape = fc.record({
  strategy: fc.constantFrom(...STRATEGIES),
  topics: fc.uniqueArray(fc.record({ name: fc.constantFrom(...TOPIC_NAMES), count: partitionCount }), {
    minLength: 1,
    maxLength: 4,
    selector: (topic) => topic.name,
  }),
  vanished: fc.subarray(VANISHED_TOPICS),
  members: fc.uniqueArray(memberShape, {
    minLength: 1,
    maxLength: 10,
    selector: (member) => member.memberId,
  }),
  equalSubscriptions: fc.boolean(),
  /** Previous owner of each partition slot in order (an index into members; out of range: none). */
  previousOwners: fc.array(fc.integer({ min: -4, max: 9 }), { maxLength: 220 }),
  extraClaims: fc.array(extraClaim, { maxLength: 6 }),
  racks: rackLayout,
});

type ProblemShape = typeof problemShape extends fc.Arbitrary<infer T> ? T : never;

function previousAssignment(shape: ProblemShape, topicNames: readonly string[], counts: readonly number[]) {
  const owned: TopicPartitionRef[][] = shape.members.map(() => []);
  let slot = 0;
  topicNames.forEach((topic, topicIndex) => {
    for (let partition = 0; partition < counts[topicIndex]!; partition++) {
      const owner = shape.previousOwners[slot++];
      if (owner !== undefined && owner >= 0 && owner < owned.length) owned[owner]!.push({ topic, partition });
    }
  });
  for (const claim of shape.extraClaims) {
    const mine = owned[claim.member % owned.length]!;
    const topicIndex = claim.topic % topicNames.length;
    const topic = topicNames[topicIndex]!;
    const count = counts[topicIndex]!;
    const partition =
      claim.beyondTopic || count === 0 ? count + (claim.partition % 5) : claim.partition % count;
    if (!mine.some((p) => p.topic === topic && p.partition === partition)) mine.push({ topic, partition });
  }
  return owned;
}

function toProblem(shape: ProblemShape): AssignmentProblem {
  const topicNames = [...shape.topics.map((topic) => topic.name), ...shape.vanished];
  const counts = [
    ...shape.topics.map((topic) => topic.count),
    ...shape.vanished.map(() => VANISHED_PARTITIONS),
  ];
  const owned = previousAssignment(shape, topicNames, counts);
  const subscribed = (mask: number) => topicNames.filter((_, index) => mask & (1 << index));
  const shared = subscribed(shape.members[0]!.subscription);
  const usedInstances = new Set<number>();
  const members = shape.members.map((member, index): AssignorMember => {
    // group.instance.id is unique in a group: the coordinator fences a second member with the same one.
    const instance =
      member.instance !== undefined && !usedInstances.has(member.instance) ? member.instance : undefined;
    if (instance !== undefined) usedInstances.add(instance);
    const topics = shape.equalSubscriptions ? shared : subscribed(member.subscription);
    return {
      memberId: member.memberId,
      ...(instance === undefined ? {} : { groupInstanceId: `instance-${instance}` }),
      topics: topics.length > 0 ? topics : [topicNames[0]!],
      owned: owned[index]!,
      generation: member.generation,
    };
  });
  const topics: Record<string, number> = {};
  for (const topic of shape.topics) topics[topic.name] = topic.count;
  const partitionRacks = partitionRacksOf(shape.racks, shape.topics);
  const input: AssignorInput = {
    topics,
    members: withMemberRacks(shape.racks, members),
    ...(partitionRacks === undefined ? {} : { partitionRacks }),
  };
  return { strategy: shape.strategy, input };
}

export const assignmentProblems: fc.Arbitrary<AssignmentProblem> = problemShape.map(toProblem);
