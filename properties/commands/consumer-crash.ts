import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { clientName, RunCommand } from './command.ts';

/**
 * The consumer process dies without leaving: positions and unprocessed records are gone. The victim
 * is a client by number or, state-aware, one holding records it has not processed yet (where a
 * crash costs the most).
 */
export class ConsumerCrashCommand extends RunCommand {
  readonly sends = ['consumer-crash'] as const;
  constructor(readonly client: number | 'holding-unprocessed') {
    super();
  }
  #victim(k: Readonly<RunKnowledge>): string | undefined {
    if (typeof this.client === 'number') {
      const name = clientName(this.client);
      return k.clients.has(name) ? name : undefined;
    }
    return [...k.clients.values()].find((c) => c.unprocessed)?.name;
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return this.#victim(k) !== undefined;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({ type: 'consumer-crash', client: this.#victim(k)! });
  }
  toString(): string {
    return `consumer-crash(${typeof this.client === 'number' ? `c${this.client}` : this.client})`;
  }
}
