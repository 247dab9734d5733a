import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { GROUP, RunCommand } from './command.ts';

export class DescribeGroupCommand extends RunCommand {
  readonly sends = ['describe-group'] as const;
  enabled(): boolean {
    return true;
  }
  async run(_k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({ type: 'describe-group', group: GROUP });
  }
  toString(): string {
    return 'describe-group()';
  }
}
