import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

/** A failed broker comes back (with whatever its disk kept). */
export class BrokerRestartCommand extends RunCommand {
  readonly sends = ['broker-restart'] as const;
  constructor(readonly pick: number) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return k.downBrokers().length > 0;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const down = k.downBrokers();
    await run.step({ type: 'broker-restart', broker: down[this.pick % down.length]! });
  }
  toString(): string {
    return `broker-restart(#${this.pick})`;
  }
}
