// Mutation figures for `npm run bench` (issue 17 parts 5 and 6): read from the last
// `npm run mutation` (results.json) and from the re-count of the seed-2 draw after its survivors
// were re-judged by hand (recount.json), not measured here, since one run costs a `kspec check`
// per mutant (tens of minutes). The note says which sample and budget they come from; no file, no rows.
import { existsSync, readFileSync } from 'node:fs';
import type { BenchFunction, BenchResult } from '../../bench/result.ts';
import type { MutationSummary } from './summary.ts';

const RESULTS = new URL('./results.json', import.meta.url);
const RECOUNT = new URL('./recount.json', import.meta.url);

/** recount.json: every mutant of one draw with its current verdict. */
export interface Recount {
  readonly draw: string;
  readonly judged: string;
  readonly mutants: number;
  readonly detected: number;
  readonly equivalent: number;
  readonly outOfContract: number;
  readonly gaps: number;
  readonly errors: number;
}

/** detected / (mutants - equivalent - errors), and the same without the out-of-contract ones. */
export function recountScores(r: Recount): { score: number; inContract: number } {
  const nonEquivalent = r.mutants - r.equivalent - r.errors;
  return { score: r.detected / nonEquivalent, inContract: r.detected / (nonEquivalent - r.outOfContract) };
}

function recountRows(): BenchResult[] {
  if (!existsSync(RECOUNT)) return [];
  const r = JSON.parse(readFileSync(RECOUNT, 'utf8')) as Recount;
  const { score, inContract } = recountScores(r);
  const from = `${r.draw}; ${r.judged}: detected ${r.detected}, equivalent ${r.equivalent}, out of the contract ${r.outOfContract}, gaps ${r.gaps}, errors ${r.errors}`;
  return [
    {
      name: 'mutation score re-counted, among non-equivalent mutants',
      value: 100 * score,
      unit: '%',
      note: `${from}; target >= 90%`,
    },
    {
      name: 'mutation score re-counted, without out-of-contract mutants',
      value: 100 * inContract,
      unit: '%',
      note: from,
    },
  ];
}

export const bench: BenchFunction = async () => {
  if (!existsSync(RESULTS)) return recountRows();
  const s = JSON.parse(readFileSync(RESULTS, 'utf8')) as MutationSummary;
  const from = `last npm run mutation: seed ${s.seed}, ${s.ran} of ${s.planned} planned mutants run${s.runs ? `, --runs ${s.runs}` : ''}`;
  const rows: BenchResult[] = [
    {
      name: 'mutation score of the last npm run mutation, among non-equivalent mutants',
      value: 100 * s.score,
      unit: '%',
      note: `${from}; target >= 90%`,
    },
  ];
  if (s.medianSecondsToFailure !== null)
    rows.push({
      name: 'mutation: median time to catch a killed mutant',
      value: s.medianSecondsToFailure,
      unit: 's',
      note: `the failing suite's start to its first failing run; target <= 5 s; ${from}`,
    });
  if (s.medianShrunkEvents !== null)
    rows.push({
      name: 'mutation: median events per shrunk counterexample',
      value: s.medianShrunkEvents,
      unit: 'events',
      note: from,
    });
  return [...rows, ...recountRows()];
};
