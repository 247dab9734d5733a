// Runs a list of mutants over `jobs` worker processes (worker-pool.ts; each takes the next mutant when free);
// results come back in catalog order whatever the scheduling.
import { fileURLToPath } from 'node:url';
import { textTable } from '../../spec/text-table.ts';
import { runInWorkers } from '../check/worker-pool.ts';
import type { Mutant } from './catalog.ts';
import type { MutantResult, MutantRunOptions } from './run-mutant.ts';

/** What a worker process (worker.ts) is sent per mutant. */
export interface MutantJob {
  readonly name: string;
  readonly options: MutantRunOptions;
}

export async function runMutants(
  mutants: readonly Mutant[],
  jobs: number,
  options: MutantRunOptions,
  onResult?: (result: MutantResult) => void,
): Promise<MutantResult[]> {
  const results = await runInWorkers<MutantJob, MutantResult>(
    mutants.map((mutant) => ({ name: mutant.name, options })),
    {
      worker: fileURLToPath(new URL('./worker.ts', import.meta.url)),
      processes: jobs,
      describe: (job) => `mutant ${job.name}`,
      ...(onResult ? { onResult } : {}),
    },
  );
  const order = new Map(mutants.map((m, i) => [m.name as string, i]));
  return results.sort((a, b) => order.get(a.mutant)! - order.get(b.mutant)!);
}

export function formatMutantTable(results: readonly MutantResult[]): string {
  const lines = [
    textTable(
      ['mutant', 'caught', 'rule', 'property', 'seconds', 'runs', 'events'],
      results.map((r) => [
        r.mutant,
        r.caught ? (r.expected ? 'yes' : 'yes (unexpected property)') : r.crash ? 'CRASH' : 'NO',
        r.rules.join(',') || '-',
        r.properties.join(',') || '-',
        r.seconds.toFixed(1),
        String(r.runs),
        r.shrunkEvents === null ? '-' : String(r.shrunkEvents),
      ]),
    ),
  ];
  const caught = results.filter((r) => r.caught).length;
  lines.push('', `${caught}/${results.length} mutants caught`);
  for (const r of results.filter((x) => x.crash)) lines.push(`${r.mutant}: crashed: ${r.crash}`);
  return lines.join('\n');
}
