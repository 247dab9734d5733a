// `kspec mutants`: runs the checker against each bug of the mutant catalog switched on in the
// reference cluster (properties/mutants/catalog.ts), with the model in lockstep as `kspec check`
// runs it (or, with --no-oracle, the checkers alone), and prints a table: mutant, caught, the rule
// and property that caught it, seconds, runs, and events in the shrunk trace. Exit 1 if any mutant
// escapes: a checker that misses a known bug has lost power.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

interface MutantsOptions {
  mutant?: string[];
  jobs?: string;
  runs?: string;
  seed?: string;
  quick?: boolean;
  json?: boolean;
  traces?: string;
  list?: boolean;
  oracle?: boolean;
}

const QUICK_SHRINK_RUNS = 50;
const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(program: Command): void {
  program
    .command('mutants')
    .description(
      'run the checker against each known bug (mutant) of the reference cluster; exit 1 if one escapes',
    )
    .option('--mutant <name>', 'run only this mutant (repeatable)', collect)
    .option('--list', 'list the catalog and exit')
    .option(
      '--quick',
      'spend at most 50 runs shrinking each counterexample (what npm test runs; default 250)',
    )
    .option('--runs <n>', 'most property runs per mutant (default: the catalog budget)')
    .option('--seed <n>', "seed for every mutant (default: each mutant's catalog seed)")
    .option('--jobs <n>', 'worker processes (default: the number of cores)')
    .option('--traces <dir>', 'write each shrunk counterexample as a trace here')
    .option('--json', 'print the results as JSON')
    .option('--no-oracle', 'no model in lockstep: the state invariants and history checkers alone')
    .action(async (options: MutantsOptions) => {
      const { MUTANTS } = await import('../../properties/mutants/catalog.ts');
      if (options.list) {
        for (const m of MUTANTS)
          process.stdout.write(`${m.name.padEnd(36)} ${m.area.padEnd(12)} ${m.description}\n`);
        return;
      }
      const unknown = (options.mutant ?? []).filter((name) => !MUTANTS.some((m) => m.name === name));
      if (unknown.length > 0)
        throw new UsageError(`unknown mutant ${unknown.join(', ')} (see kspec mutants --list)`);
      const number = (text: string | undefined, name: string) => {
        if (text === undefined) return undefined;
        if (!/^\d+$/.test(text) || Number(text) < 1)
          throw new UsageError(`${name} must be a positive integer, got '${text}'`);
        return Number(text);
      };
      const runs = number(options.runs, '--runs');
      const seed = options.seed === undefined ? undefined : Number(options.seed);
      if (seed !== undefined && !Number.isSafeInteger(seed))
        throw new UsageError(`--seed must be an integer, got '${options.seed}'`);
      const jobs = number(options.jobs, '--jobs') ?? availableParallelism();
      const selected = options.mutant ? MUTANTS.filter((m) => options.mutant!.includes(m.name)) : MUTANTS;
      const { runMutants, formatMutantTable } = await import('../../properties/mutants/run-all.ts');
      const log = options.json ? process.stderr : process.stdout;
      log.write(
        `kspec mutants: ${selected.length} mutant${selected.length === 1 ? '' : 's'}, ${jobs} job${jobs === 1 ? '' : 's'}\n`,
      );
      const results = await runMutants(
        selected,
        jobs,
        {
          ...(runs !== undefined ? { runs } : {}),
          ...(seed !== undefined ? { seed } : {}),
          ...(options.traces ? { tracesDirectory: options.traces } : {}),
          ...(options.quick ? { maxShrinkRuns: QUICK_SHRINK_RUNS } : {}),
          ...(options.oracle === false ? { oracle: false } : {}),
        },
        (r) =>
          log.write(
            `${r.mutant}: ${r.caught ? `caught by ${r.properties.join(', ')}` : 'NOT caught'} (${r.seconds.toFixed(1)} s)\n`,
          ),
      );
      if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else process.stdout.write(`\n${formatMutantTable(results)}\n`);
      if (results.some((r) => !r.caught)) process.exitCode = 1;
    });
}
