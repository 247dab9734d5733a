// Replica placement without racks (AdminUtils.assignReplicasToBrokersRackUnaware): the first
// replica of partition p goes to broker (start + p) mod n, the others follow at a shift that grows
// every n partitions, so leaders and followers spread evenly. `start` and `shift` come from the
// seeded random, as Kafka draws them at random.

export function assignReplicas(input: {
  brokers: readonly number[];
  partitions: number;
  replicationFactor: number;
  /** Index of the first partition to place (CreatePartitions continues an existing topic). */
  firstPartition: number;
  start: number;
  shift: number;
}): number[][] {
  const brokers = [...input.brokers].sort((a, b) => a - b);
  const n = brokers.length;
  if (input.replicationFactor < 1 || input.replicationFactor > n)
    throw new RangeError(`replication factor ${input.replicationFactor} with ${n} brokers`);
  const assignment: number[][] = [];
  for (let i = 0; i < input.partitions; i++) {
    const p = input.firstPartition + i;
    const first = (input.start + p) % n;
    // Kafka adds one to the shift each time the partition id crosses a multiple of n.
    const shift = input.shift + Math.floor(p / n);
    const replicas = [brokers[first]!];
    for (let j = 0; j < input.replicationFactor - 1; j++) {
      const offset = n > 1 ? 1 + ((shift + j) % (n - 1)) : 0;
      replicas.push(brokers[(first + offset) % n]!);
    }
    assignment.push(replicas);
  }
  return assignment;
}
