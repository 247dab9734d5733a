import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { clientName, RunCommand } from './command.ts';

/** Commit-then-process applications finish handed-off records later, at a moment of their own. */
export class ProcessCommand extends RunCommand {
  readonly sends = ['process'] as const;
  constructor(readonly client: number) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return !k.processThenCommit && k.clients.get(clientName(this.client))?.unprocessed === true;
  }
  async run(_k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({ type: 'process', client: clientName(this.client) });
  }
  toString(): string {
    return `process(c${this.client})`;
  }
}
