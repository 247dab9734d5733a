import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

export class NetworkHealCommand extends RunCommand {
  readonly sends = ['network-heal'] as const;
  enabled(k: Readonly<RunKnowledge>): boolean {
    return k.isolated;
  }
  async run(_k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({ type: 'network-heal' });
  }
  toString(): string {
    return 'network-heal()';
  }
}
