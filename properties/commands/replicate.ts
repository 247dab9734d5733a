// Followers fetch once from their leaders: all partitions, or one.
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

export class ReplicateCommand extends RunCommand {
  readonly sends = ['replicate'] as const;
  constructor(readonly partition: number | undefined) {
    super();
  }
  enabled(): boolean {
    return true;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    if (this.partition === undefined) await run.step({ type: 'replicate' });
    else
      await run.step({
        type: 'replicate',
        topic: TOPIC,
        partition: this.partition % (k.topics.get(TOPIC) ?? 1),
      });
  }
  toString(): string {
    return this.partition === undefined ? 'replicate()' : `replicate(${TOPIC}/${this.partition})`;
  }
}
