// sortedCurrentSubscriptions: the general sticky assignment's TreeSet of members ordered by how
// many partitions each holds, then by member id. The order reads the live assignment, so (as in
// Kafka) a member leaves the set before its assignment changes and re-enters after.
import { KafkaAssignorException } from '../kafka-exception.ts';
import { compareText } from '../order.ts';
import type { TopicPartitionRef } from '../types.ts';

export class SortedConsumers {
  private members: string[] = [];

  constructor(private readonly assignment: ReadonlyMap<string, readonly TopicPartitionRef[]>) {}

  /** currentAssignment.get(member).size(), which throws in Java for a member it no longer holds. */
  sizeOf(member: string | undefined): number {
    const partitions = member === undefined ? undefined : this.assignment.get(member);
    if (!partitions)
      throw new KafkaAssignorException('NullPointerException', `no assignment for member ${member}`);
    return partitions.length;
  }

  private compare(left: string, right: string): number {
    return this.sizeOf(left) - this.sizeOf(right) || compareText(left, right);
  }

  add(member: string): void {
    if (this.members.includes(member)) return;
    const index = this.members.findIndex((other) => this.compare(member, other) < 0);
    this.members.splice(index < 0 ? this.members.length : index, 0, member);
  }

  /** TreeSet.remove compares the member with the set's, so a member without an assignment throws. */
  remove(member: string): void {
    if (this.members.length > 0) this.sizeOf(member);
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
  }

  first(): string {
    const member = this.members[0];
    if (member === undefined) throw new KafkaAssignorException('NoSuchElementException', 'empty set');
    return member;
  }

  last(): string {
    const member = this.members.at(-1);
    if (member === undefined) throw new KafkaAssignorException('NoSuchElementException', 'empty set');
    return member;
  }

  values(): readonly string[] {
    return this.members;
  }
}
