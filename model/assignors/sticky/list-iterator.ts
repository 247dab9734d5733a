// java.util.Iterator over a list, with remove(): the constrained sticky assignment deals partitions
// round robin while dropping members from the very list it walks.
import { KafkaAssignorException } from '../kafka-exception.ts';

export class ListIterator<T> {
  private cursor = 0;
  private lastReturned = -1;

  constructor(private readonly list: T[]) {}

  hasNext(): boolean {
    return this.cursor < this.list.length;
  }

  next(): T {
    if (!this.hasNext()) throw new KafkaAssignorException('NoSuchElementException', 'iterator exhausted');
    this.lastReturned = this.cursor++;
    return this.list[this.lastReturned]!;
  }

  /** Removes what next() returned last; Java throws when nothing was returned since the last remove. */
  remove(): void {
    if (this.lastReturned < 0)
      throw new KafkaAssignorException('IllegalStateException', 'remove() without next()');
    this.list.splice(this.lastReturned, 1);
    this.cursor = this.lastReturned;
    this.lastReturned = -1;
  }
}
