// The benchmark runner: `npm run bench [-- --json] [-- --quick] [-- --filter TEXT]`.
// Finds every `*.bench.ts` under the project's areas, runs them one after another (never in
// parallel: they measure), prints a table, or with --json one JSON array of BenchResult.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFunction, BenchResult } from './result.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const areas = ['spec', 'model', 'impl', 'properties', 'traces', 'bench'];

function findBenchFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) found.push(...findBenchFiles(path));
    else if (entry.endsWith('.bench.ts')) found.push(path);
  }
  return found.sort();
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

export function formatTable(results: BenchResult[]): string {
  const rows = results.map((r) => [
    r.name,
    formatNumber(r.value),
    r.unit,
    r.baseline === undefined ? '' : formatNumber(r.baseline),
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`,
    r.note ?? '',
  ]);
  const header = ['benchmark', 'value', 'unit', 'baseline', 'ratio', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 1 || i === 3 || i === 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const quick = args.includes('--quick');
  const filterIndex = args.indexOf('--filter');
  const filter = filterIndex >= 0 ? args[filterIndex + 1] : undefined;
  const files = areas.flatMap((area) => {
    try {
      return findBenchFiles(join(root, area));
    } catch {
      return [];
    }
  });
  const results: BenchResult[] = [];
  for (const file of files) {
    const label = relative(root, file);
    if (filter && !label.includes(filter)) continue;
    if (!json) process.stderr.write(`running ${label}\n`);
    const module = (await import(pathToFileURL(file).href)) as { bench: BenchFunction };
    results.push(...(await module.bench({ quick })));
  }
  process.stdout.write(json ? `${JSON.stringify(results, null, 2)}\n` : `${formatTable(results)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv.slice(2));
}
