// `npm run mutation [-- --sample N] [-- --seed S] [-- --concurrency C] [-- --list]`: an independent
// mutation score of the checker. Draws a seeded sample of the mutants StrykerJS makes in the frame
// (frame.ts, sample.ts), runs Stryker with its command runner on `kspec check --fail-fast`
// (check-mutant.ts) for each, prints the score and every survivor with its triage
// (triage.json: equivalent, out of the contract, or a gap and what closed it), and writes
// results.json (read by mutation.bench.ts) and docs/mutation-report.md's figures.
// Not in CI: every surviving mutant costs a whole `kspec check`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LogLevel } from '@stryker-mutator/api/core';
import { withoutCatalogBranches } from './catalog-branches.ts';
import { frameFiles, repoRoot } from './frame.ts';
import { drawSample, listMutants, mutantKey, type Position, type SampledMutant } from './sample.ts';
import { type CheckLine, formatSummary, type MutationSummary, summarize, type Tested } from './summary.ts';

interface Options {
  sample: number;
  seed: number;
  concurrency: number;
  /** `kspec check --runs` per mutant; the default check when absent. */
  runs?: number;
  list: boolean;
  summarize: boolean;
  /** Skip the check without mutants (the dry run): only on sources a run just showed green. */
  trustBaseline: boolean;
  /** Earlier runs' directories (copies of .stryker-tmp) whose verdicts count too. */
  also: string[];
  /** Run these sampled mutants (a JSON array of SampledMutant) instead of drawing a sample. */
  sampleFile?: string;
  command: string;
}

function parse(args: string[]): Options {
  const options: Options = {
    sample: 200,
    seed: 1,
    concurrency: 1,
    list: false,
    summarize: false,
    trustBaseline: false,
    also: [],
    command: 'node --import=tsx properties/mutation/check-mutant.ts',
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const value = args[i + 1];
    const integer = () => {
      if (!value || !/^\d+$/.test(value) || Number(value) < 1) {
        process.stderr.write(`npm run mutation: ${flag} needs a positive integer\n`);
        process.exit(2);
      }
      i++;
      return Number(value);
    };
    if (flag === '--sample') options.sample = integer();
    else if (flag === '--seed') options.seed = integer();
    else if (flag === '--concurrency') options.concurrency = integer();
    else if (flag === '--runs') options.runs = integer();
    else if (flag === '--list') options.list = true;
    else if (flag === '--summarize') options.summarize = true;
    else if (flag === '--trust-baseline') options.trustBaseline = true;
    else if (flag === '--also' && value) {
      options.also.push(value);
      i++;
    } else if (flag === '--sample-file' && value) {
      options.sampleFile = value;
      i++;
    } else if (flag === '--command' && value) {
      options.command = value;
      i++;
    } else {
      process.stderr.write(
        `npm run mutation: unknown argument '${flag}' (expected --sample N, --seed S, --runs R, --concurrency C, --list, --summarize, --sample-file F, --trust-baseline, --also DIR, --command CMD)\n`,
      );
      process.exit(2);
    }
  }
  return options;
}

