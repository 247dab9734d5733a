// A broker fails: clean shutdown, process crash (data kept), power loss (unflushed bytes lost) or
// disk loss. Storage faults stay within the budget the safe profile claims to survive
// (RunKnowledge.storageFaultAllowed).
import type { BrokerFailureKind } from '../../spec/events.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

const storage = (kind: BrokerFailureKind) => kind === 'power-loss' || kind === 'disk-loss';

export class BrokerFailureCommand extends RunCommand {
  readonly sends = ['broker-failure'] as const;
  constructor(
    readonly broker: number,
    readonly kind: BrokerFailureKind,
  ) {
    super();
  }
  #target(k: Readonly<RunKnowledge>): number {
    return this.broker % k.brokers.length;
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    const target = this.#target(k);
    if (k.brokers[target] !== 'up') return false;
    return storage(this.kind) ? k.storageFaultAllowed(target, this.kind as 'power-loss' | 'disk-loss') : true;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({ type: 'broker-failure', broker: this.#target(k), kind: this.kind });
  }
  toString(): string {
    return `broker-failure(b${this.broker}, ${this.kind})`;
  }
}
