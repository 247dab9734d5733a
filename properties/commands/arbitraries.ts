// fast-check arbitraries for each command, bounded: 3 consumers, 2 producers, up to 6 partitions,
// 5 brokers. Suites pick and weight them (suites/*.ts).

import fc from 'fast-check';
import { MALFORMED_BATCHES } from '../../spec/malformed-batches.ts';
import { needsTwoRecords } from '../client/malformed-batch.ts';
import { AdvanceTimeCommand } from './advance-time.ts';
import { BrokerFailureCommand, type FailureTarget } from './broker-failure.ts';
import { BrokerRestartCommand } from './broker-restart.ts';
import type { RunCommand } from './command.ts';
import { CommitCommand, type MetadataChoice } from './commit.ts';
import { CommitThroughSessionCommand } from './commit-through-session.ts';
import { ConsumeCommand } from './consume.ts';
import { ConsumerCommitCommand } from './consumer-commit.ts';
import { ConsumerCrashCommand } from './consumer-crash.ts';
import { CreateTopicCommand, type TopicConfigChoice } from './create-topic.ts';
import { type DeleteGroupsChoice, DeleteGroupsCommand } from './delete-groups.ts';
import { DescribeConfigsCommand, type DescribedTopicChoice } from './describe-configs.ts';
import { DescribeGroupCommand } from './describe-group.ts';
import { FetchCommand, type PartitionChoice } from './fetch.ts';
import { FlushCommand } from './flush.ts';
import { FlushedThenPowerLossCommand } from './flushed-then-power-loss.ts';
import { type EpochChoice, FollowerFetchCommand, type OffsetChoice } from './follower-fetch.ts';
import { HeartbeatCommand } from './heartbeat.ts';
import { JoinCommand } from './join.ts';
import { LeaveCommand } from './leave.ts';
import { ListOffsetsCommand, type TimestampTarget } from './list-offsets.ts';
import { WriteThenFailLeaderCommand } from './matrix-faults.ts';
import { NetworkHealCommand } from './network-heal.ts';
import { NetworkPartitionCommand } from './network-partition.ts';
import { OffsetDeleteCommand } from './offset-delete.ts';
import { OffsetFetchCommand } from './offset-fetch.ts';
import { PartitionChangeCommand } from './partition-change.ts';
import { ProbeCommand } from './probe.ts';
import { ProcessCommand } from './process.ts';
import { ProduceCommand, type SequenceCase } from './produce.ts';
import { RebalanceCommand } from './rebalance.ts';
import type { RecordDamage } from './record-damage.ts';
import type { TimestampChoice } from './record-timestamps.ts';
import { ReplicateCommand } from './replicate.ts';
import { type ParkedRequest, ResignWhileParkedCommand } from './resign-while-parked.ts';
import { RetrySendCommand } from './retry-send.ts';
import { SyncCommand } from './sync.ts';

export const CONSUMERS = 3;
const client = fc.nat({ max: CONSUMERS - 1 });
const partition = fc.nat({ max: 5 });
const broker = fc.nat({ max: 4 });
/** One of the run's two producers, and how many values a send carries. */
const producer = fc.nat({ max: 1 });
const batchSize = fc.integer({ min: 1, max: 3 });
const generation = fc.constantFrom('current', 'current', 'stale', 'missing', 'future') as fc.Arbitrary<
  'current' | 'stale' | 'missing' | 'future'
>;
const member = fc.constantFrom('own', 'own', 'own', 'none', 'bogus') as fc.Arbitrary<
  'own' | 'none' | 'bogus'
>;

/** Commit metadata by its length, the boundaries of offset.metadata.max.bytes included. */
export const metadata = fc.constantFrom<MetadataChoice>(
  'none',
  'none',
  'none',
  'empty',
  'short',
  'at-limit',
  'at-limit-two-byte',
  'over-limit',
);

/** A consumer by number, or (state-aware) whichever holds records it has not processed yet. */
const clientOrHoldingUnprocessed = fc.oneof(
  { weight: 2, arbitrary: client as fc.Arbitrary<number | 'holding-unprocessed'> },
  { weight: 1, arbitrary: fc.constant('holding-unprocessed' as const) },
);

