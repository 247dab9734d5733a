// The oracle's state in the contract's normal form (spec/state.ts): brokers and the run's
// partitions. A replica shows its log only while its broker runs and has opened it; the partition's
// HW is its leader's, once that broker knows it leads.
import type { PartitionSnapshot, SystemState } from '../../spec/state.ts';
import { logEndOffset } from '../replication/high-watermark.ts';
import { roleOf } from './roles.ts';
import { allPartitions, type PartitionModel, type World } from './world.ts';

export function partitionSnapshot(world: World, p: PartitionModel): PartitionSnapshot {
  const { state } = p;
  const leader =
    state.leader >= 0 && roleOf(p, state.leader) === 'leader' ? state.replicas[state.leader]! : undefined;
  return {
    topic: p.topic,
    partition: p.partition,
    replicas: [...p.brokers],
    leader: state.leader < 0 ? null : p.brokers[state.leader]!,
    leaderEpoch: state.leaderEpoch,
    isr: state.isr.map((i) => p.brokers[i]!),
    highWatermark: leader ? leader.highWatermark : -1,
    replicaStates: p.brokers.map((broker, i) => {
      const running = world.brokers[broker]!.running;
      const replica = state.replicas[i]!;
      if (!running || !p.views[broker])
        return { broker, alive: running, logEndOffset: -1, highWatermark: -1, lastEpoch: -1 };
      return {
        broker,
        alive: true,
        logEndOffset: logEndOffset(replica),
        highWatermark: replica.highWatermark,
        lastEpoch: replica.log.at(-1)?.epoch ?? -1,
      };
    }),
  };
}

export function worldSnapshot(world: World): SystemState {
  return {
    timeMs: world.nowMs,
    brokers: world.brokers.map((b) => ({ id: b.id, alive: b.running })),
    groups: [],
    partitions: allPartitions(world).map((p) => partitionSnapshot(world, p)),
  };
}
