import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { clientName, GROUP, RunCommand } from './command.ts';

/** Which ids a DeleteGroups names: the run's group (always first: outcomes are about it), with a group nobody uses, or twice (GC-38). */
export type DeleteGroupsChoice = 'group' | 'with-unknown' | 'repeated';

const OTHER_GROUP = 'g-unused';

/** DeleteGroups from a client's connection (an admin's kafka-consumer-groups --delete). */
export class DeleteGroupsCommand extends RunCommand {
  readonly sends = ['delete-groups'] as const;
  constructor(
    readonly client: number,
    readonly choice: DeleteGroupsChoice,
  ) {
    super();
  }
  enabled(): boolean {
    return true;
  }
  async run(_k: RunKnowledge, run: LockstepRun): Promise<void> {
    const groups =
      this.choice === 'group'
        ? [GROUP]
        : this.choice === 'with-unknown'
          ? [OTHER_GROUP, GROUP]
          : [GROUP, GROUP];
    await run.step({ type: 'delete-groups', client: clientName(this.client), groups });
  }
  toString(): string {
    return `delete-groups(c${this.client}, ${this.choice})`;
  }
}
