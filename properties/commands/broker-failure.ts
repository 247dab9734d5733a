// A broker fails: clean shutdown, process crash (data kept), power loss (unflushed bytes lost) or
// disk loss. Storage faults stay within the budget the safe profile claims to survive
// (RunKnowledge.storageFaultAllowed). The target is a broker by number, or, state-aware, a role for
// the partition written last (its leader, an in-sync follower, or its leader once it is the sole
// ISR member: losses need failures in that order), or the group's coordinator as the last snapshot
// shows it (its failure moves the group: the next coordinator reloads the group's history from
// __consumer_offsets). A role is resolved from the last snapshot or, on a system without snapshots
// that reports its replicas (Metadata over the wire), from what it reports at the moment of the
// fault; the event names the concrete broker either way, so traces replay as they ran.
import type { BrokerFailureKind } from '../../spec/events.ts';
import type { ReplicaView } from '../../spec/sut.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { ReplicaRole } from '../lockstep/replica-roles.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

type StorageKind = 'power-loss' | 'disk-loss';
const storage = (kind: BrokerFailureKind): kind is StorageKind =>
  kind === 'power-loss' || kind === 'disk-loss';

export type FailureTarget = number | ReplicaRole | 'coordinator';

const isRole = (target: FailureTarget): target is ReplicaRole =>
  target === 'leader' || target === 'follower' || target === 'sole-isr-leader';

export class BrokerFailureCommand extends RunCommand {
  readonly sends = ['broker-failure'] as const;
  constructor(
    readonly broker: FailureTarget,
    readonly kind: BrokerFailureKind,
    /** Only while a member's JoinGroup or SyncGroup is parked (a coordinator resigning answers it, GC-32). */
    readonly whileParked = false,
  ) {
    super();
  }
  #target(k: Readonly<RunKnowledge>, views?: readonly ReplicaView[]): number | undefined {
    if (typeof this.broker === 'number') return this.broker % k.brokers.length;
    if (this.broker === 'coordinator') return k.groupCoordinator();
    return k.replicaOfLastWritten(this.broker, views ?? k.lastState?.partitions);
  }
  /** Aimed at the moment of the fault: no snapshot, but the system reports its replicas when asked. */
  #observed(k: Readonly<RunKnowledge>): boolean {
    return !k.lastState && k.replicasObservable && (isRole(this.broker) || storage(this.kind));
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    if (k.dataLossUnfenced()) return false; // RP-20: it would stay the sole ISR member (RP-25)
    if (this.whileParked && !k.requestParked()) return false;
    if (this.#observed(k)) {
      // What can be known before asking; run() asks and checks the rest.
      if (isRole(this.broker) && k.lastWritten === undefined) return false;
      if (typeof this.broker === 'number' && k.brokers[this.broker % k.brokers.length] !== 'up') return false;
      return k.liveBrokers().length > 0 && (!storage(this.kind) || k.storageFaultPossible(this.kind));
    }
    const target = this.#target(k);
    if (target === undefined || k.brokers[target] !== 'up') return false;
    return storage(this.kind) ? k.storageFaultAllowed(target, this.kind) : true;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    if (!this.#observed(k)) {
      await run.step({ type: 'broker-failure', broker: this.#target(k)!, kind: this.kind });
      return;
    }
    const views = await run.replicaViews();
    if (!views) return;
    const target = this.#target(k, views);
    // The role is played by nobody now, or by a broker already down, or the storage fault is not
    // one the profile claims to survive with these replicas: nothing happens (no event).
    if (target === undefined || k.brokers[target] !== 'up') return;
    if (storage(this.kind) && !k.storageFaultAllowed(target, this.kind, views)) return;
    await run.step({ type: 'broker-failure', broker: target, kind: this.kind });
  }
  toString(): string {
    const target =
      typeof this.broker === 'number'
        ? `b${this.broker}`
        : this.broker === 'coordinator'
          ? 'coordinator'
          : `${this.broker} of last written`;
    return `broker-failure(${target}, ${this.kind}${this.whileParked ? ', while a request is parked' : ''})`;
  }
}
