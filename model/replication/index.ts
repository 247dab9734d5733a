// The replication model of one partition: machine, pure transition functions, invariants.
export { electLeader, failBroker, restartBroker } from './failures.ts';
export { divergenceOffset, followerFetch } from './fetch.ts';
export * from './invariants.ts';
export { replicationKey } from './key.ts';
export { type ReplicationContext, replicationMachine } from './machine.ts';
export { type ReplicationExploreOptions, replicationModel } from './model.ts';
export { appendAtLeader, completeProduce, requiredAcksError } from './produce.ts';
export { SAFE_REPLICATION_CONFIG, UNSAFE_REPLICATION_SCENARIOS, type UnsafeScenario } from './profiles.ts';
export { DEFAULT_WRITES, type ReplicationModelOptions, replicationSettings } from './settings.ts';
export { initialReplicationState } from './state.ts';
export { describeReplicationEvent, enabledEvents, machineState, stepReplication } from './step.ts';
export * from './types.ts';
