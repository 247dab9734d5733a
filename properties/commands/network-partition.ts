import { FENCED_AFTER_MS, type RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

/**
 * Cuts one broker off from everyone else (no storage faults while a partition lasts): a broker by
 * number, or the group's coordinator as the last snapshot shows it. A coordinator cut off keeps
 * running while the controller fences it and its __consumer_offsets partitions move away: it
 * resigns with requests parked on it and commits in flight (GC-32), which a crash (the process
 * and its requests gone) never exercises. For that the coordinator variant can wait until a
 * member's JoinGroup or SyncGroup is parked, and let the fence pass in the same command.
 */
export class NetworkPartitionCommand extends RunCommand {
  readonly sends: readonly ('network-partition' | 'advance-time')[];
  constructor(
    readonly broker: number | 'coordinator',
    readonly whileParked = false,
    readonly thenFence = false,
  ) {
    super();
    this.sends = thenFence ? ['network-partition', 'advance-time'] : ['network-partition'];
  }
  #target(k: Readonly<RunKnowledge>): number | undefined {
    if (this.broker !== 'coordinator') return this.broker % k.brokers.length;
    return k.groupCoordinator();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    if (k.isolated || k.storageFaultPending || this.#target(k) === undefined) return false;
    return !this.whileParked || k.requestParked();
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    await run.step({
      type: 'network-partition',
      isolate: { brokers: [this.#target(k)!], clients: [] },
    });
    if (this.thenFence) await run.step({ type: 'advance-time', ms: FENCED_AFTER_MS });
  }
  toString(): string {
    const target = this.broker === 'coordinator' ? 'coordinator' : `b${this.broker}`;
    const when = this.whileParked ? ', while a request is parked' : '';
    return `network-partition(${target}${when}${this.thenFence ? ', then past its fence' : ''})`;
  }
}
