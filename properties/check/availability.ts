// The availability case of the matrix (replication.factor == min.insync.replicas): with one replica
// down, is an acks=all write refused? A directed scenario, not a search: create the topic, stop one
// follower of partition 0, let the ISR notice, write with acks=all.
import { type Config, intSetting } from '../../spec/config.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';

export interface AvailabilityResult {
  readonly refused: boolean;
  readonly error: string;
  readonly events: number;
}

export async function probeAvailability(
  system: SystemUnderTest,
  config: Config,
  seed: number,
): Promise<AvailabilityResult> {
  await system.reset({ seed, config });
  const replicationFactor = Math.min(intSetting(config, 'replication.factor'), intSetting(config, 'brokers'));
  let seq = 0;
  await system.apply({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor }, seq++);
  const state = system.inspect ? await system.inspect() : undefined;
  const partition = state?.partitions.find((p) => p.topic === 't' && p.partition === 0);
  const follower = partition?.replicas.find((r) => r !== partition.leader) ?? 1;
  await system.apply({ type: 'broker-failure', broker: follower, kind: 'process-crash' }, seq++);
  await system.apply({ type: 'advance-time', ms: intSetting(config, 'replica.lag.time.max.ms') + 1 }, seq++);
  const produced = await system.apply(
    { type: 'produce', producer: 'p0', topic: 't', partition: 0, values: ['probe'], acks: -1 },
    seq++,
  );
  // Two fetch rounds: a Kafka-like leader learns its followers' progress from their next fetch.
  const later = [
    ...(await system.apply({ type: 'replicate' }, seq++)),
    ...(await system.apply({ type: 'replicate' }, seq++)),
  ];
  const answer = [...produced, ...later].find((o) => o.type === 'produce-response');
  const error = answer && answer.type === 'produce-response' ? answer.error : 'no answer';
  return { refused: error !== 'NONE', error, events: seq };
}
