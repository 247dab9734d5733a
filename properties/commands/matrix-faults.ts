// The failures the no-loss matrix suites aim at roles, beside the shared catalogue's numbered ones
// (arbitraries.ts): a loss needs a failure of the right replica at the right moment (the leader of
// the partition just written before its followers copied it, its leader once the ISR shrank to it),
// and a consumer's crash needs the group to outlive its session. Roles are resolved when the fault
// happens (RunKnowledge.replicaOfLastWritten: a snapshot, or the system's replicas() over the wire),
// so they hit on a real cluster as in process.
import fc from 'fast-check';
import { BrokerFailureCommand } from './broker-failure.ts';
import type { RunCommand } from './command.ts';
import { ConsumerCrashCommand } from './consumer-crash.ts';

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
