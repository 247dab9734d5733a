// Broker failures, restarts, fsyncs and the network (RP-16, RP-17, RP-25). A clean shutdown hands
// its leaderships over before it stops (controlled shutdown) and flushes; the other kinds stop at
// once with what the kind leaves on disk (model/replication failedReplica), and the controller
// fences the broker only when its session expires (time.ts), so until then it is crashed but not
// fenced: still leader and in the ISR for the controller. A restarted broker recovers its log,
// takes the HW it last checkpointed (replica.high.watermark.checkpoint.interval.ms) capped at its
// LEO, and registers again when it can reach the controller and its previous session is over (and
// opens its logs then); healing the network lets cut-off brokers register or catch up.
import type { BrokerFailureKind } from '../../spec/events.ts';
import { failedReplica } from '../replication/failures.ts';
import { replaceReplica } from '../replication/high-watermark.ts';
import { flushReplica } from '../replication/state.ts';
import { fenceBroker, propagate, unfenceBroker } from './controller.ts';
import { checkWaitingProduces } from './delayed-produce.ts';
import { applyView } from './roles.ts';
import { allPartitions, brokerNode, clientNode, controllerReaches, type World } from './world.ts';

/** replication-offset-checkpoint: every open replica's HW as its broker last wrote it. */
export function checkpointHighWatermarks(world: World, broker: number): void {
  if (!world.brokers[broker]!.running) return;
  for (const p of allPartitions(world)) {
    const index = p.brokers.indexOf(broker);
    if (index >= 0 && p.views[broker])
      p.checkpointedHighWatermark[index] = p.state.replicas[index]!.highWatermark;
  }
}

function stop(world: World, broker: number, kind: BrokerFailureKind): void {
  if (kind === 'clean-shutdown') checkpointHighWatermarks(world, broker);
  for (const p of allPartitions(world)) {
    const index = p.brokers.indexOf(broker);
    p.views[broker] = null;
    if (index < 0) continue;
    p.zombies.delete(index);
    const replica = p.state.replicas[index]!;
    // A replica not opened since its last stop has written nothing since: its disk is as that stop
    // left it (what a power loss may have kept included), unless the disk itself is lost now.
    if (!p.recovering[index] || kind === 'disk-loss')
      p.lostTails[index] = kind === 'power-loss' ? replica.log.slice(replica.flushed) : [];
    p.recovering[index] = true;
    p.state = replaceReplica(p.state, index, failedReplica(replica, kind));
    if (kind === 'disk-loss') {
      p.checkpointedHighWatermark[index] = 0;
      p.epochCaches[index] = [];
    }
  }
  world.brokers[broker]!.running = false;
}

export function failBroker(world: World, broker: number, kind: BrokerFailureKind): void {
  const state = world.brokers[broker]!;
  if (!state.running) return;
  if (kind === 'clean-shutdown') {
    propagate(world, fenceBroker(world, broker));
    stop(world, broker, kind);
  } else stop(world, broker, kind); // RP-25: fenced when its session expires (time.ts)
  checkWaitingProduces(world);
}

export function restartBroker(world: World, broker: number): void {
  const state = world.brokers[broker]!;
  if (state.running) return;
  state.running = true;
  state.epoch += 1;
  // Its logs are recovered when it opens them, once the controller tells it about them (recovery.ts).
  for (const p of allPartitions(world)) {
    const index = p.brokers.indexOf(broker);
    if (index >= 0)
      p.state = replaceReplica(p.state, index, { ...p.state.replicas[index]!, alive: true, gone: false });
  }
  // RP-25: ClusterControlManager.registerBroker refuses a new incarnation while the old session is
  // valid; the broker retries, and gets in once the controller has fenced it (time.ts).
  if (!state.fenced) {
    state.awaitingRegistration = true;
    return;
  }
  state.lastContactMs = world.nowMs;
  if (controllerReaches(world, broker)) registerBroker(world, broker);
}

/** The broker is heard from again: unfenced, and it learns every partition. */
export function registerBroker(world: World, broker: number): void {
  world.brokers[broker]!.awaitingRegistration = false;
  const changed = unfenceBroker(world, broker);
  for (const p of allPartitions(world)) if (!changed.includes(p)) applyView(world, p, broker);
  propagate(world, changed);
}

export function flushBroker(world: World, broker: number): void {
  if (!world.brokers[broker]!.running) return;
  for (const p of allPartitions(world)) {
    const index = p.brokers.indexOf(broker);
    if (index >= 0 && p.views[broker]) p.state = flushReplica(p.state, index);
  }
}

export function isolate(world: World, brokers: readonly number[], clients: readonly string[]): void {
  const nodes = [...brokers.map(brokerNode), ...clients.map(clientNode)];
  if (nodes.length > 0) world.isolations.push(new Set(nodes));
}

export function heal(world: World): void {
  world.isolations = [];
  for (const b of world.brokers) {
    if (!controllerReaches(world, b.id) || b.awaitingRegistration) continue;
    b.lastContactMs = world.nowMs;
    if (b.fenced) registerBroker(world, b.id);
    else for (const p of allPartitions(world)) applyView(world, p, b.id);
  }
  checkWaitingProduces(world);
}
