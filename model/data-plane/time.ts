// Time (GC-34's timer discipline): due timers fire one at a time in deadline order, scheduling
// order on ties, each at its own deadline. The data plane's timers: the ISR expiration task every
// replica.lag.time.max.ms / 2 (RP-6, Partition.maybeShrinkIsr), the controller's broker liveness
// check (a broker silent for broker.session.timeout.ms is fenced), the HW checkpoint every
// replica.high.watermark.checkpoint.interval.ms, each waiting produce's request timeout, and each
// broker process's log flusher (RP-17, log-flusher.ts).
import { NEVER } from '../../spec/config.ts';
import { logEndOffset } from '../replication/high-watermark.ts';
import { alterIsr, fenceBroker, propagate } from './controller.ts';
import { checkWaitingProduces } from './delayed-produce.ts';
import { checkpointHighWatermarks, registerBroker } from './faults.ts';
import { runLogFlusher } from './log-flusher.ts';
import { roleOf } from './roles.ts';
import {
  allPartitions,
  brokerNode,
  connected,
  controllerReaches,
  type PartitionModel,
  type World,
} from './world.ts';

/** replica.high.watermark.checkpoint.interval.ms default. */
const HW_CHECKPOINT_INTERVAL_MS = 5_000;
/** How often the controller looks at broker liveness (the reference's broker heartbeat tick). */
const LIVENESS_INTERVAL_MS = 1_000;

type TimerKind = 'liveness' | 'isr-expiration' | 'hw-checkpoint' | 'produce-timeout' | 'log-flusher';

interface Timer {
  readonly dueMs: number;
  readonly seq: number;
  readonly kind: TimerKind;
  /** A log flusher's broker, and the process (broker epoch) it belongs to: it dies with it. */
  readonly broker?: number;
  readonly epoch?: number;
}

export class Timers {
  private timers: Timer[] = [];
  private seq = 0;

  constructor(
    private readonly world: World,
    from?: Timers,
  ) {
    if (from) {
      this.timers = [...from.timers];
      this.seq = from.seq;
      return;
    }
    this.schedule(LIVENESS_INTERVAL_MS, 'liveness');
    this.schedule(this.isrPeriod(), 'isr-expiration');
    this.schedule(HW_CHECKPOINT_INTERVAL_MS, 'hw-checkpoint');
    for (const b of world.brokers) this.startLogFlusher(b.id);
  }

  /** RP-17: a broker process's log flusher, first run log.initial.task.delay.ms after it started. */
  startLogFlusher(broker: number): void {
    if (this.world.config.logFlushSchedulerIntervalMs >= NEVER) return;
    const epoch = this.world.brokers[broker]!.epoch;
    this.schedule(this.world.nowMs + this.world.config.logInitialTaskDelayMs, 'log-flusher', broker, epoch);
  }

  /** The same timers, driving another world (a copy taken to re-apply an event). */
  cloneFor(world: World): Timers {
    return new Timers(world, this);
  }

  private isrPeriod(): number {
    return Math.max(1, Math.floor(this.world.config.replicaLagTimeMaxMs / 2));
  }

  schedule(dueMs: number, kind: TimerKind, broker?: number, epoch?: number): void {
    this.timers.push({ dueMs, seq: this.seq++, kind, ...(broker === undefined ? {} : { broker, epoch }) });
    this.timers.sort((a, b) => a.dueMs - b.dueMs || a.seq - b.seq);
  }

  advanceTo(targetMs: number): void {
    for (;;) {
      const next = this.timers[0];
      if (!next || next.dueMs > targetMs) break;
      this.timers.shift();
      this.world.nowMs = Math.max(this.world.nowMs, next.dueMs);
      this.fire(next);
    }
    this.world.nowMs = Math.max(this.world.nowMs, targetMs);
  }

  private fire(timer: Timer): void {
    const world = this.world;
    switch (timer.kind) {
      case 'liveness':
        checkLiveness(world);
        this.schedule(world.nowMs + LIVENESS_INTERVAL_MS, 'liveness');
        return;
      case 'isr-expiration':
        shrinkIsrs(world);
        this.schedule(world.nowMs + this.isrPeriod(), 'isr-expiration');
        return;
      case 'hw-checkpoint':
        for (const b of world.brokers) checkpointHighWatermarks(world, b.id);
        this.schedule(world.nowMs + HW_CHECKPOINT_INTERVAL_MS, 'hw-checkpoint');
        return;
      case 'produce-timeout':
        checkWaitingProduces(world);
        return;
      case 'log-flusher': {
        const broker = world.brokers[timer.broker!]!;
        if (!broker.running || broker.epoch !== timer.epoch) return;
        runLogFlusher(world, broker.id);
        this.schedule(
          world.nowMs + world.config.logFlushSchedulerIntervalMs,
          'log-flusher',
          broker.id,
          broker.epoch,
        );
        return;
      }
    }
  }
}

