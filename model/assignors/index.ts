// The assignors as pure functions, and the __consumer_offsets placement.
import { rangeAssign } from './range.ts';
import { roundRobinAssign } from './round-robin.ts';
import { cooperativeStickyAssign, stickyAssign } from './sticky.ts';
import type { AssignmentPlan, AssignorInput, Strategy } from './types.ts';

export {
  folkloreOffsetsPartition,
  javaStringHashCode,
  kafkaUtilsAbs,
  offsetsPartitionFor,
} from '../../spec/java-hash.ts';
export { type AssignmentViolation, checkAssignment } from './invariants.ts';
export { KafkaAssignorException } from './kafka-exception.ts';
export { KafkaAssignorLivelock } from './kafka-livelock.ts';
export { compareMembers, compareTopicPartitions, sortedMembers } from './order.ts';
export { rangeAssign } from './range.ts';
export { roundRobinAssign } from './round-robin.ts';
export { cooperativeStickyAssign, stickyAssign } from './sticky.ts';
export * from './types.ts';

const assignors: Record<Strategy, (input: AssignorInput) => AssignmentPlan> = {
  range: rangeAssign,
  roundrobin: roundRobinAssign,
  sticky: stickyAssign,
  'cooperative-sticky': cooperativeStickyAssign,
};

/** Runs the assignor Kafka names `strategy` (partition.assignment.strategy). */
export function assign(strategy: Strategy, input: AssignorInput): AssignmentPlan {
  return assignors[strategy](input);
}
