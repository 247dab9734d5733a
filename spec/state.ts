// A system's state in one normal form, for invariants that look inside (one owner per partition,
// HW <= every ISR member's LEO, ...). The model always provides it; the reference cluster too; a
// black-box system (a real Kafka cluster) may not, and then only history checkers apply.
import { type Static, Type } from '@sinclair/typebox';
import {
  BrokerId,
  ClientName,
  Closed,
  Generation,
  GroupId,
  InstanceId,
  Offset,
  PartitionIndex,
  TopicName,
  TopicPartitions,
} from './common.ts';
import { GroupStateSchema } from './observations.ts';

export const GroupSnapshot = Closed({
  group: GroupId,
  state: GroupStateSchema,
  generation: Generation,
  protocol: Type.Union([Type.String(), Type.Null()]),
  leader: Type.Union([ClientName, Type.Null()]),
  members: Type.Array(
    Closed({
      client: ClientName,
      /** A static member's group.instance.id (GC-40): its identity across replacements. */
      instanceId: InstanceId,
      /** The generation this member last synced in, with the partitions it was given then. */
      syncedGeneration: Generation,
      assignment: Type.Array(TopicPartitions),
    }),
  ),
  committed: Type.Array(Closed({ topic: TopicName, partition: PartitionIndex, offset: Offset })),
  /**
   * Optional: the broker whose coordinator holds the group (the leader of its __consumer_offsets
   * partition). With it, a lockstep oracle keeps predicting group answers through failures of
   * other brokers.
   */
  coordinator: Type.Optional(BrokerId),
});

export const ReplicaSnapshot = Closed({
  broker: BrokerId,
  alive: Type.Boolean(),
  logEndOffset: Offset,
  highWatermark: Offset,
  /** The epoch of the last batch in this replica's log (-1 when empty). */
  lastEpoch: Type.Integer({ minimum: -1 }),
});

export const PartitionSnapshot = Closed({
  topic: TopicName,
  partition: PartitionIndex,
  replicas: Type.Array(BrokerId),
  leader: Type.Union([BrokerId, Type.Null()]),
  leaderEpoch: Type.Integer({ minimum: -1 }),
  isr: Type.Array(BrokerId),
  /** The leader's high watermark (-1 with no leader, or while the leader's process is down and its broker not yet fenced, RP-25). */
  highWatermark: Offset,
  replicaStates: Type.Array(ReplicaSnapshot),
});

export const SystemStateSchema = Closed(
  {
    timeMs: Type.Integer({ minimum: 0 }),
    brokers: Type.Array(Closed({ id: BrokerId, alive: Type.Boolean() })),
    groups: Type.Array(GroupSnapshot),
    partitions: Type.Array(PartitionSnapshot),
  },
  'A normal-form snapshot of a system, for state invariants.',
);

export type SystemState = Static<typeof SystemStateSchema>;
export type GroupSnapshot = Static<typeof GroupSnapshot>;
export type PartitionSnapshot = Static<typeof PartitionSnapshot>;
