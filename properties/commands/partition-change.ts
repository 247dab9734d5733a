import { MAX_NEW_PARTITIONS_PER_REQUEST } from '../../spec/events.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

const MAX_PARTITIONS = 6;

/**
 * CreatePartitions: the topic grows by `more` partitions (bounded); groups must rebalance onto them.
 * `more` past Kafka's limit on one request (10,000) asks exactly that many and is refused (RP-1).
 * A validate-only request asks `more` as drawn, unbounded (0: the same count, refused; 10,000: the
 * most one request may add) and changes nothing, so its answer is all there is to compare.
 */
export class PartitionChangeCommand extends RunCommand {
  readonly sends = ['partition-change'] as const;
  constructor(
    readonly more: number,
    readonly validateOnly = false,
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    if (this.validateOnly) return k.topics.has(TOPIC);
    return (k.topics.get(TOPIC) ?? MAX_PARTITIONS) < MAX_PARTITIONS;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const current = k.topics.get(TOPIC) ?? 1;
    const unbounded = this.validateOnly || this.more > MAX_NEW_PARTITIONS_PER_REQUEST;
    await run.step({
      type: 'partition-change',
      topic: TOPIC,
      partitions: current + (unbounded ? this.more : Math.min(MAX_PARTITIONS - current, this.more)),
      ...(this.validateOnly ? { validateOnly: true } : {}),
    });
  }
  toString(): string {
    return `partition-change(+${this.more}${this.validateOnly ? ', validate-only' : ''})`;
  }
}
