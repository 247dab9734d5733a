// The controller's part of the data plane (KRaft's QuorumController reduced to one node that is
// always up): fencing a broker drops it from every ISR (unless it is the last member, RP-16) and
// re-elects the partitions it led (RP-12, RP-13); unfencing a returning broker elects a leader for
// partitions that had none; an ISR change a leader proposes is accepted from the current leader in
// its current epoch (AlterPartition). Every change reaches the brokers the controller can reach.
import { electLeader } from '../replication/failures.ts';
import { checkWaitingProduces } from './delayed-produce.ts';
import { applyView, roleOf } from './roles.ts';
import { allPartitions, controllerReaches, type PartitionModel, partitionKey, type World } from './world.ts';
import { currentTerm } from './zombie.ts';

/** RP-12: the live ISR members a clean election may pick (the model takes the first; adopt allows any). */
export function cleanCandidates(world: World, p: PartitionModel, isr: readonly number[]): number[] {
  return isr.filter((i) => !world.brokers[p.brokers[i]!]!.fenced);
}

/** RP-13: with no live ISR member and unclean election on, any live replica may lead. */
export function uncleanCandidates(world: World, p: PartitionModel): number[] {
  if (!p.settings.uncleanLeaderElection) return [];
  return p.brokers.map((_, i) => i).filter((i) => !world.brokers[p.brokers[i]!]!.fenced);
}

/**
 * A leader election over `isr`: a live ISR member (clean) keeps the live part of the ISR; else,
 * if allowed, a live out-of-sync replica becomes the whole ISR (unclean); else the partition is
 * offline and keeps `isr`. KRaft bumps the leader epoch on every leader change, going offline
 * included (PartitionChangeBuilder), so an offline partition elected later is two epochs on.
 */
export function elect(world: World, p: PartitionModel, isr: readonly number[]): void {
  const wasLeaderless = p.state.leader < 0;
  keepZombie(world, p);
  const clean = cleanCandidates(world, p, isr);
  const unclean = clean.length === 0 ? uncleanCandidates(world, p) : [];
  const picked = world.choices.leaders.get(partitionKey(p));
  const pickedIndex = picked === undefined ? -1 : p.brokers.indexOf(picked);
  const allowed = clean.length > 0 ? clean : unclean;
  const chosen = allowed.includes(pickedIndex) ? pickedIndex : allowed[0];
  if (allowed.length > 0)
    world.elections.set(
      partitionKey(p),
      allowed.map((i) => p.brokers[i]!),
    );
  if (chosen === undefined) {
    p.state = {
      ...p.state,
      leader: -1,
      isr: [...isr],
      leaderEpoch: wasLeaderless ? p.state.leaderEpoch : p.state.leaderEpoch + 1,
    };
    return;
  }
  electAs(p, chosen, clean.length > 0 ? clean : [chosen]);
}

/**
 * The leader being replaced keeps leading in its own view if the controller cannot tell it (its
 * broker runs but is cut off): its term is kept beside the partition's (zombie.ts).
 */
function keepZombie(world: World, p: PartitionModel): void {
  const old = p.state.leader;
  if (old < 0) return;
  const broker = p.brokers[old]!;
  if (world.brokers[broker]!.running && !controllerReaches(world, broker) && roleOf(p, old) === 'leader')
    p.zombies.set(old, currentTerm(p, old));
}

/** Makes replica `index` leader of the next epoch with `isr` (also how adopt follows the system's pick). */
export function electAs(p: PartitionModel, index: number, isr: readonly number[]): void {
  const base = { ...p.state, leader: -1, isr: [...isr].sort((a, b) => a - b) };
  const elected = electLeader(base, index, p.settings);
  // The controller decides leader, epoch and ISR; what the replicas do about it (the new leader's
  // HW, a follower's RP-15 truncation) happens when each broker hears of it (roles.ts), which a
  // cut-off broker does only later. The new leader knows none of its followers' LEOs.
  p.state = {
    ...elected,
    replicas: base.replicas.map((r, i) => (i === index ? r : { ...r, remoteLogEndOffset: 0 })),
  };
}

/** The broker is fenced: out of every ISR (not the last member), its partitions re-elected. */
export function fenceBroker(world: World, broker: number): PartitionModel[] {
  world.brokers[broker]!.fenced = true;
  const changed: PartitionModel[] = [];
  for (const p of allPartitions(world)) {
    const index = p.brokers.indexOf(broker);
    if (index < 0) continue;
    const isr =
      p.state.isr.includes(index) && p.state.isr.length > 1
        ? p.state.isr.filter((i) => i !== index)
        : p.state.isr;
    if (p.state.leader === index) {
      elect(world, p, isr);
      changed.push(p);
    } else if (isr !== p.state.isr) {
      p.state = { ...p.state, isr };
      changed.push(p);
    }
  }
  return changed;
}

/** A returning broker registers: leaderless partitions it belongs to get a leader if one is electable. */
export function unfenceBroker(world: World, broker: number): PartitionModel[] {
  world.brokers[broker]!.fenced = false;
  const changed: PartitionModel[] = [];
  for (const p of allPartitions(world)) {
    if (!p.brokers.includes(broker)) continue;
    if (p.state.leader < 0) {
      const clean = cleanCandidates(world, p, p.state.isr);
      const unclean = clean.length === 0 ? uncleanCandidates(world, p) : [];
      if (clean.length > 0 || unclean.length > 0) elect(world, p, p.state.isr);
    }
    changed.push(p);
  }
  return changed;
}

/**
 * AlterPartition: the leader (model replica `leader`) proposes `isr`; accepted when it still leads
 * in that epoch, the leader stays in it, and no fenced broker is added. Returns whether it applied.
 */
export function alterIsr(
  world: World,
  p: PartitionModel,
  leader: number,
  epoch: number,
  isr: readonly number[],
): boolean {
  if (!controllerReaches(world, p.brokers[leader]!)) return false;
  if (p.state.leader !== leader || epoch < p.state.leaderEpoch || !isr.includes(leader)) return false;
  if (isr.some((i) => !p.state.isr.includes(i) && world.brokers[p.brokers[i]!]!.fenced)) return false;
  p.state = { ...p.state, isr: [...isr].sort((a, b) => a - b) };
  propagate(world, [p]);
  return true;
}

/** Adopts an ISR (broker ids) the system's lag-out timing gave (isr-timing.ts), as AlterPartition would. */
export function setIsr(world: World, p: PartitionModel, brokers: readonly number[]): void {
  p.state = { ...p.state, isr: brokers.map((b) => p.brokers.indexOf(b)).sort((a, b) => a - b) };
  propagate(world, [p]);
}

/** The controller's state of `partitions` reaches every running broker it can talk to. */
export function propagate(world: World, partitions: readonly PartitionModel[]): void {
  // A restarted process still waiting to register (RP-25) is told nothing: it opens no log yet.
  for (const p of partitions)
    for (const broker of world.brokers)
      if (controllerReaches(world, broker.id) && !broker.awaitingRegistration) applyView(world, p, broker.id);
  checkWaitingProduces(world);
}
