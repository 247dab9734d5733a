import type { MemberRef } from '../../spec/common.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { clientName, GROUP, RunCommand } from './command.ts';

/** LeaveGroup (no generation check in Kafka) with the own, no or a bogus member id. */
export class LeaveCommand extends RunCommand {
  readonly sends = ['leave'] as const;
  constructor(
    readonly client: number,
    readonly member: MemberRef,
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return k.clients.has(clientName(this.client)) && (this.member === 'own' || k.deliberatelyInvalid);
  }
  async run(_k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({ type: 'leave', client: clientName(this.client), group: GROUP, member: this.member });
  }
  toString(): string {
    return `leave(c${this.client}, ${this.member})`;
  }
}