/**
 * RP-25: the controller fences a broker it has not heard from for broker.session.timeout.ms,
 * whether its process stopped (a crash), restarted (its new process is not registered yet) or is
 * cut off (BrokerHeartbeatManager); a restarted process registers on the same tick.
 */
function checkLiveness(world: World): void {
  for (const b of world.brokers) {
    if (controllerReaches(world, b.id) && !b.awaitingRegistration) {
      b.lastContactMs = world.nowMs;
      if (b.fenced) registerBroker(world, b.id);
      continue;
    }
    if (!b.fenced && world.nowMs - b.lastContactMs >= world.config.brokerSessionTimeoutMs)
      propagate(world, fenceBroker(world, b.id));
    if (b.fenced && b.awaitingRegistration && controllerReaches(world, b.id)) {
      b.awaitingRegistration = false;
      b.lastContactMs = world.nowMs;
      registerBroker(world, b.id);
    }
  }
}

/**
 * RP-6: each leader drops the ISR followers not caught up with its LEO for longer than
 * replica.lag.time.max.ms (Partition.getOutOfSyncReplicas). A follower that can reach the leader and already holds its whole log
 * keeps fetching (empty fetches), so it counts as caught up now; one that has not fetched in this
 * term but whose own log already ends where the leader's epoch started has nothing to fetch either.
 */
export function shrinkIsrs(world: World): void {
  for (const b of world.brokers) {
    if (!b.running) continue;
    for (const p of allPartitions(world)) {
      const leader = p.brokers.indexOf(b.id);
      if (leader >= 0 && roleOf(p, leader) === 'leader' && p.state.leader === leader)
        shrinkIsr(world, p, leader);
    }
  }
  checkWaitingProduces(world);
}

/** RP-6 for one partition, as its leader's ISR expiration task runs it (RP-10's race, replicate.ts). */
export function shrinkIsrOf(world: World, p: PartitionModel): void {
  const leader = p.state.leader;
  if (leader >= 0 && world.brokers[p.brokers[leader]!]!.running && roleOf(p, leader) === 'leader')
    shrinkIsr(world, p, leader);
}

function shrinkIsr(world: World, p: PartitionModel, leader: number): void {
  const leo = logEndOffset(p.state.replicas[leader]!);
  const now = world.nowMs;
  for (let i = 0; i < p.brokers.length; i++) {
    if (i === leader) continue;
    const follower = p.brokers[i]!;
    const fetching =
      world.brokers[follower]!.running &&
      connected(world, brokerNode(follower), brokerNode(p.brokers[leader]!));
    if (!fetching) continue;
    const known = p.fetched[i] ? p.state.replicas[i]!.remoteLogEndOffset : -1;
    const clock = p.clocks[i]!;
    // What the leader last heard counts only while the follower's log still ends there: one that
    // lost its disk or truncated since would fetch from further back, which is not caught up.
    if (known >= leo && logEndOffset(p.state.replicas[i]!) === known)
      p.clocks[i] = {
        ...clock,
        lastCaughtUpTimeMs: now,
        lastFetchLeaderEndOffset: leo,
        lastFetchTimeMs: now,
      };
    else if (
      known < 0 &&
      leo === p.state.epochStartOffset &&
      p.views[follower] &&
      logEndOffset(p.state.replicas[i]!) === leo
    )
      p.clocks[i] = { ...clock, lastCaughtUpTimeMs: now, lastFetchTimeMs: now };
  }
  // Replica.isCaughtUp: a follower whose last fetch reached the leader's LEO is in sync however
  // long ago that was (a cut-off follower leaves the ISR when the LEO moves on, or when the
  // controller fences its broker); a follower behind is out once it has not caught up for longer
  // than replica.lag.time.max.ms.
  const lagging = p.state.isr.filter(
    (i) =>
      i !== leader &&
      !(p.fetched[i] && p.state.replicas[i]!.remoteLogEndOffset === leo) &&
      now - p.clocks[i]!.lastCaughtUpTimeMs > world.config.replicaLagTimeMaxMs,
  );
  if (lagging.length > 0)
    alterIsr(
      world,
      p,
      leader,
      p.state.leaderEpoch,
      p.state.isr.filter((i) => !lagging.includes(i)),
    );
}
