// Which __consumer_offsets partition owns a group: Utils.abs(groupId.hashCode()) % partitions
// (AS-8, AS-9). The formula is part of the contract, so the reference broker uses the contract's
// one implementation (spec/java-hash.ts) rather than a copy of its own.
export { offsetsPartitionFor } from '../../spec/java-hash.ts';
