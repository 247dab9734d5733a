import { MAX_NEW_PARTITIONS_PER_REQUEST } from '../../spec/events.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

const MAX_PARTITIONS = 6;

/**
 * CreatePartitions: the topic grows by `more` partitions (bounded); groups must rebalance onto them.
 * `more` past Kafka's limit on one request (10,000) asks exactly that many and is refused (RP-1).
 */
export class PartitionChangeCommand extends RunCommand {
  readonly sends = ['partition-change'] as const;
  constructor(readonly more: number) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return (k.topics.get(TOPIC) ?? MAX_PARTITIONS) < MAX_PARTITIONS;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({
      type: 'partition-change',
      topic: TOPIC,
      partitions:
        (k.topics.get(TOPIC) ?? 1) +
        (this.more > MAX_NEW_PARTITIONS_PER_REQUEST
          ? this.more
          : Math.min(MAX_PARTITIONS - (k.topics.get(TOPIC) ?? 1), this.more)),
    });
  }
  toString(): string {
    return `partition-change(+${this.more})`;
  }
}
