// Leaders, replicas and ISRs as the cluster reports them, from one Metadata request to the first
// broker that answers (KafkaTarget.requestAnyBroker): what a fault aimed at a role ("the leader of
// the partition written last") is resolved with at the moment of the fault, over the wire.
import type { KafkaTarget } from './target.ts';

// biome-ignore lint/suspicious/noExplicitAny: decoded wire answers, read field by field
type Answer = any;

export interface ReplicaView {
  topic: string;
  partition: number;
  leader: number | null;
  replicas: number[];
  isr: number[];
}

export async function describeReplicas(
  target: KafkaTarget,
  topics: readonly string[],
): Promise<ReplicaView[]> {
  const answer = (await target.requestAnyBroker('admin', 'Metadata', 9, {
    topics: topics.map((name) => ({ name })),
    allowAutoTopicCreation: false,
  })) as Answer;
  return (answer.topics as Answer[])
    .filter((topic) => topic.errorCode === 0)
    .flatMap((topic) =>
      (topic.partitions as Answer[]).map((p) => ({
        topic: topic.name as string,
        partition: p.partitionIndex as number,
        leader: p.leaderId < 0 ? null : (p.leaderId as number),
        replicas: [...(p.replicaNodes as number[])],
        isr: [...(p.isrNodes as number[])],
      })),
    );
}