async function main(options: Options): Promise<void> {
  const root = repoRoot();
  const files = frameFiles(root);
  // The planted-bug catalog's sites are equivalent by construction (catalog-branches.ts): not drawn.
  const { kept: all, catalog } = withoutCatalogBranches(root, await listMutants(root, files));
  const atCatalogSite = new Set(catalog.map(mutantKey));
  const sample: SampledMutant[] = options.sampleFile
    ? JSON.parse(readFileSync(options.sampleFile, 'utf8'))
    : drawSample(all, options.sample, options.seed);
  process.stderr.write(
    `npm run mutation: seed ${options.seed}, ${sample.length} of ${all.length} mutants in ${files.length} files (${catalog.length} at the planted-bug catalog's sites left out)\n`,
  );
  if (options.list) {
    for (const m of sample) process.stdout.write(`${mutantKey(m)}\n`);
    return;
  }
  const work = join(root, '.stryker-tmp');
  const samplePath = join(work, 'sample.json');
  const logPath = join(work, 'checks.jsonl');
  const progressPath = join(work, 'progress.jsonl');
  let minutes = 0;
  if (!options.summarize) {
    mkdirSync(work, { recursive: true });
    writeFileSync(samplePath, JSON.stringify(sample));
    writeFileSync(logPath, '');
    writeFileSync(progressPath, '');
    process.env.KSPEC_MUTATION_SAMPLE = samplePath;
    process.env.KSPEC_MUTATION_LOG = logPath;
    process.env.KSPEC_MUTATION_PROGRESS = progressPath;
    if (options.runs !== undefined) process.env.KSPEC_MUTATION_RUNS = String(options.runs);
    if (options.trustBaseline) process.env.KSPEC_MUTATION_TRUST_BASELINE = '1';
    const { Stryker } = await import('@stryker-mutator/core');
    const started = performance.now();
    await new Stryker({
      testRunner: 'command',
      commandRunner: { command: options.command },
      coverageAnalysis: 'off',
      mutate: [...new Set(sample.map(range))],
      plugins: [pathToFileURL(join(root, 'properties/mutation/sample-ignorer.js')).href],
      ignorers: ['kspec-sample'],
      reporters: ['progress-append-only', 'kspec-progress'],
      concurrency: options.concurrency,
      // A survivor runs the whole check; a loaded machine can make that twice the dry run.
      timeoutFactor: 3,
      // Without a measured dry run the timeout is this alone: room for a whole check under load.
      timeoutMS: options.trustBaseline ? 1_200_000 : 60_000,
      // The dry run is one whole check: minutes on a loaded machine.
      dryRunTimeoutMinutes: 60,
      ignorePatterns: ['traces/found', 'coverage', '.tap', 'properties/adapters/kafka-java/target'],
      tempDirName: '.stryker-tmp',
      cleanTempDir: true,
      logLevel: 'info' as LogLevel,
      fileLogLevel: 'off' as LogLevel,
    }).runMutationTest();
    minutes = (performance.now() - started) / 60_000;
  }
  // This run's files, and those of earlier runs given with --also (e.g. a run stopped or spoiled
  // part way, whose remaining mutants this one reran): a mutant judged in any run keeps that verdict.
  const runs = [work, ...options.also].map((dir, index) => readRun(root, dir, `${index}:`));
  const judged = new Map<string, Tested>();
  for (const run of runs)
    for (const t of run.tested) {
      const valid = t.status !== 'Killed' || run.checks.some((c) => c.mutant === t.id && c.exit === 1);
      if (valid || !judged.has(mutantKey(t))) judged.set(mutantKey(t), t);
    }
  // Other mutators on a sampled node may land on a catalog site: left out like the frame's.
  const tested = [...judged.values()].filter((t) => !atCatalogSite.has(mutantKey(t)));
  const checks = runs.flatMap((run) => run.checks);
  const planned = new Set(runs.flatMap((run) => run.planned).filter((key) => !atCatalogSite.has(key))).size;
  const sampled = new Set(runs.flatMap((run) => run.sample.map(mutantKey))).size;
  // Summarized from the files: the run's time is what its checks took.
  if (options.summarize) minutes = checks.reduce((sum, c) => sum + c.seconds, 0) / 60;
  const triage = JSON.parse(readFileSync(join(root, 'properties/mutation/triage.json'), 'utf8'));
  const summary: MutationSummary = summarize({
    seed: options.seed,
    runs: options.runs ?? null,
    sampled,
    population: all.length,
    catalogSites: catalog.length,
    files: files.length,
    planned,
    tested,
    checks,
    triage,
    minutes,
  });
  writeFileSync(join(root, 'properties/mutation/results.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`${formatSummary(summary)}\n`);
}

function lines(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** One run's sample, planned mutants (by key), verdicts and check log, its ids prefixed by `tag`. */
function readRun(root: string, dir: string, tag: string) {
  const progress = lines(join(dir, 'progress.jsonl')) as ProgressLine[];
  const verdicts = new Map(progress.flatMap((p) => (p.tested !== undefined ? [[p.tested, p.status]] : [])));
  const plans = progress.flatMap((p) => (p.plan && p.status !== 'Ignored' ? [p.plan] : []));
  const located = plans.map((m) => {
    const file = m.file.startsWith(root)
      ? m.file.slice(root.length + 1)
      : m.file.replace(/^.*?\/(impl\/)/, '$1');
    // Stryker's plan counts lines from 0; the sample (and Babel) from 1.
    const at = (p: Position) => ({ line: p.line + 1, column: p.column });
    return {
      m,
      mutant: {
        file,
        mutator: m.mutator,
        replacement: m.replacement,
        start: at(m.location.start),
        end: at(m.location.end),
      },
    };
  });
  const tested: Tested[] = located.flatMap(({ m, mutant }) => {
    const status = verdicts.get(m.id);
    return status ? [{ ...mutant, id: `${tag}${m.id}`, status }] : [];
  });
  const checks = (lines(join(dir, 'checks.jsonl')) as CheckLine[]).map((c) => ({
    ...c,
    mutant: c.mutant === null ? null : `${tag}${c.mutant}`,
  }));
  const sample = JSON.parse(readFileSync(join(dir, 'sample.json'), 'utf8')) as SampledMutant[];
  return { tested, checks, planned: located.map(({ mutant }) => mutantKey(mutant)), sample };
}

interface ProgressLine {
  readonly plan?: {
    readonly id: string;
    readonly file: string;
    readonly mutator: string;
    readonly replacement: string;
    readonly location: { readonly start: Position; readonly end: Position };
  };
  readonly tested?: string;
  readonly status: string | null;
}

/** Stryker's `mutate` range for one mutant: its file, lines from 1, columns from 0. */
function range(m: SampledMutant): string {
  return `${m.file}:${m.start.line}:${m.start.column}-${m.end.line}:${m.end.column}`;
}

await main(parse(process.argv.slice(2)));
