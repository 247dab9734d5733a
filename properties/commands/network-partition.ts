import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

/** Cuts one broker off from everyone else (no storage faults while a partition lasts). */
export class NetworkPartitionCommand extends RunCommand {
  readonly sends = ['network-partition'] as const;
  constructor(readonly broker: number) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return !k.isolated && !k.storageFaultPending;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({
      type: 'network-partition',
      isolate: { brokers: [this.broker % k.brokers.length], clients: [] },
    });
  }
  toString(): string {
    return `network-partition(b${this.broker})`;
  }
}
