// A leader that has not heard that it was replaced (a zombie): cut off from the controller when a
// new leader was elected, it still leads in its own view, in its old epoch, with its old ISR. It
// accepts writes from clients that reach it (acks=1 is answered; acks=all waits on an ISR that can
// never confirm, as the AlterPartition that would shrink it cannot reach the controller) and serves
// followers that share its view, until the controller reaches it again and it becomes a follower,
// whose log then truncates to the new leader's (RP-14). The controller's leader keeps the
// partition's state (model/replication's single leader); a zombie keeps its own term beside it.
import type { ReplicationState } from '../replication/types.ts';
import type { LeaderTerm, PartitionModel } from './world.ts';

/** The ISR replica `index` last heard of (as model replicas), or undefined when it heard nothing. */
function viewedIsr(p: PartitionModel, index: number): number[] | undefined {
  const view = p.views[p.brokers[index]!];
  return view?.isr.map((broker) => p.brokers.indexOf(broker)).sort((a, b) => a - b);
}

/**
 * The controller's leader decides (min.insync.replicas, HW) on the ISR it last heard of: the
 * controller's, unless it has changed the ISR (fencing a follower) while the leader was cut off.
 */
function inOwnIsr<T>(p: PartitionModel, index: number, fn: () => T): T {
  const own = viewedIsr(p, index);
  const controllers = p.state.isr;
  if (!own || own.join() === controllers.join()) return fn();
  p.state = { ...p.state, isr: own };
  try {
    return fn();
  } finally {
    p.state = { ...p.state, isr: controllers };
  }
}

/** The term the controller's leader `index` leads, kept when it is replaced without knowing it. */
export function currentTerm(p: PartitionModel, index: number): LeaderTerm {
  return {
    epoch: p.state.leaderEpoch,
    isr: viewedIsr(p, index) ?? [...p.state.isr],
    epochStartOffset: p.state.epochStartOffset,
    remotes: p.state.replicas.map((r) => r.remoteLogEndOffset),
    clocks: [...p.clocks],
    fetched: [...p.fetched],
  };
}

/**
 * Runs `fn` with replica `index` as the leader of its own term: the controller's leader as it is,
 * a zombie with its term swapped in (the replicas' logs are shared; what `fn` changes in them
 * stays, the zombie's view of its followers goes back into its term). Undefined when `index` leads
 * in no term.
 */
export function asLeader<T>(p: PartitionModel, index: number, fn: () => T): T | undefined {
  if (p.state.leader === index) return inOwnIsr(p, index, fn);
  const term = p.zombies.get(index);
  if (!term) return undefined;
  const saved = { state: p.state, clocks: p.clocks, fetched: p.fetched };
  const zombie: ReplicationState = {
    ...p.state,
    leader: index,
    leaderEpoch: term.epoch,
    isr: [...term.isr],
    epochStartOffset: term.epochStartOffset,
    replicas: p.state.replicas.map((r, i) => ({ ...r, remoteLogEndOffset: term.remotes[i]! })),
  };
  p.state = zombie;
  p.clocks = term.clocks;
  p.fetched = term.fetched;
  try {
    return fn();
  } finally {
    const after = p.state;
    term.isr = after.isr;
    term.remotes = after.replicas.map((r) => r.remoteLogEndOffset);
    term.clocks = p.clocks;
    term.fetched = p.fetched;
    p.state = {
      ...saved.state,
      replicas: saved.state.replicas.map((r, i) => ({
        ...after.replicas[i]!,
        remoteLogEndOffset: r.remoteLogEndOffset,
      })),
    };
    p.clocks = saved.clocks;
    p.fetched = saved.fetched;
  }
}
