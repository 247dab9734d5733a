// The benchmark runner: `npm run bench [-- --json] [-- --quick] [-- --filter TEXT]`.
// Runs every `*.bench.ts` listed in BENCHES one after another (never in parallel: they measure),
// prints a table, or with --json one JSON array of BenchResult.
import { pathToFileURL } from 'node:url';
import { textTable } from '../spec/text-table.ts';
import type { BenchFunction, BenchResult } from './result.ts';

/**
 * Every benchmark, by area (spec, model, impl, properties, traces, bench) and path; each module is
 * loaded only when it runs. run.test.ts checks that no `*.bench.ts` file is left out.
 */
export const BENCHES: readonly { file: string; load: () => Promise<{ bench: BenchFunction }> }[] = [
  { file: 'model/explore/explore.bench.ts', load: () => import('../model/explore/explore.bench.ts') },
  { file: 'impl/broker/broker.bench.ts', load: () => import('../impl/broker/broker.bench.ts') },
  {
    file: 'impl/coordinator/coordinator.bench.ts',
    load: () => import('../impl/coordinator/coordinator.bench.ts'),
  },
  { file: 'impl/log/log.bench.ts', load: () => import('../impl/log/log.bench.ts') },
  { file: 'impl/server/fetch.bench.ts', load: () => import('../impl/server/fetch.bench.ts') },
  {
    file: 'properties/adapters/kafka-java/coordinator.bench.ts',
    load: () => import('../properties/adapters/kafka-java/coordinator.bench.ts'),
  },
  {
    file: 'properties/adapters/reference/reference-system.bench.ts',
    load: () => import('../properties/adapters/reference/reference-system.bench.ts'),
  },
  { file: 'properties/check/checker.bench.ts', load: () => import('../properties/check/checker.bench.ts') },
  {
    file: 'properties/explore/explore-jobs.bench.ts',
    load: () => import('../properties/explore/explore-jobs.bench.ts'),
  },
  {
    file: 'properties/mutation/mutation.bench.ts',
    load: () => import('../properties/mutation/mutation.bench.ts'),
  },
  { file: 'bench/beside-kafka.bench.ts', load: () => import('./beside-kafka.bench.ts') },
  { file: 'bench/scale/broker-fanout.bench.ts', load: () => import('./scale/broker-fanout.bench.ts') },
  { file: 'bench/scale/explorer-size.bench.ts', load: () => import('./scale/explorer-size.bench.ts') },
  { file: 'bench/scale/lockstep-length.bench.ts', load: () => import('./scale/lockstep-length.bench.ts') },
];

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
  // Figures (value, baseline, ratio) aligned right so their digits line up.
  return textTable(['benchmark', 'value', 'unit', 'baseline', 'ratio', 'note'], rows, {
    alignRight: [1, 3, 4],
  });
}

async function main(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const quick = args.includes('--quick');
  const filterIndex = args.indexOf('--filter');
  const filter = filterIndex >= 0 ? args[filterIndex + 1] : undefined;
  const results: BenchResult[] = [];
  for (const { file, load } of BENCHES) {
    if (filter && !file.includes(filter)) continue;
    if (!json) process.stderr.write(`running ${file}\n`);
    const module = await load();
    results.push(...(await module.bench({ quick })));
  }
  process.stdout.write(json ? `${JSON.stringify(results, null, 2)}\n` : `${formatTable(results)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv.slice(2));
}
