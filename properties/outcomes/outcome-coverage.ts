// Outcome coverage: which outcomes of the rule book (model/explore/outcomes.ts: each error of each
// request in each group state, each produce, fetch and poll branch) a run produced, against the
// outcomes the model says are reachable (catalog.ts). Recorded from the system's answers and the
// group state of its snapshot before the event; reported per answer type with the rules deciding it.

import { answerTypeOf, outcomeGroupOf, outcomesOf } from '../../model/explore/outcomes.ts';
import type { Observation } from '../../spec/observations.ts';
import type { SystemState } from '../../spec/state.ts';
import { RULES_BY_ANSWER } from '../lockstep/answer-rules.ts';
import { REACHABLE_OUTCOMES } from './catalog.ts';

export class OutcomeCoverage {
  readonly reached = new Set<string>();

  /** Records the answers of one event; `before` is the snapshot taken before it (if any). */
  record(answers: readonly Observation[], before: SystemState | undefined): void {
    for (const answer of answers) {
      const group = outcomeGroupOf(answer);
      const state =
        before === undefined || group === undefined
          ? undefined
          : (before.groups.find((g) => g.group === group)?.state ?? 'Dead');
      for (const outcome of outcomesOf(answer, state)) this.reached.add(outcome);
    }
  }

  merge(other: OutcomeCoverage | readonly string[]): void {
    for (const outcome of other instanceof OutcomeCoverage ? other.reached : other) this.reached.add(outcome);
  }

  toJSON(): string[] {
    return [...this.reached].sort();
  }
}

/** One answer type: the rules that decide it, its reachable outcomes, which were reached. */
export interface OutcomeRow {
  readonly answer: string;
  readonly rules: readonly string[];
  readonly reachable: number;
  readonly reached: number;
  readonly unreached: readonly string[];
  /** Produced by the system but not in the catalog (the model never gives them in the explored configurations). */
  readonly beyond: readonly string[];
}

export interface OutcomeReport {
  readonly reachable: number;
  readonly reached: number;
  /** reached / reachable, in percent with one decimal. */
  readonly percent: number;
  readonly rows: readonly OutcomeRow[];
}

export function outcomeReport(
  reached: Iterable<string>,
  catalog: readonly string[] = REACHABLE_OUTCOMES,
): OutcomeReport {
  const seen = new Set(reached);
  const known = new Set(catalog);
  const answers = [...new Set([...catalog, ...seen].map(answerTypeOf))].sort();
  const rows = answers.map((answer) => {
    const reachable = catalog.filter((o) => answerTypeOf(o) === answer);
    return {
      answer,
      rules: RULES_BY_ANSWER[answer as Observation['type']] ?? [],
      reachable: reachable.length,
      reached: reachable.filter((o) => seen.has(o)).length,
      unreached: reachable.filter((o) => !seen.has(o)),
      beyond: [...seen].filter((o) => answerTypeOf(o) === answer && !known.has(o)).sort(),
    };
  });
  const total = rows.reduce((sum, row) => sum + row.reachable, 0);
  const hit = rows.reduce((sum, row) => sum + row.reached, 0);
  return {
    reachable: total,
    reached: hit,
    percent: total === 0 ? 100 : Math.floor((1000 * hit) / total) / 10,
    rows,
  };
}
