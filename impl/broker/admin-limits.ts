// Limits on what one admin request may ask of the cluster, as Kafka 4.4's KRaft controller sets
// them (ReplicationControlManager.validateTotalNumberOfPartitions, MAX_PARTITIONS_PER_BATCH): a
// CreateTopics whose topics add up to more than 10,000 partitions, or a CreatePartitions adding
// more than that, is refused whole with POLICY_VIOLATION. Without it, one request asking for 2^31
// partitions made the broker allocate until the process ran out of memory (found by the wire fuzzer).
// The limit and its messages live in impl/cluster/partition-limits.ts; this file counts a request.
import { readFileSync } from 'node:fs';

/** CreateTopics: -1 counts the broker's num.partitions; manual assignments count one per partition. */
export function partitionsAsked(
  topics: readonly { numPartitions: number; assignments: readonly unknown[] }[],
  defaultPartitions: number,
): number {
  let total = 0;
  for (const topic of topics) {
    if (topic.assignments.length > 0) total += topic.assignments.length;
    else if (topic.numPartitions === -1) total += defaultPartitions;
    else if (topic.numPartitions > 0) total += topic.numPartitions;
  }
  return total;
}

/** CreatePartitions: the partitions each known topic would gain (Kafka skips unknown topics here). */
export function partitionsAdded(
  topics: readonly { name: string; count: number }[],
  currentCount: (topic: string) => number | undefined,
): number {
  let total = 0;
  for (const topic of topics) {
    const current = currentCount(topic.name);
    if (current !== undefined && topic.count > current) total += topic.count - current;
  }
  return total;
}

/**
 * kspec's own guard, not Kafka's: every partition replica keeps three files open per segment (log,
 * offset index, time index; Kafka keeps one, its indexes being mmapped), and all brokers of a
 * `kspec broker` share one process. Past the process's open-file limit nothing can be opened, not
 * even a client connection, so a request that would take the replicas' files past three quarters of
 * that limit is refused with POLICY_VIOLATION. (The wire fuzzer's mutants created 8,363 partitions
 * and exhausted a 20,000-file limit: the broker could then accept no connection.)
 */
export const FILES_PER_REPLICA = 3;

let cachedLimit: number | null | undefined;

/** The soft RLIMIT_NOFILE from /proc/self/limits (Linux); null where it cannot be read. */
export function openFileLimit(): number | null {
  if (cachedLimit !== undefined) return cachedLimit;
  cachedLimit = null;
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const match = /^Max open files\s+(\d+)/m.exec(limits);
    if (match) cachedLimit = Number(match[1]);
  } catch {
    // not Linux: no guard
  }
  return cachedLimit;
}

/** Why adding `newReplicas` partition replicas to `existingReplicas` is refused, or undefined. */
export function openFilesProblem(existingReplicas: number, newReplicas: number): string | undefined {
  const limit = openFileLimit();
  if (limit === null || newReplicas === 0) return undefined;
  const needed = (existingReplicas + newReplicas) * FILES_PER_REPLICA;
  if (needed <= limit * 0.75) return undefined;
  return (
    `kspec: ${newReplicas} more partition replicas would need about ${needed} open files, ` +
    `past three quarters of this process's limit of ${limit}`
  );
}
