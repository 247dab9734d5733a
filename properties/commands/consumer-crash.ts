import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { clientName, RunCommand } from './command.ts';

/** The consumer process dies without leaving: positions and unprocessed records are gone. */
export class ConsumerCrashCommand extends RunCommand {
  readonly sends = ['consumer-crash'] as const;
  constructor(readonly client: number) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return k.clients.has(clientName(this.client));
  }
  async run(_k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({ type: 'consumer-crash', client: clientName(this.client) });
  }
  toString(): string {
    return `consumer-crash(c${this.client})`;
  }
}
