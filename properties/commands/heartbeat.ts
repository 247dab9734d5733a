import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { clientName, type GenerationChoice, GROUP, generationFor, RunCommand } from './command.ts';

/** A raw Heartbeat with the current, a stale, a missing or a future generation. */
export class HeartbeatCommand extends RunCommand {
  readonly sends = ['heartbeat'] as const;
  constructor(
    readonly client: number,
    readonly generation: GenerationChoice,
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return k.clients.has(clientName(this.client)) && (this.generation === 'current' || k.deliberatelyInvalid);
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const client = clientName(this.client);
    await run.step({
      type: 'heartbeat',
      client,
      group: GROUP,
      generation: generationFor(k, client, this.generation),
      member: 'own',
    });
  }
  toString(): string {
    return `heartbeat(c${this.client}, ${this.generation})`;
  }
}
