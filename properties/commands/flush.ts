import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

/** fsync every log of one live broker. */
export class FlushCommand extends RunCommand {
  readonly sends = ['flush'] as const;
  constructor(readonly broker: number) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return k.brokers[this.broker % k.brokers.length] === 'up';
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({ type: 'flush', broker: this.broker % k.brokers.length });
  }
  toString(): string {
    return `flush(b${this.broker})`;
  }
}
