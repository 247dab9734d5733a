// A raw JoinGroup (v5): with the client's own id, none (a new member: MEMBER_ID_REQUIRED first), or
// one never issued; a share asks for a session timeout outside the broker's bounds.

import type { MemberRef } from '../../spec/common.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { clientName, GROUP, joinFields, RunCommand } from './command.ts';

export class JoinCommand extends RunCommand {
  readonly sends = ['join'] as const;
  constructor(
    readonly client: number,
    readonly member: MemberRef,
    readonly badSessionTimeout: boolean,
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    if ((this.member === 'bogus' || this.badSessionTimeout) && !k.deliberatelyInvalid) return false;
    return !k.clients.get(clientName(this.client))?.joinPending;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const fields = joinFields(k, clientName(this.client), [TOPIC]);
    await run.step({
      type: 'join',
      client: clientName(this.client),
      group: GROUP,
      member: this.member,
      ...fields,
      ...(this.badSessionTimeout ? { sessionTimeoutMs: 1 } : {}),
    });
  }
  toString(): string {
    return `join(c${this.client}, ${this.member}${this.badSessionTimeout ? ', session=1ms' : ''})`;
  }
}
