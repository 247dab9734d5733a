import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { clientName, GROUP, RunCommand } from './command.ts';

/** commitSync()/commitAsync() of the consumer's positions (after processing, under process-then-commit). */
export class ConsumerCommitCommand extends RunCommand {
  readonly sends = ['consumer-commit'] as const;
  constructor(
    readonly client: number,
    readonly mode: 'sync' | 'async',
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return k.clients.get(clientName(this.client))?.synced === true;
  }
  async run(_k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({
      type: 'consumer-commit',
      client: clientName(this.client),
      group: GROUP,
      mode: this.mode,
    });
  }
  toString(): string {
    return `consumer-commit(c${this.client}, ${this.mode})`;
  }
}
