// Runs a list of mutants over `jobs` worker processes (each takes the next mutant when free);
// results come back in catalog order whatever the scheduling.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Mutant } from './catalog.ts';
import type { MutantResult, MutantRunOptions } from './run-mutant.ts';

export async function runMutants(
  mutants: readonly Mutant[],
  jobs: number,
  options: MutantRunOptions,
  onResult?: (result: MutantResult) => void,
): Promise<MutantResult[]> {
  const queue = [...mutants];
  const results: MutantResult[] = [];
  const worker = fileURLToPath(new URL('./worker.ts', import.meta.url));
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const child = fork(worker, [], {
        execArgv: ['--import=tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const next = () => {
        const mutant = queue.shift();
        if (mutant) child.send({ type: 'mutant', name: mutant.name, options });
        else child.send({ type: 'exit' });
      };
      child.on('message', (message: { type: string; result?: MutantResult; message?: string }) => {
        if (message.type === 'result' && message.result) {
          results.push(message.result);
          onResult?.(message.result);
          next();
        } else if (message.type === 'error') {
          child.kill();
          reject(new Error(`a mutant run failed in a worker: ${message.message}`));
        }
      });
      child.on('exit', (code) =>
        code === 0 || code === null ? resolve() : reject(new Error(`mutant worker exited with code ${code}`)),
      );
      next();
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, mutants.length)) }, runWorker));
  const order = new Map(mutants.map((m, i) => [m.name as string, i]));
  return results.sort((a, b) => order.get(a.mutant)! - order.get(b.mutant)!);
}

export function formatMutantTable(results: readonly MutantResult[]): string {
  const rows = [
    ['mutant', 'caught', 'rule', 'property', 'seconds', 'runs', 'events'],
    ...results.map((r) => [
      r.mutant,
      r.caught ? (r.expected ? 'yes' : 'yes (unexpected property)') : r.crash ? 'CRASH' : 'NO',
      r.rules.join(',') || '-',
      r.properties.join(',') || '-',
      r.seconds.toFixed(1),
      String(r.runs),
      r.shrunkEvents === null ? '-' : String(r.shrunkEvents),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) =>
    row
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const caught = results.filter((r) => r.caught).length;
  lines.push('', `${caught}/${results.length} mutants caught`);
  for (const r of results.filter((x) => x.crash)) lines.push(`${r.mutant}: crashed: ${r.crash}`);
  return lines.join('\n');
}
