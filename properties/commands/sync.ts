// A raw SyncGroup with the current, a stale, a missing or a future generation. A leader lets the
// system compute the plan with the selected assignor.
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { clientName, type GenerationChoice, GROUP, generationFor, RunCommand } from './command.ts';

export class SyncCommand extends RunCommand {
  readonly sends = ['sync'] as const;
  constructor(
    readonly client: number,
    readonly generation: GenerationChoice,
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    const c = k.clients.get(clientName(this.client));
    return (
      !!c && !c.syncPending && !c.joinPending && (this.generation === 'current' || k.deliberatelyInvalid)
    );
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const client = clientName(this.client);
    await run.step({
      type: 'sync',
      client,
      group: GROUP,
      generation: generationFor(k, client, this.generation),
      member: 'own',
    });
  }
  toString(): string {
    return `sync(c${this.client}, ${this.generation})`;
  }
}
