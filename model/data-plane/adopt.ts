// Open choices (spec/oracle.ts `adopt`): after each event the system's snapshot shows what it
// chose where the rule book allows several outcomes; each choice is checked against the allowed
// set and the event is re-applied with it, so later answers follow the system.
// - RP-1: which brokers hold a new partition's replicas (Kafka places them at random): distinct
//   brokers, as many as the replication factor, every one live.
// - RP-12/RP-13: which eligible replica an election picks (Kafka: first in assignment order; the
//   rule book allows any live ISR member, or any live replica for an unclean election).
// - RP-6: when a lagging follower leaves the ISR (isr-timing.ts).
// - LG-8: how much of what a power loss took a disk had written back (a prefix, possibly empty).
// - RP-5: the order followers fetch in within a replicate round (Kafka's fetchers race): it shows
//   in the followers' HWs and in which follower rejoins the ISR first. Replica states no order
//   explains break the fetch rules themselves (RP-2, RP-5, RP-7, RP-14) and are reported as RP-5.
import type { Event } from '../../spec/events.ts';
import type { Disallowed } from '../../spec/oracle.ts';
import type { PartitionSnapshot, SystemState } from '../../spec/state.ts';
import { isrTiming } from './isr-timing.ts';
import { permutations } from './permutations.ts';
import { recoveryKey } from './recovery.ts';
import { partitionSnapshot } from './snapshot.ts';
import { allPartitions, type Choices, noChoices, partitionKey, type World } from './world.ts';

export interface AdoptResult {
  /** Choices to re-apply the event with, or undefined when the oracle already agrees. */
  readonly choices: Choices | undefined;
  readonly disallowed: Disallowed[];
}

function observedPartition(observed: SystemState, key: string): PartitionSnapshot | undefined {
  return observed.partitions.find((p) => partitionKey(p) === key);
}

function placementProblem(world: World, replicas: readonly number[], factor: number): string | undefined {
  if (replicas.length !== factor) return `${replicas.length} replicas for replication factor ${factor}`;
  if (new Set(replicas).size !== replicas.length)
    return `a broker holds two replicas (${replicas.join(',')})`;
  const dead = replicas.find((b) => !world.brokers[b] || world.brokers[b]!.fenced);
  return dead === undefined ? undefined : `broker ${dead} is not live`;
}

const sameReplicaStates = (a: PartitionSnapshot, b: PartitionSnapshot): boolean =>
  JSON.stringify([a.isr, a.highWatermark, a.replicaStates]) ===
  JSON.stringify([b.isr, b.highWatermark, b.replicaStates]);

/**
 * The choices to adopt after `event`. `previous` is the oracle before the event, `world` after
 * applying it its own way (or the way `followed` says); `simulate` re-applies the event to
 * `previous` with given choices.
 */
