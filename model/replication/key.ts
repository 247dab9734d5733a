// The canonical key of a replication state, for the explorer's deduplication. Two reductions:
// - symmetry: elections may pick any eligible replica (RP-12), so broker ids carry no meaning and
//   the key is the sorted multiset of per-replica descriptions (leadership and ISR membership are
//   part of each description, so nothing refers to an id);
// - epochs are only ever compared, so they are renumbered densely in order.
// Fields that cannot influence the future are zeroed: a dead or leading replica's fetch offset, and
// how much of each log is flushed once the power-loss budget is spent (only a power loss reads it).
// Lists the invariants read as sets (acknowledged records) are keyed in a canonical order.
// Every number is small (offsets and values are bounded by the writes), so each is one UTF-16
// code unit: keys stay short, which makes hashing them in the explorer's seen-set cheap.
import type { AcknowledgedRecord, ReplicationState } from './types.ts';

const codes: number[] = [];
const text = (): string => {
  const result = String.fromCharCode(...codes);
  codes.length = 0;
  return result;
};

function records(list: readonly AcknowledgedRecord[]): void {
  codes.push(list.length);
  for (const record of list) codes.push(record.value, record.offset);
}

const byValue = (a: AcknowledgedRecord, b: AcknowledgedRecord): number => a.value - b.value;

function recordSet(list: readonly AcknowledgedRecord[]): void {
  records(list.length < 2 ? list : list.slice().sort(byValue));
}

export function replicationKey(state: ReplicationState, powerLossBudget: number): string {
  const flushMatters = state.powerLossesUsed < powerLossBudget;
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
    const flags =
      (replica.alive ? 1 : 0) |
      (replica.gone ? 2 : 0) |
      (broker === state.leader ? 4 : 0) |
      (state.isr.includes(broker) ? 8 : 0);
    codes.push(flags, flushMatters ? replica.flushed : 0, replica.highWatermark, remote, replica.log.length);
    for (const entry of replica.log) codes.push(entry.value, rank[entry.epoch]!);
    descriptions.push(text());
  }
  descriptions.sort();
  codes.push(
    rank[state.leaderEpoch]!,
    state.epochStartOffset,
    state.nextValue,
    state.epochHighestHighWatermark,
  );
  codes.push(state.powerLossesUsed, state.diskLossesUsed);
  records(state.pending);
  recordSet(state.acknowledged);
  codes.push(state.committed.length, ...state.committed);
  return text() + descriptions.join('');
}
