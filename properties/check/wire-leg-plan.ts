// The wire leg's place in the plan (see wire-leg.ts): which adapter, how many runs, and the tasks
// one round adds. Apart from wire-leg.ts so the plan does not import the report's side.
import { SUITES } from '../suites/index.ts';

export const WIRE_ADAPTER = 'reference:wire';
/** Runs per suite: a bounded share of `npm start` (each wire run costs a few times an in-process one). */
export const WIRE_RUNS = 15;

/** The wire leg's task drafts for one round: every suite, against reference:wire. */
export function wireLegDrafts(seedFor: (...parts: string[]) => number, profile: string) {
  return SUITES.map((suite) => ({
    kind: 'suite' as const,
    suite: suite.name,
    profile,
    seed: seedFor('wire', suite.name, profile),
    numRuns: WIRE_RUNS,
    adapter: WIRE_ADAPTER,
  }));
}
