// kspec's model as a library: the assignors and the __consumer_offsets placement, the replication
// model, the explorer and the models it can walk. Pure and deterministic; no I/O.
export {
  type AssignmentPlan,
  type AssignmentViolation,
  type AssignorInput,
  type AssignorMember,
  assign,
  checkAssignment,
  compareMembers,
  cooperativeStickyAssign,
  folkloreOffsetsPartition,
  isStrategy,
  javaStringHashCode,
  kafkaUtilsAbs,
  offsetsPartitionFor,
  rangeAssign,
  roundRobinAssign,
  STRATEGIES,
  type Strategy,
  sortedMembers,
  stickyAssign,
  type TopicPartitionRef,
} from './assignors/index.ts';
export type { ExplorableModel, Invariant, InvariantViolation } from './explorable.ts';
export { type CoverageReport, type CoverageUniverse, coverageUniverse } from './explore/coverage.ts';
export {
  type ExploreOptions,
  type ExploreResult,
  type ExploreViolation,
  explore,
  type TraceStep,
} from './explore/explore.ts';
export { exploreJson, exploreText } from './explore/format.ts';
export {
  type LoadedModel,
  loadModel,
  MODEL_NAMES,
  type ModelName,
  type ModelOptions,
} from './explore/registry.ts';
export {
  committedRecordsUnchanged,
  highWatermarkWithinIsr,
  leaderHighWatermarkMonotonic,
  leaderInIsr,
  noAcknowledgedWriteLost,
  type ReplicationEvent,
  type ReplicationExploreOptions,
  type ReplicationSettings,
  type ReplicationState,
  replicationInvariants,
  replicationMachine,
  replicationModel,
  replicationSettings,
  stepReplication,
} from './replication/index.ts';
export {
  SAFE_REPLICATION_CONFIG,
  UNSAFE_REPLICATION_SCENARIOS,
  type UnsafeScenario,
} from './replication/profiles.ts';
