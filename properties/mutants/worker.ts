// A worker process of `kspec mutants --jobs N` (run-all.ts): runs the mutants it is sent, one at a
// time. One process per worker matters here: the mutant switch is process-wide (impl/mutants).
import { serveJobs } from '../check/worker-pool.ts';
import { mutantByName } from './catalog.ts';
import type { MutantJob } from './run-all.ts';
import { type MutantResult, runMutant } from './run-mutant.ts';

serveJobs<MutantJob, MutantResult>(async ({ name, options }) => {
  const mutant = mutantByName(name);
  if (!mutant) throw new Error(`unknown mutant '${name}'`);
  return runMutant(mutant, options);
});
