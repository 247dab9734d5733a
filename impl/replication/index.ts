// Partition replication: replica state, the rules it follows, the store it writes, the purgatory.
export * from './log-store.ts';
export * from './partition-replica.ts';
export * from './partition-store.ts';
export * from './produce-purgatory.ts';
export * from './rules.ts';
export * from './value-batch.ts';
