// The consumer application's loop body: poll (which auto-commits the previous positions when
// enabled), then, under process-then-commit, process the records at once.
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { clientName, GROUP, RunCommand } from './command.ts';

export class ConsumeCommand extends RunCommand {
  readonly sends = ['poll', 'process'] as const;
  /** A client by number or, state-aware, one that still holds records it has not processed. */
  constructor(
    readonly client: number | 'holding-unprocessed',
    readonly maxRecords: number,
  ) {
    super();
  }
  #consumer(k: Readonly<RunKnowledge>): string | undefined {
    if (typeof this.client === 'number') {
      const name = clientName(this.client);
      return k.clients.get(name)?.synced === true ? name : undefined;
    }
    return [...k.clients.values()].find((c) => c.synced && c.unprocessed)?.name;
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return this.#consumer(k) !== undefined;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const client = this.#consumer(k)!;
    await run.step({ type: 'poll', client, group: GROUP, maxRecords: this.maxRecords });
    if (k.processThenCommit) await run.step({ type: 'process', client });
  }
  toString(): string {
    const who = typeof this.client === 'number' ? `c${this.client}` : this.client;
    return `consume(${who}, max ${this.maxRecords})`;
  }
}
