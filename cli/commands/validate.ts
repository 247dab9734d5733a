// `kspec validate`: points the checker at another implementation (any --adapter) and prints a
// conformance report per rule: conforms, violates (with the shrunk trace), or not exercised; event
// kinds the system cannot apply are listed as skipped. Text by default, --json or --markdown.
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

interface ValidateOptions {
  adapter: string;
  suite?: string[];
  profile: string;
  runs?: string;
  seed?: string;
  json?: boolean;
  markdown?: boolean;
  traces: string;
  shrinkRuns?: string;
  faultCmd?: string;
  control?: string;
  maxSleepMs?: string;
  oracle?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(program: Command): void {
  program
    .command('validate')
    .description('run the suites against an implementation and report conformance per rule')
    .requiredOption(
      '--adapter <adapter>',
      "reference, module:PATH, stdio:COMMAND, kafka:HOST:PORT[,HOST:PORT...] or kafka-coordinator (Kafka 4.4's own group coordinator)",
    )
    .option(
      '--suite <name>',
      'run this suite (repeatable; default: all): group, commit, replication, partition-change, end-to-end, assignors; ' +
        'or a no-loss matrix suite: no-loss-producer, no-loss-consumer',
      collect,
    )
    .option(
      '--profile <name>',
      'the settings the suites run under: safe, or one unsafe flip of the no-loss matrix (as kspec check --profile)',
      'safe',
    )
    .option('--runs <n>', 'property runs per suite (default 10)')
    .option('--seed <n>', 'seed of the run (default 1)')
    .option('--shrink-runs <n>', 'most runs spent shrinking a violation (default 250)')
    .option('--traces <dir>', 'where counterexample traces are written', 'traces/found')
    .option(
      '--fault-cmd <cmd>',
      "kafka: run 'CMD {kind} {broker}' per fault (kind: process-crash, power-loss, disk-loss, clean-shutdown, restart, isolate, heal)",
    )
    .option('--control <host:port>', 'kafka: inject faults through a kspec broker control port')
    .option('--max-sleep-ms <ms>', 'kafka: longest real sleep per advance-time event (default 500)')
    .option(
      '--oracle <adapter>',
      'lockstep oracle compared with the system event by event (default: model; none: the checkers alone)',
    )
    .option('--json', 'print the report as JSON')
    .option('--markdown', 'print the report as Markdown')
    .action(async (options: ValidateOptions) => {
      const { SUITE_NAMES } = await import('../../properties/check/plan.ts');
      const { PROFILE_NAMES } = await import('../../properties/profiles.ts');
      const known = [...SUITE_NAMES, 'no-loss-producer', 'no-loss-consumer'];
      for (const suite of options.suite ?? [])
        if (!known.includes(suite))
          throw new UsageError(`unknown suite '${suite}' (expected one of: ${known.join(', ')})`);
      if (!(PROFILE_NAMES as readonly string[]).includes(options.profile))
        throw new UsageError(
          `unknown profile '${options.profile}' (expected one of: ${PROFILE_NAMES.join(', ')})`,
        );
      if (options.json && options.markdown) throw new UsageError('choose one of --json and --markdown');
      const number = (text: string | undefined, name: string, fallback: number) => {
        if (text === undefined) return fallback;
        if (!/^\d+$/.test(text) || Number(text) < 1)
          throw new UsageError(`${name} must be a positive integer, got '${text}'`);
        return Number(text);
      };
      const seed = options.seed === undefined ? 1 : Number(options.seed);
      if (!Number.isSafeInteger(seed))
        throw new UsageError(`--seed must be an integer, got '${options.seed}'`);
      // The kafka: adapter reads its options from the environment (so worker processes see them too).
      if (options.faultCmd) process.env.KSPEC_FAULT_CMD = options.faultCmd;
      if (options.control) process.env.KSPEC_CONTROL = options.control;
      if (options.maxSleepMs)
        process.env.KSPEC_MAX_SLEEP_MS = String(number(options.maxSleepMs, '--max-sleep-ms', 500));
      const { AdapterSetupError, preflightAdapter } = await import('../../properties/adapters/preflight.ts');
      try {
        await preflightAdapter(options.adapter);
        if (options.oracle && options.oracle !== 'none') await preflightAdapter(options.oracle);
      } catch (error) {
        if (error instanceof AdapterSetupError) throw new UsageError(error.message);
        throw error;
      }
      const { validate } = await import('../../properties/validate/conformance.ts');
      const { plural } = await import('../check/task-line.ts');
      const { formatMarkdown, formatText } = await import('../../properties/validate/format.ts');
      const log = options.json || options.markdown ? process.stderr : process.stdout;
      const report = await validate({
        adapter: options.adapter,
        ...(options.oracle ? { oracle: options.oracle } : {}),
        suites: options.suite ?? SUITE_NAMES,
        profile: options.profile,
        seed,
        runs: number(options.runs, '--runs', 10),
        maxShrinkRuns: number(options.shrinkRuns, '--shrink-runs', 250),
        tracesDirectory: options.traces,
        onSuite: (s) =>
          log.write(`${s.suite}: ${s.outcome} (${plural(s.runs, 'run')}, ${s.seconds.toFixed(1)} s)\n`),
      });
      if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else if (options.markdown) process.stdout.write(`${formatMarkdown(report)}\n`);
      else process.stdout.write(`\n${formatText(report)}\n`);
      if (!report.ok) process.exitCode = 1;
    });
}
