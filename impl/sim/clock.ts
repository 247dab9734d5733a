// Time for the cluster: one injected clock, never Date.now() in simulated code paths. The simulated
// clock only moves when the run says so, which is what makes a seed replay byte for byte.

/** Milliseconds since an arbitrary origin (the log's Clock has the same shape). */
export interface Clock {
  now(): number;
}

/** A clock that moves only when told to; starts at `startMs` (0 for a run). */
export class SimulatedClock implements Clock {
  private currentMs: number;
  constructor(startMs = 0) {
    if (!Number.isInteger(startMs) || startMs < 0) throw new RangeError(`bad clock start ${startMs}`);
    this.currentMs = startMs;
  }
  now(): number {
    return this.currentMs;
  }
  /** Moves to `timeMs`; time never goes backwards. */
  advanceTo(timeMs: number): void {
    if (timeMs < this.currentMs)
      throw new RangeError(`clock cannot go back from ${this.currentMs} to ${timeMs}`);
    this.currentMs = timeMs;
  }
}
