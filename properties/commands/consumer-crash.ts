import type { Event } from '../../spec/events.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { clientName, joinFields, RunCommand } from './command.ts';

/**
 * The consumer process dies without leaving: positions and unprocessed records are gone. The victim
 * is a client by number or, state-aware, one holding records it has not processed yet (where a
 * crash costs the most). With `outwaitSession`, the crash is followed by a time step just past
 * session.timeout.ms: the coordinator removes the dead member and the group moves on, which on a
 * real-time cluster takes that much real time (the kafka: adapter sleeps up to its
 * KSPEC_MAX_SLEEP_MS, which the matrix rows on Kafka set past the session timeout).
 */
export class ConsumerCrashCommand extends RunCommand {
  readonly sends: readonly Event['type'][];
  constructor(
    readonly client: number | 'holding-unprocessed',
    readonly outwaitSession = false,
  ) {
    super();
    this.sends = outwaitSession ? ['consumer-crash', 'advance-time'] : ['consumer-crash'];
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
    const victim = this.#victim(k)!;
    await run.step({ type: 'consumer-crash', client: victim });
    if (this.outwaitSession)
      await run.step({ type: 'advance-time', ms: joinFields(k, victim, [TOPIC]).sessionTimeoutMs + 1 });
  }
  toString(): string {
    const who = typeof this.client === 'number' ? `c${this.client}` : this.client;
    return `consumer-crash(${who}${this.outwaitSession ? ', then past the session timeout' : ''})`;
  }
}
