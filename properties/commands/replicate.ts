// Followers fetch from their leaders, all partitions or one, for one or two rounds (a leader learns
// its followers' progress from their next fetch, so a second round is what advances the high
// watermark on a Kafka-like leader).
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

export class ReplicateCommand extends RunCommand {
  readonly sends = ['replicate'] as const;
  constructor(
    readonly partition: number | undefined,
    readonly rounds: 1 | 2 = 1,
  ) {
    super();
  }
  enabled(): boolean {
    return true;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    for (let round = 0; round < this.rounds; round++) await this.#once(k, run);
  }
  async #once(k: RunKnowledge, run: LockstepRun): Promise<void> {
    if (this.partition === undefined) await run.step({ type: 'replicate' });
    else
      await run.step({
        type: 'replicate',
        topic: TOPIC,
        partition: this.partition % (k.topics.get(TOPIC) ?? 1),
      });
  }
  toString(): string {
    const rounds = this.rounds === 2 ? ', 2 rounds' : '';
    return this.partition === undefined
      ? `replicate(all${rounds})`
      : `replicate(${TOPIC}-${this.partition}${rounds})`;
  }
}
