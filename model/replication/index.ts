// The replication model of one partition: machine, pure transition functions, invariants; what
// model/index.ts makes public.
export * from './invariants.ts';
export { replicationMachine } from './machine.ts';
export { type ReplicationExploreOptions, replicationModel } from './model.ts';
export { replicationSettings } from './settings.ts';
export { stepReplication } from './step.ts';
export * from './types.ts';
