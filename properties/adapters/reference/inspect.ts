// The cluster's state in the contract's normal form (spec/state.ts): brokers, groups as their
// coordinators hold them, and user-topic partitions with every replica's LEO, HW and last epoch.

import type { Cluster } from '../../../impl/cluster/cluster.ts';
import { OFFSETS_TOPIC } from '../../../impl/cluster/group-hosting.ts';
import { decodeAssignment } from '../../../impl/coordinator/consumer-protocol.ts';
import type { GroupSnapshot, PartitionSnapshot, SystemState } from '../../../spec/state.ts';

/** Names group members as the run's clients know them (Clients.memberName); undefined: no client knows it. */
export type MemberNaming = (memberId: string, instanceId: string | null) => string | undefined;

export function inspectCluster(cluster: Cluster, nameOf: MemberNaming): SystemState {
  return {
    timeMs: cluster.now(),
    brokers: cluster.brokers.map((b) => ({ id: b.id, alive: b.running })),
    groups: groupSnapshots(cluster, nameOf),
    partitions: cluster.controller
      .allPartitions()
      .filter((p) => p.topic !== OFFSETS_TOPIC)
      .map((p): PartitionSnapshot => {
        const leaderReplica =
          p.leader === null ? undefined : cluster.broker(p.leader).replica(p.topic, p.partition);
        return {
          topic: p.topic,
          partition: p.partition,
          replicas: [...p.replicas],
          leader: p.leader,
          leaderEpoch: p.leaderEpoch,
          isr: [...p.isr],
          highWatermark: leaderReplica?.role === 'leader' ? leaderReplica.highWatermark : -1,
          replicaStates: p.replicas.map((id) => {
            const broker = cluster.broker(id);
            const replica = broker.running ? broker.replica(p.topic, p.partition) : undefined;
            if (!replica)
              return {
                broker: id,
                alive: broker.running,
                logEndOffset: -1,
                highWatermark: -1,
                lastEpoch: -1,
              };
            return {
              broker: id,
              alive: true,
              logEndOffset: replica.logEndOffset(),
              highWatermark: replica.highWatermark,
              lastEpoch: replica.store.lastBatchEpoch(),
            };
          }),
        };
      }),
  };
}

function groupSnapshots(cluster: Cluster, nameOf: MemberNaming): GroupSnapshot[] {
  const groups: GroupSnapshot[] = [];
  const seen = new Set<string>();
  for (const meta of cluster.controller.topic(OFFSETS_TOPIC)?.partitions ?? []) {
    if (meta.leader === null) continue;
    const shard = cluster.groups.shardState(meta.leader, meta.partition);
    if (!shard) continue;
    for (const group of shard.groups.values()) {
      if (seen.has(group.groupId)) continue;
      seen.add(group.groupId);
      const offsets = shard.offsets.get(group.groupId);
      groups.push({
        group: group.groupId,
        state: group.state,
        generation: group.generation,
        protocol: group.protocolName,
        leader: group.leaderId === null ? null : (nameOf(group.leaderId, null) ?? null),
        members: [...group.members.values()]
          .flatMap((m) => {
            const client = nameOf(m.memberId, m.groupInstanceId);
            return client === undefined ? [] : [{ m, client }];
          })
          .map(({ m, client }) => ({
            client,
            ...(m.groupInstanceId === null ? {} : { instanceId: m.groupInstanceId }),
            syncedGeneration: m.assignmentGeneration,
            assignment:
              m.assignment.length > 0
                ? decodeAssignment(m.assignment).partitions.map((l) => ({
                    topic: l.topic,
                    partitions: [...l.partitions],
                  }))
                : [],
          })),
        committed: [...(offsets?.values() ?? [])].map((o) => ({
          topic: o.topic,
          partition: o.partition,
          offset: o.offset,
        })),
        coordinator: meta.leader,
      });
    }
  }
  return groups.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}
