// Fault sequences around the ISR of the partition written last, each one generated command: the
// losses that min.insync.replicas=1 and unclean.leader.election.enable=true allow need four or five
// faults in one order against the right replicas, with no restart between them. Drawn as separate
// commands they met in process after about a hundred runs and never in 28 real-time runs on Kafka
// 4.4 (docs/kafka-4.4-report.md, findings 5 and 6), where a run costs a minute. Like Jepsen's
// targeted nemeses, each command is a plan whose roles are resolved as it goes (from the snapshot,
// or the system's replicas() answer at that moment), and whose kinds, writes and writer are drawn;
// the events it sends name concrete brokers, so traces replay and shrink like any other.
import fc from 'fast-check';
import type { BrokerFailureKind } from '../../spec/events.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import { viewOf } from '../lockstep/replica-roles.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { BrokerFailureCommand } from './broker-failure.ts';
import { RunCommand } from './command.ts';
import { ProduceCommand } from './produce.ts';

type Arb = fc.Arbitrary<RunCommand>;
type ProcessStop = 'process-crash' | 'clean-shutdown';

/** The live in-sync replicas of the partition written last, leader first; [] when it has no leader. */
async function liveIsr(k: RunKnowledge, run: LockstepRun): Promise<number[]> {
  const views = k.lastWritten ? await run.replicaViews() : undefined;
  const p = views && k.lastWritten ? viewOf(views, k.lastWritten) : undefined;
  if (!p || p.leader === null || p.leader < 0 || k.brokers[p.leader] !== 'up') return [];
  return [p.leader, ...p.isr.filter((b) => b !== p.leader && k.brokers[b] === 'up')];
}

async function stop(run: LockstepRun, broker: number, kind: BrokerFailureKind): Promise<void> {
  await run.step({ type: 'broker-failure', broker, kind });
}

const writeToLastWritten = (k: RunKnowledge, producer: number, count: number) =>
  new ProduceCommand(producer, k.lastWritten!.partition, count, false);

abstract class IsrSequence extends RunCommand {
  enabled(k: Readonly<RunKnowledge>): boolean {
    // RP-20: no failure while a broker that lost data may be unfenced (see BrokerFailureCommand).
    return k.lastWritten !== undefined && !k.dataLossUnfenced() && k.liveBrokers().length > 1;
  }
}

/**
 * The leader is left alone, then maybe fails: its in-sync followers stop (crash or clean shutdown),
 * their fences pass so the ISR shrinks to the leader, a producer writes to the partition, and the
 * leader crashes or loses its disk (when RP-20 lets the profile claim to survive it; the safe
 * profile's min.insync.replicas=2 refuses the write, so it never does). With min.insync.replicas=1
 * the leader alone acknowledged the write, and a disk loss takes it away for good. With
 * `writeFirst` the write comes before the followers stop: an acks=all write already appended
 * waits while the ISR shrinks under it. With min.insync.replicas=1 the leader alone completes it;
 * with 2 the high watermark stays put below the minimum ISR (KIP-966, RP-9), so it waits for a
 * follower to come back, and a disk loss of the leader is not generated (nothing acknowledged).
 */
export class LeaderLeftAloneCommand extends IsrSequence {
  readonly sends = ['broker-failure', 'advance-time', 'produce'] as const;
  constructor(
    readonly followersStop: ProcessStop,
    readonly producer: number,
    readonly count: number,
    readonly then: 'nothing' | 'process-crash' | 'disk-loss',
    readonly writeFirst = false,
  ) {
    super();
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const [leader, ...followers] = await liveIsr(k, run);
    if (leader === undefined || followers.length === 0) return;
    const write = writeToLastWritten(k, this.producer, this.count);
    if (this.writeFirst) await write.run(k, run);
    for (const follower of followers) await stop(run, follower, this.followersStop);
    await run.outwaitFences();
    if (!this.writeFirst) await write.run(k, run);
    if (this.then === 'nothing') return;
    const failure =
      this.then === 'disk-loss'
        ? new BrokerFailureCommand('sole-isr-leader', 'disk-loss')
        : new BrokerFailureCommand('leader', 'process-crash');
    if (failure.check(k)) await failure.run(k, run);
  }
  toString(): string {
    const order = this.writeFirst
      ? `p${this.producer} writes ${this.count}, followers ${this.followersStop}`
      : `followers ${this.followersStop}, p${this.producer} writes ${this.count}`;
    return `leader-left-alone(${order}, then leader ${this.then})`;
  }
}

/**
 * A follower falls behind, the ISR is lost, and the stale follower comes back first: one in-sync
 * follower stops and is fenced out of the ISR, a producer writes (acknowledged by the rest of the
 * ISR), every remaining ISR member stops, their fences pass, and the stale follower restarts alone.
 * With unclean.leader.election.enable=true it is elected and the write is gone once the others
 * come back and truncate to it; otherwise the partition waits for an ISR member (or, with ELR, an
 * eligible one, KIP-966) and nothing is lost.
 */
export class StaleFollowerFirstCommand extends IsrSequence {
  readonly sends = ['broker-failure', 'advance-time', 'produce', 'replicate', 'broker-restart'] as const;
  constructor(
    readonly staleStop: ProcessStop,
    readonly producer: number,
    readonly count: number,
    readonly isrStop: ProcessStop,
  ) {
    super();
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const [leader, stale] = await liveIsr(k, run);
    if (leader === undefined || stale === undefined) return;
    await stop(run, stale, this.staleStop);
    await run.outwaitFences();
    await writeToLastWritten(k, this.producer, this.count).run(k, run);
    // The rest of the ISR copies it, and its next fetch moves the HW: an acks=all write completes (RP-5).
    for (let round = 0; round < 2; round++) await run.step({ type: 'replicate' });
    const isr = await liveIsr(k, run);
    if (isr.length === 0) return;
    for (const broker of isr) await stop(run, broker, this.isrStop);
    await run.outwaitFences();
    await run.step({ type: 'broker-restart', broker: stale });
    await run.outwaitFences();
  }
  toString(): string {
    return `stale-follower-first(follower ${this.staleStop}, p${this.producer} writes ${this.count}, ISR ${this.isrStop})`;
  }
}

const processStop = fc.constantFrom(
  'process-crash',
  'process-crash',
  'clean-shutdown',
) as fc.Arbitrary<ProcessStop>;
const writer = fc.tuple(fc.nat({ max: 1 }), fc.integer({ min: 1, max: 3 }));

export const leaderLeftAlone: Arb = fc
  .tuple(
    processStop,
    writer,
    fc.constantFrom('nothing', 'process-crash', 'disk-loss', 'disk-loss') as fc.Arbitrary<
      LeaderLeftAloneCommand['then']
    >,
    fc.boolean(),
  )
  .map(
    ([followersStop, [producer, count], then, writeFirst]) =>
      new LeaderLeftAloneCommand(followersStop, producer, count, then, writeFirst),
  );

export const staleFollowerFirst: Arb = fc
  .tuple(processStop, writer, processStop)
  .map(
    ([staleStop, [producer, count], isrStop]) =>
      new StaleFollowerFirstCommand(staleStop, producer, count, isrStop),
  );
