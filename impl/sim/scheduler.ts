// Timers of the simulation in deadline order. Ties break by the order of scheduling, so the same
// run fires the same timers in the same order. A timer is a named callback; names make traces of
// which timer fired readable.
import type { SimulatedClock } from './clock.ts';

export interface TimerHandle {
  readonly id: number;
  readonly dueMs: number;
  readonly label: string;
}

interface Timer extends TimerHandle {
  readonly callback: () => void;
}

/** Bound on pending timers: a leak shows up as an error instead of a slow run. */
const MAX_PENDING_TIMERS = 1_000_000;

export class Scheduler {
  private timers: Timer[] = [];
  private nextId = 1;
  /** Labels of fired timers in order (bounded), for tests and traces. */
  readonly fired: string[] = [];

  constructor(private readonly clock: SimulatedClock) {}

  now(): number {
    return this.clock.now();
  }

  /** Runs `callback` when the clock reaches `dueMs` (at once on the next advance if already due). */
  schedule(dueMs: number, label: string, callback: () => void): TimerHandle {
    if (this.timers.length >= MAX_PENDING_TIMERS) throw new Error('too many pending timers');
    const timer: Timer = { id: this.nextId++, dueMs, label, callback };
    // Insert after every timer due at or before it: deadline order, then scheduling order.
    let at = this.timers.length;
    while (at > 0 && this.timers[at - 1]!.dueMs > dueMs) at--;
    this.timers.splice(at, 0, timer);
    return timer;
  }

  cancel(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const at = this.timers.findIndex((timer) => timer.id === handle.id);
    if (at >= 0) this.timers.splice(at, 1);
  }

  pending(): readonly TimerHandle[] {
    return this.timers;
  }

  /**
   * Advances the clock to `targetMs`, firing due timers in order; the clock stands at each timer's
   * deadline while it runs, so timers scheduled by callbacks fire in the same pass when due.
   */
  advanceTo(targetMs: number): number {
    let count = 0;
    for (;;) {
      const next = this.timers[0];
      if (!next || next.dueMs > targetMs) break;
      this.timers.shift();
      if (next.dueMs > this.clock.now()) this.clock.advanceTo(next.dueMs);
      if (this.fired.length < 10_000) this.fired.push(next.label);
      next.callback();
      count++;
    }
    this.clock.advanceTo(Math.max(this.clock.now(), targetMs));
    return count;
  }
}
