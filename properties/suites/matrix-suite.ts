// The suites the no-loss matrix runs: one for the producer and replication side of the checklist
// (acks, retries, send style, elections, replication factor, min ISR), one for the consumer side
// (when commits happen relative to processing). The safe profile runs both.
import { intSetting } from '../../spec/config.ts';
import { leaderLeftAlone, staleFollowerFirst } from '../commands/isr-fault-sequences.ts';
import { crashOutwaitingSession, roleFailure, writeThenFailLeader } from '../commands/matrix-faults.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { diskLossIfNoneYet } from './disk-loss-epilogue.ts';
import type { Suite } from './suite.ts';

const PRELUDE_PRODUCER = 'p9';

/**
 * The consumer side is about consuming: every run starts with two committed records on each
 * partition (written with the profile's acks, then replicated until the HW covers them), so the
 * generated runs spend their commands on polls, commits, crashes and rebalances. Without it, runs
 * whose polls found any record were about one in fourteen.
 */
async function recordsOnEveryPartition(run: LockstepRun): Promise<void> {
  const k = run.knowledge;
  for (let partition = 0; partition < intSetting(k.config, 'partitions'); partition++) {
    const values = [k.newValue(PRELUDE_PRODUCER), k.newValue(PRELUDE_PRODUCER)];
    const idempotence = k.idempotent
      ? k.idempotentProducers.nextBatch(PRELUDE_PRODUCER, `${TOPIC}-${partition}`, values.length)
      : undefined;
    await run.step({
      type: 'produce',
      producer: PRELUDE_PRODUCER,
      topic: TOPIC,
      partition,
      values,
      acks: k.acks,
      ...(idempotence ? { idempotence } : {}),
    });
  }
  for (let round = 0; round < 2; round++) await run.step({ type: 'replicate' });
}

export const PRODUCER_MATRIX_SUITE: Suite = {
  name: 'no-loss-producer',
  description: 'the no-loss checklist, producer side: producers through broker failures',
  overrides: {},
  weights: {
    produce: 4,
    retrySend: 2,
    replicate: 3,
    advanceTime: 2,
    brokerFailure: 2,
    brokerRestart: 3,
    flush: 1,
    consume: 1,
    rebalance: 1,
  },
  // Failures aimed at the leader or a follower of the partition just written (crash, clean
  // shutdown, disk loss), resolved when they happen: over the wire too, where a numbered broker is
  // the leader one time in three.
  // And the ISR fault sequences that min.insync.replicas=1 and unclean election lose data under.
  extraCommands: [
    roleFailure,
    roleFailure,
    roleFailure,
    writeThenFailLeader,
    writeThenFailLeader,
    leaderLeftAlone,
    staleFollowerFirst,
  ],
  // Over the wire: one disk loss per run, the one the safe profile claims to survive (RP-20).
  epilogue: diskLossIfNoneYet,
  maxCommands: 30,
};

export const CONSUMER_MATRIX_SUITE: Suite = {
  name: 'no-loss-consumer',
  description: 'the no-loss checklist, consumer side: a consumer group committing and crashing',
  overrides: {},
  prelude: recordsOnEveryPartition,
  weights: {
    produce: 3,
    replicate: 4,
    rebalance: 3,
    consume: 5,
    consumerCommit: 2,
    process: 1,
    consumerCrash: 1,
    brokerFailure: 1,
    brokerRestart: 1,
  },
  // A crash the group outlives: the session timeout passes (real time on a real cluster), the
  // coordinator drops the member and the others take its partitions from its commits.
  extraCommands: [crashOutwaitingSession, crashOutwaitingSession],
  maxCommands: 25,
};
