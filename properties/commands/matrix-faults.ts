// The failures the no-loss matrix suites aim at roles, beside the shared catalogue's numbered ones
// (arbitraries.ts): a loss needs a failure of the right replica at the right moment (the leader of
// the partition just written before its followers copied it, its leader once the ISR shrank to it),
// and a consumer's crash needs the group to outlive its session. Roles are resolved when the fault
// happens (RunKnowledge.replicaOfLastWritten: a snapshot, or the system's replicas() over the wire),
// so they hit on a real cluster as in process.
import fc from 'fast-check';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { BrokerFailureCommand } from './broker-failure.ts';
import { RunCommand } from './command.ts';
import { ConsumerCrashCommand } from './consumer-crash.ts';
import { ProduceCommand } from './produce.ts';

type Arb = fc.Arbitrary<RunCommand>;

/** A broker failure aimed at a role of the partition written last; disk loss as often as a crash. */
export const roleFailure: Arb = fc
  .tuple(
    fc.constantFrom('leader', 'leader', 'follower', 'sole-isr-leader') as fc.Arbitrary<
      'leader' | 'follower' | 'sole-isr-leader'
    >,
    fc.constantFrom(
      'process-crash',
      'process-crash',
      'clean-shutdown',
      'disk-loss',
      'disk-loss',
    ) as fc.Arbitrary<'process-crash' | 'clean-shutdown' | 'disk-loss'>,
  )
  .map(([role, kind]) => new BrokerFailureCommand(role, kind));

/** A consumer crashes (by number, or whichever holds unprocessed records), then the session timeout passes. */
export const crashOutwaitingSession: Arb = fc
  .oneof(
    { weight: 1, arbitrary: fc.nat({ max: 2 }) as fc.Arbitrary<number | 'holding-unprocessed'> },
    { weight: 2, arbitrary: fc.constant('holding-unprocessed' as const) },
  )
  .map((client) => new ConsumerCrashCommand(client, true));

/**
 * A write, then at once a failure of the partition's leader: a crash (an acks=1 write not yet
 * copied is lost when a follower takes over), or, once the ISR has shrunk to the leader alone, a
 * disk loss (what it alone acknowledged is gone: min.insync.replicas=1, replication factor 1). On a
 * real cluster the failure must land before the followers' next fetch, which is why it is one
 * command: drawn apart, the two seldom followed each other in a handful of real-time runs.
 */
export class WriteThenFailLeaderCommand extends RunCommand {
  readonly sends = ['produce', 'broker-failure'] as const;
  constructor(
    readonly write: ProduceCommand,
    readonly failure: BrokerFailureCommand,
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return this.write.check(k);
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    await this.write.run(k, run);
    if (this.failure.check(k)) await this.failure.run(k, run);
  }
  toString(): string {
    return `${this.write} then ${this.failure}`;
  }
}

export const writeThenFailLeader: Arb = fc
  .tuple(
    fc.nat({ max: 1 }),
    fc.nat({ max: 5 }),
    fc.integer({ min: 1, max: 3 }),
    fc.constantFrom('process-crash', 'process-crash', 'disk-loss') as fc.Arbitrary<
      'process-crash' | 'disk-loss'
    >,
  )
  .map(
    ([producer, partition, count, kind]) =>
      new WriteThenFailLeaderCommand(
        new ProduceCommand(producer, partition, count, false, 'next'),
        new BrokerFailureCommand(kind === 'disk-loss' ? 'sole-isr-leader' : 'leader', kind),
      ),
  );
