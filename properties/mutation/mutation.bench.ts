// Mutation figures for `npm run bench` (issue 17 parts 5 and 6): read from the last
// `npm run mutation` (results.json), not measured here, since one run costs a `kspec check` per
// mutant (tens of minutes). The note says which sample and budget they come from; no file, no rows.
import { existsSync, readFileSync } from 'node:fs';
import type { BenchFunction, BenchResult } from '../../bench/result.ts';
import type { MutationSummary } from './summary.ts';

const RESULTS = new URL('./results.json', import.meta.url);

export const bench: BenchFunction = async () => {
  if (!existsSync(RESULTS)) return [];
  const s = JSON.parse(readFileSync(RESULTS, 'utf8')) as MutationSummary;
  const from = `last npm run mutation: seed ${s.seed}, ${s.ran} of ${s.planned} planned mutants run${s.runs ? `, --runs ${s.runs}` : ''}`;
  const rows: BenchResult[] = [
    {
      name: 'mutation score among non-equivalent mutants',
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
  return rows;
};
