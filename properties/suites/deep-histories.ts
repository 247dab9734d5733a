// The deep-history suites (issue 17 part 4): runs that first build a long history with a prelude
// and only then draw their commands, so coordinator moves, reads and failures meet state that
// short runs never build. deep-groups: many generations, commits with metadata of every length
// class, offset expiration, and coordinator failures (the next coordinator reloads the whole
// history from __consumer_offsets). deep-log: many batches per partition, every one of them an
// index entry (index.interval.bytes 1), before failures, truncations and reads at any offset.
// Deletions come from expiration (OC-10) and from an admin's DeleteGroups and OffsetDelete (GC-38,
// OC-21), whose tombstones the next coordinator replays too (GC-39). They stay out of the suites
// whose consumers poll and commit: a deleted group's consumers restart from auto.offset.reset,
// which the at-least-once history checker would read as records skipped.
import { intSetting } from '../../spec/config.ts';
import { CommitCommand, type MetadataChoice } from '../commands/commit.ts';
import { RebalanceCommand } from '../commands/rebalance.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import type { Suite } from './suite.ts';

/** Rebalances of the deep-groups prelude, each followed by a commit on every partition. */
export const PRELUDE_REBALANCES = 8;
/** Generations they reach at least (a rebalance whose members are already synced may not start one). */
export const PRELUDE_GENERATIONS = 6;
/** Batches the deep-log prelude writes to every partition. */
export const PRELUDE_BATCHES = 12;

const MEMBER_SETS: readonly (readonly number[])[] = [[0], [0, 1], [1], [0, 1, 2], [2, 0], [1, 2]];
const METADATA: readonly MetadataChoice[] = ['none', 'short', 'empty', 'at-limit', 'short', 'none'];

async function longGroupHistory(run: LockstepRun): Promise<void> {
  const k = run.knowledge;
  const partitions = intSetting(k.config, 'partitions');
  for (let g = 0; g < PRELUDE_REBALANCES; g++) {
    const rebalance = new RebalanceCommand(MEMBER_SETS[g % MEMBER_SETS.length]!);
    if (rebalance.enabled()) await rebalance.run(k, run);
    const committer = MEMBER_SETS[g % MEMBER_SETS.length]![0]!;
    for (let partition = 0; partition < partitions; partition++) {
      const commit = new CommitCommand(
        committer,
        'current',
        'own',
        partition,
        g + partition,
        METADATA[g % METADATA.length]!,
      );
      if (commit.enabled(k)) await commit.run(k, run);
    }
  }
}

const PRELUDE_PRODUCER = 'p8';

async function longLogs(run: LockstepRun): Promise<void> {
  const k = run.knowledge;
  for (let batch = 0; batch < PRELUDE_BATCHES; batch++) {
    for (let partition = 0; partition < intSetting(k.config, 'partitions'); partition++)
      await run.step({
        type: 'produce',
        producer: PRELUDE_PRODUCER,
        topic: TOPIC,
        partition,
        values: Array.from({ length: 1 + (batch % 3) }, () => k.newValue(PRELUDE_PRODUCER)),
        acks: k.acks,
      });
    if (batch % 4 === 3) await run.step({ type: 'replicate' });
  }
  await run.step({ type: 'replicate' });
}

export const DEEP_GROUPS_SUITE: Suite = {
  name: 'deep-groups',
  description:
    'long group histories (generations, commits with metadata, expiration) before and across coordinator moves',
  overrides: { 'offsets.retention.minutes': 1 },
  prelude: longGroupHistory,
  weights: {
    rebalance: 3,
    join: 1,
    sync: 1,
    heartbeat: 1,
    leave: 2,
    commit: 4,
    offsetFetch: 3,
    describeGroup: 1,
    deleteGroups: 1,
    offsetDelete: 2,
    advanceTime: 2,
    expireOffsets: 2,
    consumerCrash: 1,
    coordinatorFailure: 2,
    coordinatorPartition: 1,
    resignWhileParked: 1,
    networkHeal: 1,
    brokerRestart: 3,
  },
  maxCommands: 30,
  swarm: true,
};

export const DEEP_LOG_SUITE: Suite = {
  name: 'deep-log',
  description: 'logs of many batches and index entries before failures, truncations and reads',
  overrides: { 'index.interval.bytes': 1 },
  prelude: longLogs,
  weights: {
    produce: 3,
    timedProduce: 2,
    damagedProduce: 2,
    replicate: 3,
    brokerFailure: 3,
    brokerRestart: 3,
    flush: 1,
    fetch: 3,
    listOffsets: 2,
    networkPartition: 1,
    networkHeal: 1,
    advanceTime: 1,
  },
  maxCommands: 30,
  swarm: true,
};
