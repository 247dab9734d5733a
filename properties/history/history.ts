// A run written down for the checkers: each event with its position, the simulated time at which it
// was applied, the observations applying it produced (late answers to earlier requests included)
// and, for systems that can be inspected, the state snapshot after it. The final phase (heal,
// restart, re-send, read everything back) is marked so checkers know which reads are the end state.
import type { Config } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { SystemState } from '../../spec/state.ts';
import type { PropertyName } from '../rules.ts';

export type Phase = 'run' | 'final';

export interface HistoryStep {
  readonly seq: number;
  readonly timeMs: number;
  readonly event: Event;
  readonly observations: readonly Observation[];
  readonly phase: Phase;
  /** The system's snapshot after this step, when it can be inspected. */
  readonly state?: SystemState;
}

export interface History {
  /** The resolved configuration of the run (every setting present, spec/config.ts resolveConfig). */
  readonly config: Config;
  readonly steps: readonly HistoryStep[];
}

/** One broken (or reported) property, at the step where it shows. */
export interface Finding {
  readonly property: PropertyName;
  readonly rules: readonly string[];
  readonly severity: 'violation' | 'report';
  readonly message: string;
  /** The seq of the step where the finding shows (the last step for end-of-run findings). */
  readonly step: number;
  /** A lockstep mismatch: the answers compared at that step, the model's and the system's. */
  readonly mismatch?: { readonly model: readonly Observation[]; readonly system: readonly Observation[] };
}

/** Appends steps, assigning time from `advance-time` events (the trace's `timeMs`: time when applied). */
export class HistoryRecorder {
  readonly #steps: HistoryStep[] = [];
  #timeMs = 0;

  constructor(readonly config: Config) {}

  get nextSeq(): number {
    return this.#steps.length;
  }

  get timeMs(): number {
    return this.#timeMs;
  }

  record(event: Event, observations: readonly Observation[], phase: Phase, state?: SystemState): HistoryStep {
    const step: HistoryStep = {
      seq: this.#steps.length,
      timeMs: this.#timeMs,
      event,
      observations,
      phase,
      ...(state ? { state } : {}),
    };
    this.#steps.push(step);
    if (event.type === 'advance-time') this.#timeMs += event.ms;
    return step;
  }

  history(): History {
    return { config: this.config, steps: [...this.#steps] };
  }
}
