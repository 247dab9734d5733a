// AbstractStickyAssignor.PartitionMovements: the general sticky assignment records each move
// (first owner -> current owner, per topic) so that moving a partition back towards a member
// returns one that came from there instead of moving a second one. Which of several such
// partitions comes back is the first of a HashSet<TopicPartition>: Java's iteration order decides.
import { JavaHashSet, topicPartitionHashCode } from '../java-hash-set.ts';
import { partitionKey } from '../order.ts';
import type { TopicPartitionRef } from '../types.ts';

interface ConsumerPair {
  readonly source: string;
  readonly destination: string;
}

const pairKey = (source: string, destination: string) => `${source}\u0000${destination}`;

export class PartitionMovements {
  private readonly byTopic = new Map<string, Map<string, JavaHashSet<TopicPartitionRef>>>();
  private readonly movements = new Map<string, ConsumerPair>();

  private removeRecord(partition: TopicPartitionRef): ConsumerPair {
    const key = partitionKey(partition);
    const pair = this.movements.get(key)!;
    this.movements.delete(key);
    const topicMovements = this.byTopic.get(partition.topic)!;
    const moved = topicMovements.get(pairKey(pair.source, pair.destination))!;
    moved.delete(partition);
    if (moved.size === 0) topicMovements.delete(pairKey(pair.source, pair.destination));
    if (topicMovements.size === 0) this.byTopic.delete(partition.topic);
    return pair;
  }

  private addRecord(partition: TopicPartitionRef, pair: ConsumerPair): void {
    this.movements.set(partitionKey(partition), pair);
    const topicMovements =
      this.byTopic.get(partition.topic) ?? new Map<string, JavaHashSet<TopicPartitionRef>>();
    this.byTopic.set(partition.topic, topicMovements);
    const key = pairKey(pair.source, pair.destination);
    // A fresh HashSet each time a pair gets its first partition: its capacity starts again at 16.
    const moved = topicMovements.get(key) ?? new JavaHashSet(partitionKey, topicPartitionHashCode);
    topicMovements.set(key, moved);
    moved.add(partition);
  }

  /** movePartition: a partition moving back to its first owner leaves no record. */
  movePartition(partition: TopicPartitionRef, oldConsumer: string, newConsumer: string): void {
    if (!this.movements.has(partitionKey(partition))) {
      this.addRecord(partition, { source: oldConsumer, destination: newConsumer });
      return;
    }
    const existing = this.removeRecord(partition);
    if (existing.source !== newConsumer)
      this.addRecord(partition, { source: existing.source, destination: newConsumer });
  }

  /** The recorded moves, with each set's iteration order: what decides every later choice here. */
  signature(): string {
    const moves = [...this.movements].map(
      ([key, pair]) => `${key}:${pairKey(pair.source, pair.destination)}`,
    );
    const sets = [...this.byTopic].flatMap(([topic, pairs]) =>
      [...pairs].map(([pair, moved]) => `${topic}/${pair}=${moved.signature()}`),
    );
    return JSON.stringify([moves.sort(), sets.sort()]);
  }

  /** getTheActualPartitionToBeMoved: a partition that earlier moved the opposite way, if any. */
  partitionToMove(partition: TopicPartitionRef, oldConsumer: string, newConsumer: string): TopicPartitionRef {
    const topicMovements = this.byTopic.get(partition.topic);
    if (!topicMovements) return partition;
    const source = this.movements.get(partitionKey(partition))?.source ?? oldConsumer;
    return topicMovements.get(pairKey(newConsumer, source))?.first() ?? partition;
  }
}