export function adoptChoices(
  previous: World,
  world: World,
  event: Event,
  observed: SystemState,
  simulate: (choices: Choices) => World,
  followed?: ReadonlyMap<string, number[]>,
): AdoptResult {
  const disallowed: Disallowed[] = [];
  const choices = noChoices();
  // Fetch orders the oracle already follows (the system answered as they give: followAlternative)
  // are where the search starts, so fixing one partition's order keeps the others'.
  for (const [key, order] of followed ?? []) choices.fetchOrders.set(key, order);
  let differs = choices.fetchOrders.size > 0;
  if (event.type === 'create-topic' || event.type === 'partition-change') {
    const topic = world.topics.get(event.topic);
    for (const p of topic?.partitions ?? []) {
      const seen = observedPartition(observed, partitionKey(p));
      if (!seen) continue;
      choices.placements.set(partitionKey(p), [...seen.replicas]);
      if (seen.replicas.join() === p.brokers.join()) continue;
      const problem = placementProblem(world, seen.replicas, topic!.replicationFactor);
      if (problem)
        disallowed.push({
          rule: 'RP-1',
          message: `${partitionKey(p)} placed on ${seen.replicas.join(',')}: ${problem}`,
        });
      else differs = true;
    }
  }
  for (const [key, allowed] of world.elections) {
    const seen = observedPartition(observed, key);
    const p = allPartitions(world).find((q) => partitionKey(q) === key)!;
    const mine = p.state.leader < 0 ? null : p.brokers[p.state.leader]!;
    if (!seen || seen.leader === mine) continue;
    if (seen.leader !== null && allowed.includes(seen.leader)) {
      choices.leaders.set(key, seen.leader);
      differs = true;
    } else
      disallowed.push({
        rule: p.settings.uncleanLeaderElection ? 'RP-13' : 'RP-12',
        message: `${key} elected ${seen.leader ?? 'no leader'}; the rules allow ${allowed.join(' or ')}`,
      });
  }
  // A replica opened in this event after a power loss shows how much of the lost tail its disk kept.
  for (const p of allPartitions(previous)) {
    for (let index = 0; index < p.brokers.length; index++) {
      const tail = p.lostTails[index]!.length;
      if (tail === 0 || !p.recovering[index]) continue;
      const broker = p.brokers[index]!;
      const seen = observedPartition(observed, partitionKey(p))?.replicaStates.find(
        (r) => r.broker === broker,
      );
      const flushed = p.state.replicas[index]!.log.length;
      if (!seen || seen.logEndOffset <= flushed || seen.logEndOffset > flushed + tail) continue;
      choices.recoveredLengths.set(recoveryKey(p, broker), seen.logEndOffset);
      differs = true;
    }
  }
  let current = differs ? simulate(choices) : world;
  // RP-6: when lagging followers leave the ISR is the system's (isr-timing.ts).
  if (event.type === 'advance-time') {
    for (const p of allPartitions(current)) {
      const seen = observedPartition(observed, partitionKey(p));
      const was = previous.topics.get(p.topic)?.partitions[p.partition];
      const before = was ? was.state.isr.map((i) => was.brokers[i]!) : [];
      const timing = seen ? isrTiming(current, p, seen, before) : undefined;
      if (timing && 'adopt' in timing) {
        choices.isrAfter.set(partitionKey(p), timing.adopt);
        differs = true;
      } else if (timing) disallowed.push(timing.disallowed);
    }
    if (choices.isrAfter.size > 0) current = simulate(choices);
  }
  if (event.type === 'replicate') {
    for (const p of allPartitions(current)) {
      const seen = observedPartition(observed, partitionKey(p));
      if (!seen || sameReplicaStates(partitionSnapshot(current, p), seen)) continue;
      let explained = false;
      for (const order of permutations(p.brokers)) {
        choices.fetchOrders.set(partitionKey(p), order);
        const candidate = simulate(choices);
        const q = candidate.topics.get(p.topic)!.partitions[p.partition]!;
        if (sameReplicaStates(partitionSnapshot(candidate, q), seen)) {
          current = candidate;
          differs = true;
          explained = true;
          break;
        }
        if (followed?.has(partitionKey(p)))
          choices.fetchOrders.set(partitionKey(p), followed.get(partitionKey(p))!);
        else choices.fetchOrders.delete(partitionKey(p));
      }
      if (!explained)
        disallowed.push({
          rule: 'RP-5',
          message: `${partitionKey(p)}: no order of the followers' fetches gives ISR ${JSON.stringify(seen.isr)}, HW ${seen.highWatermark} and replicas ${JSON.stringify(seen.replicaStates.map((r) => [r.broker, r.logEndOffset, r.highWatermark]))} (the model: ${JSON.stringify(partitionSnapshot(current, p).replicaStates.map((r) => [r.broker, r.logEndOffset, r.highWatermark]))})`,
        });
    }
  }
  return { choices: differs ? choices : undefined, disallowed };
}
