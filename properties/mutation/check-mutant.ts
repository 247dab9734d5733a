// The command Stryker's command runner runs for each mutant (and once, with none, for its dry run):
// `kspec check` (seed 1; the default runs, or KSPEC_MUTATION_RUNS runs a suite when run.ts is given
// --runs), stopped at its first failure (--fail-fast) so a killed mutant costs only its time to catch. Exits with the check's code (0 = the mutant
// survived) and appends one JSON line per run to KSPEC_MUTATION_LOG: the mutant's id, the exit
// code, the wall time, and for a failure the suite, the seconds to its first failing run, the
// events of the shrunk counterexample and the properties that caught it.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Failure {
  readonly task: { readonly suite: string; readonly profile: string };
  readonly secondsToFailure?: number;
  readonly shrunkEvents?: number;
  readonly crash?: string;
  readonly findings?: readonly { readonly property: string }[];
}

// `npm run mutation -- --trust-baseline`: Stryker's dry run (no mutant active) passes at once
// instead of running the whole check, for a resumed run on sources a run just showed green.
if (!process.env.__STRYKER_ACTIVE_MUTANT__ && process.env.KSPEC_MUTATION_TRUST_BASELINE === '1')
  process.exit(0);

const started = performance.now();
const traces = mkdtempSync(join(tmpdir(), 'kspec-mutation-traces-'));
const child = spawn(
  process.execPath,
  [
    'bin/kspec.js',
    'check',
    '--fail-fast',
    '--json',
    '--traces',
    traces,
    ...(process.env.KSPEC_MUTATION_RUNS ? ['--runs', process.env.KSPEC_MUTATION_RUNS] : []),
  ],
  { stdio: ['ignore', 'pipe', 'ignore'] },
);
let stdout = '';
child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
  stdout += chunk;
});
child.on('close', (code, signal) => {
  rmSync(traces, { recursive: true, force: true });
  const exit = code ?? (signal ? 128 : 1);
  let failure: Failure | undefined;
  try {
    failure = (JSON.parse(stdout) as { failures: Failure[] }).failures[0];
  } catch {
    // No report (the check crashed before writing one): the exit code alone tells.
  }
  const log = process.env.KSPEC_MUTATION_LOG;
  if (log)
    appendFileSync(
      log,
      `${JSON.stringify({
        mutant: process.env.__STRYKER_ACTIVE_MUTANT__ ?? null,
        exit,
        seconds: (performance.now() - started) / 1000,
        ...(failure
          ? {
              suite: `${failure.task.suite} ${failure.task.profile}`,
              secondsToFailure: failure.secondsToFailure ?? null,
              shrunkEvents: failure.shrunkEvents ?? null,
              caughtBy: failure.crash
                ? ['crash']
                : [...new Set((failure.findings ?? []).map((f) => f.property))],
            }
          : {}),
      })}\n`,
    );
  process.exit(exit);
});
