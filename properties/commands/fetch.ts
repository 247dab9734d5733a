import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

/** A raw read of one partition from its leader (a reader outside any group). */
export class FetchCommand extends RunCommand {
  readonly sends = ['fetch'] as const;
  constructor(
    readonly partition: number,
    readonly offset: number,
  ) {
    super();
  }
  enabled(): boolean {
    return true;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({
      type: 'fetch',
      client: 'reader',
      topic: TOPIC,
      partition: this.partition % (k.topics.get(TOPIC) ?? 1),
      offset: this.offset,
      maxRecords: 20,
    });
  }
  toString(): string {
    return `fetch(${TOPIC}/${this.partition}@${this.offset})`;
  }
}
