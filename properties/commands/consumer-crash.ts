import { intSetting } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { clientName, joinFields, RunCommand } from './command.ts';

/**
 * The consumer process dies without leaving: positions and unprocessed records are gone. The victim
 * is a client by number or, state-aware, one holding records it has not processed yet (where a
 * crash costs the most). With `outwaitSession`, more than session.timeout.ms then passes in
 * heartbeat-interval steps, the live synced members heartbeating before each (as a live consumer's
 * background thread does): the coordinator removes the dead member and the group moves on while
 * the others stay members. On a real-time cluster that takes as much real time (the kafka: adapter
 * sleeps each step up to its KSPEC_MAX_SLEEP_MS).
 */
export class ConsumerCrashCommand extends RunCommand {
  readonly sends: readonly Event['type'][];
  constructor(
    readonly client: number | 'holding-unprocessed',
    readonly outwaitSession = false,
  ) {
    super();
    this.sends = outwaitSession ? ['consumer-crash', 'advance-time', 'heartbeat'] : ['consumer-crash'];
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
    if (!this.outwaitSession) return;
    const session = joinFields(k, victim, [TOPIC]).sessionTimeoutMs;
    const interval = Math.max(1, intSetting(k.config, 'heartbeat.interval.ms'));
    for (let waited = 0; waited <= session; ) {
      for (const c of [...k.clients.values()].filter((c) => c.synced && c.memberId !== ''))
        await run.step({
          type: 'heartbeat',
          client: c.name,
          group: c.group,
          generation: c.generation,
          member: 'own',
        });
      const ms = Math.min(interval, session + 1 - waited);
      await run.step({ type: 'advance-time', ms });
      waited += ms;
    }
  }
  toString(): string {
    const who = typeof this.client === 'number' ? `c${this.client}` : this.client;
    return `consumer-crash(${who}${this.outwaitSession ? ', then past the session timeout' : ''})`;
  }
}
