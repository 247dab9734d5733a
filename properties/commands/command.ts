// The base of every fast-check command: what fast-check calls the model is what the run knows
// (RunKnowledge), its real system is the lockstep run. `check` decides from knowledge alone whether the command is
// meaningful now; `toString` is the short line a shrunk counterexample shows.
import type fc from 'fast-check';
import type { Event } from '../../spec/events.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';

export const GROUP = 'g';
export const clientName = (index: number): string => `c${index}`;
export const producerName = (index: number): string => `p${index}`;

export abstract class RunCommand implements fc.AsyncCommand<RunKnowledge, LockstepRun> {
  /** The event types this command may send; it is skipped when the system supports none of them. */
  abstract readonly sends: readonly Event['type'][];
  abstract enabled(knowledge: Readonly<RunKnowledge>): boolean;
  abstract run(knowledge: RunKnowledge, run: LockstepRun): Promise<void>;
  abstract toString(): string;

  check(knowledge: Readonly<RunKnowledge>): boolean {
    return this.sends.every((type) => knowledge.supported.has(type)) && this.enabled(knowledge);
  }
}

/** Which generation a request carries: the client's current one, an earlier one, none (-1), or one never issued. */
export type GenerationChoice = 'current' | 'stale' | 'missing' | 'future';

export function generationFor(knowledge: RunKnowledge, client: string, choice: GenerationChoice): number {
  const c = knowledge.clients.get(client);
  const current = c?.generation ?? -1;
  switch (choice) {
    case 'current':
      return current;
    case 'stale':
      return c?.previousGenerations.at(-1) ?? Math.max(0, current - 1);
    case 'missing':
      return -1;
    case 'future':
      return current + 7;
  }
}

export function protocolsFor(
  knowledge: RunKnowledge,
  topics: readonly string[],
): { name: string; topics: string[] }[] {
  const preferred = String(knowledge.config['partition.assignment.strategy'] ?? 'range');
  const others = ['range', 'roundrobin'].filter((name) => name !== preferred);
  return [preferred, ...others].map((name) => ({ name, topics: [...topics] }));
}
