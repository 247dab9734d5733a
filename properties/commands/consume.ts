// The consumer application's loop body: poll (which auto-commits the previous positions when
// enabled), then, under process-then-commit, process the records at once.
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { clientName, GROUP, RunCommand } from './command.ts';

export class ConsumeCommand extends RunCommand {
  readonly sends = ['poll', 'process'] as const;
  constructor(
    readonly client: number,
    readonly maxRecords: number,
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return k.clients.get(clientName(this.client))?.synced === true;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const client = clientName(this.client);
    await run.step({ type: 'poll', client, group: GROUP, maxRecords: this.maxRecords });
    if (k.processThenCommit) await run.step({ type: 'process', client });
  }
  toString(): string {
    return `consume(c${this.client}, max ${this.maxRecords})`;
  }
}
