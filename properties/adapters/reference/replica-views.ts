// The reference cluster's answer to SystemUnderTest.replicas(): leaders, replicas and ISRs as its
// Metadata handler would report them (cluster.metadata, the same view impl/broker's Metadata reads,
// asked of the first running broker), so a role-named fault target resolves the same in process
// as against `kspec broker` over the wire.
import type { Cluster } from '../../../impl/cluster/cluster.ts';
import { brokerNode } from '../../../impl/sim/network.ts';
import type { ReplicaView } from '../../../spec/sut.ts';

export function replicaViewsOf(cluster: Cluster): ReplicaView[] {
  for (const broker of cluster.brokers) {
    const answer = broker.running ? cluster.metadata(brokerNode(broker.id), broker.id) : undefined;
    if (!answer) continue;
    return answer.topics.flatMap((topic) =>
      topic.partitions.map((p) => ({
        topic: topic.name,
        partition: p.partition,
        leader: p.leader < 0 ? null : p.leader,
        replicas: [...p.replicas],
        isr: [...p.isr],
      })),
    );
  }
  throw new Error('no running broker answers Metadata');
}
