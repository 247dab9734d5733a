// A broker fails: clean shutdown, process crash (data kept), power loss (unflushed bytes lost) or
// disk loss. Storage faults stay within the budget the safe profile claims to survive
// (RunKnowledge.storageFaultAllowed). The target is a broker by number, or, state-aware, the leader
// or an in-sync follower of the partition written last (losses need failures in that order), or
// the group's coordinator as the last snapshot shows it (its failure moves the group: the next
// coordinator reloads the group's history from __consumer_offsets).
import type { BrokerFailureKind } from '../../spec/events.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

const storage = (kind: BrokerFailureKind) => kind === 'power-loss' || kind === 'disk-loss';

export type FailureTarget = number | 'leader' | 'follower' | 'coordinator';

export class BrokerFailureCommand extends RunCommand {
  readonly sends = ['broker-failure'] as const;
  constructor(
    readonly broker: FailureTarget,
    readonly kind: BrokerFailureKind,
  ) {
    super();
  }
  #target(k: Readonly<RunKnowledge>): number | undefined {
    if (typeof this.broker === 'number') return this.broker % k.brokers.length;
    if (this.broker === 'coordinator')
      return k.lastState?.groups.find((g) => g.coordinator !== undefined)?.coordinator;
    return k.replicaOfLastWritten(this.broker);
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    const target = this.#target(k);
    if (target === undefined || k.brokers[target] !== 'up') return false;
    if (k.dataLossUnfenced()) return false; // RP-20: it would stay the sole ISR member (RP-25)
    return storage(this.kind) ? k.storageFaultAllowed(target, this.kind as 'power-loss' | 'disk-loss') : true;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({ type: 'broker-failure', broker: this.#target(k)!, kind: this.kind });
  }
  toString(): string {
    const target =
      typeof this.broker === 'number'
        ? `b${this.broker}`
        : this.broker === 'coordinator'
          ? 'coordinator'
          : `${this.broker} of last written`;
    return `broker-failure(${target}, ${this.kind})`;
  }
}
