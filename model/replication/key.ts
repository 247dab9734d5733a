// The canonical key of a replication state, for the explorer's deduplication. Two reductions:
// - symmetry: elections may pick any eligible replica (RP-12), so broker ids carry no meaning and
//   the key is the sorted multiset of per-replica descriptions (leadership and ISR membership are
//   part of each description, so nothing refers to an id);
// - epochs are only ever compared, so they are renumbered densely in order.
// Fields that cannot influence the future are zeroed (a dead or leading replica's fetch offset).
import type { ReplicationState } from './types.ts';

export function replicationKey(state: ReplicationState): string {
  // Epochs are 0..leaderEpoch: mark the ones in use, then rank them by a running count.
  const rank = new Int32Array(state.leaderEpoch + 1);
  rank[state.leaderEpoch] = 1;
  for (const replica of state.replicas) for (const entry of replica.log) rank[entry.epoch] = 1;
  for (let epoch = 0, used = 0; epoch <= state.leaderEpoch; epoch++) {
    const inUse = rank[epoch] === 1;
    rank[epoch] = used;
    if (inUse) used++;
  }
  const descriptions: string[] = [];
  for (let broker = 0; broker < state.replicas.length; broker++) {
    const replica = state.replicas[broker]!;
    const remote =
      state.leader < 0 || broker === state.leader || !replica.alive ? 0 : replica.remoteLogEndOffset;
    let text = `${replica.alive ? 'a' : replica.gone ? 'g' : 'd'}${broker === state.leader ? 'L' : ''}${state.isr.includes(broker) ? 'I' : ''}${replica.flushed},${replica.highWatermark},${remote}:`;
    for (const entry of replica.log) text += `${entry.value}.${rank[entry.epoch]} `;
    descriptions.push(text);
  }
  descriptions.sort();
  const pending = state.pending.map((record) => `${record.value}@${record.offset}`).join(',');
  const acknowledged = state.acknowledged.map((record) => `${record.value}@${record.offset}`).join(',');
  return `${rank[state.leaderEpoch]}|${state.epochStartOffset}|${state.nextValue}|${pending}|${acknowledged}|${state.committed.join(',')}|${state.epochHighestHighWatermark}|${state.powerLossesUsed}|${state.diskLossesUsed}#${descriptions.join('#')}`;
}
