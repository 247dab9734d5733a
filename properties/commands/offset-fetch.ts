import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { clientName, GROUP, RunCommand } from './command.ts';

/** OffsetFetch of every partition the group committed. */
export class OffsetFetchCommand extends RunCommand {
  readonly sends = ['offset-fetch'] as const;
  constructor(readonly client: number) {
    super();
  }
  enabled(): boolean {
    return true;
  }
  async run(_k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({ type: 'offset-fetch', client: clientName(this.client), group: GROUP });
  }
  toString(): string {
    return `offset-fetch(c${this.client})`;
  }
}
