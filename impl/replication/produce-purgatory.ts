// Pending acks=all produces (DelayedProduce in Kafka's purgatory): each waits until the leader's
// HW covers its last offset, the leader loses leadership, or request.timeout.ms passes. Completion
// is checked after every HW move, ISR change, leadership change and time advance.
import type { ErrorName } from '../../spec/errors.ts';

export interface PendingProduce {
  /** The leader the produce went to, and its partition. */
  readonly broker: number;
  readonly topic: string;
  readonly partition: number;
  readonly baseOffset: number;
  readonly lastOffset: number;
  readonly deadlineMs: number;
  readonly complete: (error: ErrorName, baseOffset: number) => void;
}

/** Bound on waiting produces: a leak fails loudly. */
const MAX_PENDING = 100_000;

export class ProducePurgatory {
  private pending: PendingProduce[] = [];

  add(entry: PendingProduce): void {
    if (this.pending.length >= MAX_PENDING) throw new Error('produce purgatory full');
    this.pending.push(entry);
  }

  size(): number {
    return this.pending.length;
  }

  /**
   * Completes, in arrival order, every waiting produce whose outcome `decide` knows (undefined: keep
   * waiting), and every one past its deadline with REQUEST_TIMED_OUT.
   */
  check(nowMs: number, decide: (entry: PendingProduce) => ErrorName | undefined): number {
    const waiting: PendingProduce[] = [];
    const done: [PendingProduce, ErrorName][] = [];
    for (const entry of this.pending) {
      const outcome = decide(entry) ?? (nowMs >= entry.deadlineMs ? 'REQUEST_TIMED_OUT' : undefined);
      if (outcome) done.push([entry, outcome]);
      else waiting.push(entry);
    }
    this.pending = waiting;
    for (const [entry, error] of done) entry.complete(error, error === 'NONE' ? entry.baseOffset : -1);
    return done.length;
  }

  /** The earliest deadline among waiting produces (for the scheduler). */
  nextDeadline(): number | undefined {
    return this.pending.reduce<number | undefined>(
      (min, e) => (min === undefined ? e.deadlineMs : Math.min(min, e.deadlineMs)),
      undefined,
    );
  }
}