type Arb = fc.Arbitrary<RunCommand>;
type ListOffsetsPosition = 'earliest' | 'latest' | TimestampTarget;

const SEQUENCE_CASES: Readonly<Record<number, SequenceCase>> = { 1: 'new-epoch', 2: 'gap', 3: 'stale-epoch' };

export const arbitraries = {
  produce: fc.tuple(producer, partition, batchSize, fc.boolean(), fc.nat({ max: 19 })).map(
    // One roll picks the rare cases, so adding them left every other draw as it was: acks=2, and
    // for idempotent producers an epoch bump, a sequence gap or a stale epoch (IP-3..IP-5).
    ([p, part, count, invalid, roll]) =>
      new ProduceCommand(
        p,
        part,
        count,
        invalid && roll === 0,
        SEQUENCE_CASES[invalid ? roll : -1] ?? 'next',
      ),
  ) as Arb,
  retrySend: fc.nat({ max: 9 }).map((pick) => new RetrySendCommand(pick)) as Arb,
  replicate: fc
    .tuple(fc.option(partition, { freq: 3 }), fc.constantFrom(1, 2) as fc.Arbitrary<1 | 2>)
    .map(([p, rounds]) => new ReplicateCommand(p ?? undefined, rounds)) as Arb,
  advanceTime: fc
    .tuple(
      fc.constantFrom(
        'tick',
        'heartbeat',
        'under-session',
        'over-session',
        'rebalance',
        'over-lag',
      ) as fc.Arbitrary<'tick'>,
      fc.boolean(),
    )
    .map(([step, heartbeats]) => new AdvanceTimeCommand(step, heartbeats)) as Arb,
  // One offsets retention check interval passes (deep-history suites): offsets of an Empty group expire.
  expireOffsets: fc.boolean().map((heartbeats) => new AdvanceTimeCommand('offsets-check', heartbeats)) as Arb,
  brokerFailure: fc
    .tuple(
      fc.oneof(
        { weight: 3, arbitrary: broker as fc.Arbitrary<FailureTarget> },
        { weight: 1, arbitrary: fc.constantFrom('leader', 'follower') as fc.Arbitrary<FailureTarget> },
      ),
      fc.constantFrom(
        'clean-shutdown',
        'process-crash',
        'process-crash',
        'power-loss',
        'disk-loss',
      ) as fc.Arbitrary<'process-crash'>,
    )
    .map(([b, kind]) => new BrokerFailureCommand(b, kind)) as Arb,
  // The group's coordinator fails (deep-history suites): the group moves and is reloaded.
  // Half of them wait for a parked JoinGroup or SyncGroup: a clean shutdown moves the group first,
  // and the resigning coordinator answers it NOT_COORDINATOR (GC-32), as Kafka 4.4 did in the
  // unclean-election trace on a real cluster (docs/kafka-4.4-report.md).
  coordinatorFailure: fc
    .tuple(fc.constantFrom('clean-shutdown', 'process-crash', 'process-crash', 'power-loss'), fc.boolean())
    .map(
      ([kind, whileParked]) => new BrokerFailureCommand('coordinator', kind as 'process-crash', whileParked),
    ) as Arb,
  brokerRestart: fc.nat({ max: 4 }).map((pick) => new BrokerRestartCommand(pick)) as Arb,
  flush: broker.map((b) => new FlushCommand(b)) as Arb,
  networkPartition: broker.map((b) => new NetworkPartitionCommand(b)) as Arb,
  networkHeal: fc.constant(new NetworkHealCommand()) as Arb,
  // The group's coordinator is cut off while it runs (deep-history suites): it resigns with
  // requests parked on it, and the group moves.
  coordinatorPartition: fc
    .tuple(fc.boolean(), fc.boolean())
    .map(
      ([whileParked, thenFence]) => new NetworkPartitionCommand('coordinator', whileParked, thenFence),
    ) as Arb,
  // One member's JoinGroup or a follower's SyncGroup parked, then the coordinator's clean shutdown:
  // the resigning coordinator answers it NOT_COORDINATOR (GC-32).
  resignWhileParked: fc
    .constantFrom<ParkedRequest>('join', 'sync')
    .map((parked) => new ResignWhileParkedCommand(parked)) as Arb,
  // A plain producer's batch made malformed before it is sent: Kafka 4.4's answer for each edit is
  // LG-1's table (spec/malformed-batches.ts); five-byte-length and key-size-below-null are stored.
  malformedProduce: fc.tuple(producer, partition, batchSize, fc.constantFrom(...MALFORMED_BATCHES)).map(
    ([p, part, count, kind]) =>
      new ProduceCommand(p, part, needsTwoRecords(kind) ? Math.max(2, count) : count, false, 'next', {
        malformed: kind,
      }),
  ) as Arb,
  // A plain or idempotent send whose values carry their own CreateTime (LG-7's lookups need batches
  // whose records differ): each a step from the one sent before, mostly up, sometimes back or the
  // same, at 0, an hour ahead.
  timedProduce: fc
    .tuple(
      producer,
      partition,
      batchSize,
      fc.array(
        fc.oneof(
          {
            weight: 6,
            arbitrary: fc.constantFrom(-5000, -1, 0, 1, 1, 1000, 1000, 5000) as fc.Arbitrary<TimestampChoice>,
          },
          { weight: 1, arbitrary: fc.constantFrom('zero', 'hour-ahead') as fc.Arbitrary<TimestampChoice> },
        ),
        { minLength: 1, maxLength: 3 },
      ),
    )
    .map(
      ([p, part, count, timestamps]) => new ProduceCommand(p, part, count, false, 'next', { timestamps }),
    ) as Arb,
  // A callback app's send whose records section is damaged (LG-1, record-damage.ts): one byte set,
  // inserted or deleted (a varint boundary or small length as the byte, 3 in 4), or one record
  // written with lies (varints padded or ended by a high bit, a key length of -2 or 0, a header
  // count one off the headers carried, raw bytes after them, a length one off).
  damagedProduce: fc
    .tuple(
      producer,
      partition,
      batchSize,
      fc.oneof(
        fc.record({
          kind: fc.constant('edit' as const),
          op: fc.constantFrom('set', 'set', 'insert', 'delete') as fc.Arbitrary<'set'>,
          at: fc.nat({ max: 47 }),
          byte: fc.oneof(
            {
              weight: 3,
              arbitrary: fc.constantFrom(0x00, 0x01, 0x02, 0x03, 0x04, 0x7f, 0x80, 0x81, 0x82, 0xfe, 0xff),
            },
            { weight: 1, arbitrary: fc.nat({ max: 255 }) },
          ),
        }),
        fc.record({
          kind: fc.constant('crafted' as const),
          record: fc.nat({ max: 2 }),
          varints: fc.constantFrom('minimal', 'minimal', 'padded', 'inverted') as fc.Arbitrary<'minimal'>,
          key: fc.constantFrom(-1, -1, -2, 0) as fc.Arbitrary<-1>,
          headers: fc.constantFrom(0, 0, 1),
          countLie: fc.constantFrom(0, 0, 1, -1) as fc.Arbitrary<0>,
          // [0x01]: a header cut after its key length of -1 (null), twice as often as the others.
          headerBytes: fc.constantFrom<readonly number[]>(
            [],
            [],
            [],
            [0x01],
            [0x01],
            [0x00],
            [0x00, 0x00],
            [0x80],
            [0x02],
          ),
          lengthLie: fc.constantFrom(0, 0, 0, -1, 1) as fc.Arbitrary<0>,
        }),
      ) as fc.Arbitrary<RecordDamage>,
    )
    .map(([p, part, count, damage]) => new ProduceCommand(p, part, count, false, 'next', { damage })) as Arb,
  // An admin's CreateTopics of a second topic, its config valid or one to refuse, of 1 partition or
  // (1 in 2) one past Kafka's limit on one request (RP-1).
  createTopic: fc
    .tuple(
      fc.nat({ max: 1 }),
      fc.constantFrom<TopicConfigChoice>(
        'none',
        'valid',
        'unknown-setting',
        'broker-setting',
        'out-of-range',
      ),
      fc.constantFrom(1 as const, 10_001 as const),
    )
    .map(([name, config, partitions]) => new CreateTopicCommand(name, config, partitions)) as Arb,
  // An admin's DescribeConfigs (RP-27): the run's topic or an admin topic (2 in 7 each),
  // __consumer_offsets (once a group request created it), a topic never created, or "..".
  describeConfigs: fc
    .tuple(
      fc.constantFrom<DescribedTopicChoice>(
        'run-topic',
        'run-topic',
        'admin-topic',
        'admin-topic',
        'offsets-topic',
        'unknown-topic',
        'invalid-name',
      ),
      fc.nat({ max: 1 }),
    )
    .map(([target, admin]) => new DescribeConfigsCommand(target, admin)) as Arb,
  // One or two more partitions, or (1 in 10) one past Kafka's limit on one request (RP-1), or (3 in
  // 10) a validate-only request at the limit's boundaries: the same count, one more, 10,001 more, or
  // (half of them) exactly 10,000 more, the most one request may add, which only a validate-only
  // request can ask without creating them. Growth stops at 6 partitions; validate-only goes on.
  partitionChange: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 2 }).map((more) => new PartitionChangeCommand(more)) },
    { weight: 1, arbitrary: fc.constant(10_001).map((more) => new PartitionChangeCommand(more)) },
    {
      weight: 3,
      arbitrary: fc
        .oneof({ weight: 3, arbitrary: fc.constant(10_000) }, fc.constantFrom(0, 1, 10_001))
        .map((more) => new PartitionChangeCommand(more, true)),
    },
  ) as Arb,
  join: fc
    .tuple(client, member, fc.nat({ max: 9 }))
    .map(([c, m, roll]) => new JoinCommand(c, m, roll === 0)) as Arb,
  sync: fc.tuple(client, generation).map(([c, g]) => new SyncCommand(c, g)) as Arb,
  heartbeat: fc.tuple(client, generation).map(([c, g]) => new HeartbeatCommand(c, g)) as Arb,
  leave: fc.tuple(client, member).map(([c, m]) => new LeaveCommand(c, m)) as Arb,
  commit: fc
    .tuple(client, generation, member, partition, fc.nat({ max: 20 }), metadata)
    .map(([c, g, m, p, o, meta]) => new CommitCommand(c, g, m, p, o, meta)) as Arb,
  // Members commit instead of heartbeating while more than a session timeout passes (OC-8, GC-28).
  commitThroughSession: fc
    .tuple(partition, fc.nat({ max: 20 }))
    .map(([p, o]) => new CommitThroughSessionCommand(p, o)) as Arb,
  offsetFetch: client.map((c) => new OffsetFetchCommand(c)) as Arb,
  describeGroup: fc.constant(new DescribeGroupCommand()) as Arb,
  // An admin's deletions (GC-38, OC-20, OC-21): the group (twice, or with an unknown one), and one
  // partition's offset (past the topic's partitions, or with a topic that does not exist).
  deleteGroups: fc
    .tuple(client, fc.constantFrom<DeleteGroupsChoice>('group', 'group', 'with-unknown', 'repeated'))
    .map(([c, choice]) => new DeleteGroupsCommand(c, choice)) as Arb,
  offsetDelete: fc
    .tuple(client, fc.nat({ max: 6 }), fc.nat({ max: 4 }))
    .map(([c, p, roll]) => new OffsetDeleteCommand(c, p, roll === 0)) as Arb,
  fetch: fc
    .tuple(
      fc.oneof(
        { weight: 2, arbitrary: partition as fc.Arbitrary<PartitionChoice> },
        { weight: 2, arbitrary: fc.constant('offline' as const) },
        { weight: 1, arbitrary: fc.constant('unlisted' as const) },
      ),
      fc.nat({ max: 10 }),
    )
    .map(([p, o]) => new FetchCommand(p, o)) as Arb,
  consume: fc
    .tuple(clientOrHoldingUnprocessed, fc.integer({ min: 1, max: 5 }))
    .map(([c, max]) => new ConsumeCommand(c, max)) as Arb,
  process: client.map((c) => new ProcessCommand(c)) as Arb,
  consumerCommit: fc
    .tuple(client, fc.constantFrom('sync', 'async') as fc.Arbitrary<'sync'>)
    .map(([c, m]) => new ConsumerCommitCommand(c, m)) as Arb,
  consumerCrash: clientOrHoldingUnprocessed.map((c) => new ConsumerCrashCommand(c)) as Arb,
  probe: fc
    .tuple(fc.nat({ max: 9999 }), fc.nat({ max: 5 }))
    .map(([roll, stall]) => new ProbeCommand(roll, Math.max(0, stall - 2))) as Arb,
  rebalance: fc
    .uniqueArray(client, { minLength: 1, maxLength: CONSUMERS })
    .map((cs) => new RebalanceCommand(cs)) as Arb,
  // Earliest, latest, or by timestamp (LG-7): at, just below or just above a timestamp the run sent,
  // at 0, or past them all.
  listOffsets: fc
    .tuple(
      partition,
      fc.oneof(
        {
          weight: 3,
          arbitrary: fc.constantFrom('earliest', 'latest', 'latest') as fc.Arbitrary<ListOffsetsPosition>,
        },
        {
          weight: 3,
          arbitrary: fc.record({
            sent: fc.nat({ max: 30 }),
            shift: fc.constantFrom(-1, 0, 0, 1),
          }) as fc.Arbitrary<ListOffsetsPosition>,
        },
        { weight: 1, arbitrary: fc.constantFrom('zero', 'beyond') as fc.Arbitrary<ListOffsetsPosition> },
      ),
      fc.constantFrom('read_uncommitted', 'read_committed') as fc.Arbitrary<'read_uncommitted'>,
      // The version: the newest, or one of the older ones (v0 lists the offset in its own field,
      // before v5 OFFSET_NOT_AVAILABLE is LEADER_NOT_AVAILABLE).
      fc.oneof(
        { weight: 2, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constant(0) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 5 }) },
      ),
    )
    .map(
      ([p, position, isolation, version]) => new ListOffsetsCommand(p, position, isolation, version),
    ) as Arb,
  // A write its followers have not copied yet, then a clean shutdown of its leader: the write is
  // answered NOT_LEADER_OR_FOLLOWER while the broker still runs, naming the new leader from
  // Produce v10 (RP-28). Drawn apart, a write and a shutdown of its leader seldom meet.
  writeThenShutDownLeader: fc
    .tuple(producer, partition, fc.integer({ min: 1, max: 3 }))
    .map(
      ([p, part, count]) =>
        new WriteThenFailLeaderCommand(
          new ProduceCommand(p, part, count, false, 'next'),
          new BrokerFailureCommand('leader', 'clean-shutdown'),
        ),
    ) as Arb,
  // A write, the log flusher's next run, a power loss of its leader or a follower (RP-17, RP-16).
  flushedThenPowerLoss: fc
    .tuple(
      producer,
      partition,
      fc.constantFrom('leader', 'follower') as fc.Arbitrary<'leader' | 'follower'>,
      // Written again 3 times in 4: the second flush lands on the flush.ms boundary.
      fc.constantFrom(true, true, true, false),
    )
    .map(([p, part, target, again]) => new FlushedThenPowerLossCommand(p, part, target, again)) as Arb,
  followerFetch: fc
    .tuple(
      partition,
      fc.nat({ max: 2 }),
      fc.constantFrom<OffsetChoice>('own', 'own', 'own', 'behind', 'beyond', 'zero'),
      fc.constantFrom<EpochChoice>('own', 'own', 'own', 'none', 'unknown', 'older'),
      fc.boolean(),
    )
    .map(([p, f, offset, epoch, race]) => new FollowerFetchCommand(p, f, offset, epoch, race)) as Arb,
};

export type ArbitraryName = keyof typeof arbitraries;

/** Repeats a command arbitrary `weight` times, the way fc.commands takes weights. */
export function weighted(weights: Partial<Record<ArbitraryName, number>>): Arb[] {
  return Object.entries(weights).flatMap(([name, weight]) =>
    Array.from({ length: weight ?? 0 }, () => arbitraries[name as ArbitraryName]),
  );
}
