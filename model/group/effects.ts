// What one step is doing besides changing the group: the clock, the configuration, the answers it
// releases (including parked ones), the choices it made where Kafka leaves one open, and the commits
// it accepted. Handlers mutate a private copy of the state and record here; `step` returns both.
import type { GroupTransition } from './state-table.ts';
import type { AcceptedCommit, Allowed, Answer, Choice, CoordinatorConfig } from './types.ts';

export interface Effects {
  /** The clock as handlers see it; advance-time moves it from deadline to deadline. */
  now: number;
  readonly config: CoordinatorConfig;
  readonly choice: Choice;
  readonly answers: Answer[];
  readonly allowed: Allowed;
  readonly accepted: AcceptedCommit[];
  readonly transitions: GroupTransition[];
}

export function newEffects(now: number, config: CoordinatorConfig, choice: Choice = {}): Effects {
  return { now, config, choice, answers: [], allowed: {}, accepted: [], transitions: [] };
}

/** Picks from the allowed set: the caller's observed choice when it is allowed, else the first. */
export function choose(allowedSet: readonly string[], wanted: string | undefined, what: string): string {
  if (allowedSet.length === 0) throw new Error(`no allowed ${what}`);
  if (wanted === undefined) return allowedSet[0]!;
  if (!allowedSet.includes(wanted)) {
    throw new ChoiceNotAllowed(`${what} ${wanted} is not one of the allowed [${allowedSet.join(', ')}]`);
  }
  return wanted;
}

/** A caller asked the model to adopt an outcome Kafka's code cannot produce. */
export class ChoiceNotAllowed extends Error {
  override name = 'ChoiceNotAllowed';
}
