// The reference group coordinator (Kafka's classic protocol, offsets, __consumer_offsets): public
// API for the hosting broker (impl/cluster), the wire server (impl/server) and the adapter.
//
// Layers: pure shard functions (shard.ts: handleGroupRequest / tick / completeAppend over a
// ShardState, returning { state, responses, appends }) decide everything; GroupCoordinator
// (group-coordinator.ts) is the per-broker runtime: routing by offsetsPartitionFor, loading by
// replay, NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS, appends through the OffsetsPartitionStore
// of runtime.ts, answers through CoordinatorHost.respond.
export { appendErrorToResponseError } from './append-errors.ts';
export * from './consumer-protocol.ts';
export {
  type CoordinatorConfig,
  coordinatorConfigFrom,
  DEFAULT_COORDINATOR_CONFIG,
} from './coordinator-config.ts';
export { describeGroup, listGroups } from './describe-groups.ts';
export { GroupCoordinator, type GroupCoordinatorOptions, groupRequestError } from './group-coordinator.ts';
export { javaStringHashCode, kafkaUtilsAbs, offsetsPartitionFor } from './group-partition.ts';
export {
  type ClassicGroup,
  GROUP_STATE_NAMES,
  type GroupMember,
  type GroupStateName,
  LEGAL_PREVIOUS_STATES,
} from './group-state.ts';
export { loadShard, replayRecords, unloadShard } from './load-shard.ts';
export type * from './messages.ts';
export * from './records.ts';
export type * from './runtime.ts';
export { completeAppend, handleGroupRequest, nextDeadline, tick } from './shard.ts';
export { type CommittedOffset, emptyShard, type ShardState } from './shard-state.ts';
export type { AppendContinuation, HandlerContext, HandlerResult, PendingAppend } from './transaction.ts';
