// `kspec check`: the conformance checker. Runs the property suites and the no-loss matrix against a
// system under test (the embedded reference cluster by default), prints the seed first, then the
// per-suite results, the matrix, the per-rule table and the coverage reached; writes every
// counterexample as a trace. Exit 0 only if everything held.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

interface CheckOptions {
  suite?: string[];
  profile: string;
  runs?: string;
  matrixRuns?: string;
  seed?: string;
  deep?: boolean;
  adapter: string;
  oracle?: string;
  json?: boolean;
  traces: string;
  jobs?: string;
  shard?: string;
  matrix?: boolean;
  path?: string;
  replayPath?: string;
  steer?: string;
  failFast?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function positiveInteger(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new UsageError(`${name} must be a positive integer, got '${text}'`);
  return Number(text);
}

function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard must be I/N with 1 <= I <= N, got '${text}'`);
  return { index, count };
}

export function register(program: Command): void {
  program
    .command('check')
    .description(
      'run the property suites and the no-loss matrix against a system (default: the reference cluster)',
    )
    .option(
      '--suite <name>',
      'run this suite (repeatable): group, commit, replication, partition-change, end-to-end, assignors, ' +
        'deep-groups, deep-log; ' +
        'or a no-loss matrix suite, as replay commands name them: no-loss-producer, no-loss-consumer',
      collect,
    )
    .option(
      '--profile <name>',
      'safe, or one unsafe flip of the matrix: fire-and-forget, acks-1, retries-0, idempotence-off, unclean-election, ' +
        'replication-factor-1, min-insync-1, truncate-to-high-watermark (the reference only), ' +
        'commit-before-processing, rf-equals-min-insync ' +
        '(with --matrix: only that row)',
      'safe',
    )
    .option('--matrix', 'run only the no-loss matrix')
    .option(
      '--runs <n>',
      'property runs per suite, and 5x that per safe matrix row (default 350; --deep 1000)',
    )
    .option(
      '--matrix-runs <n>',
      'most property runs per unsafe matrix row, which stops at its first catch (default 1000; --deep 4000)',
    )
    .option('--seed <n>', 'seed of the whole run (default 1; --deep: from the clock)')
    .option('--deep', 'a long randomized search: more runs, four seed rounds, time-based seed')
    .option(
      '--adapter <adapter>',
      "reference, reference:simulated, reference:wire (the reference behind its Kafka wire handlers on loopback; the default run also checks it), model (its parts: model-group, model-data), toy (the checker's in-memory test stand-in), module:PATH, stdio:COMMAND, kafka:HOST:PORT[,...], kafka-lockstep:HOST:PORT[,...] (group and commit events in lockstep over the wire) or kafka-coordinator (Kafka 4.4's own group coordinator; needs Java and Maven)",
      'reference',
    )
    .option(
      '--oracle <adapter>',
      'lockstep oracle: every event it models also goes to it and the answers must agree; none to ' +
        'check the system alone (default: model, or none when the adapter is the model itself)',
    )
    .option('--jobs <n>', 'worker processes for independent tasks (default: the number of cores)')
    .option('--shard <i/n>', 'run only slice I of N of the tasks (merge the JSON reports with kspec merge)')
    .option('--traces <dir>', 'where counterexample traces are written', 'traces/found')
    .option('--path <path>', "replay: fast-check's counterexample path (printed with a failure)")
    .option('--replay-path <path>', "replay: the commands' replay path (printed with a failure)")
    .option('--steer <weights>', 'replay: the steering of a swarm run (printed with a failure)')
    .option(
      '--fail-fast',
      'stop at the first task that fails (still shrunk): the quickest verdict, for mutation testing',
    )
    .option('--json', 'print the report as JSON on stdout (the seed and progress go to stderr)')
    .action(async (options: CheckOptions, command: Command) => {
      const { PROFILE_NAMES } = await import('../../properties/profiles.ts');
      const { SUITE_NAMES, planTasks } = await import('../../properties/check/plan.ts');
      if (!(PROFILE_NAMES as readonly string[]).includes(options.profile))
        throw new UsageError(
          `unknown profile '${options.profile}' (expected one of: ${PROFILE_NAMES.join(', ')})`,
        );
      const matrixSuites = ['no-loss-producer', 'no-loss-consumer'];
      for (const suite of options.suite ?? [])
        if (!SUITE_NAMES.includes(suite) && !matrixSuites.includes(suite))
          throw new UsageError(
            `unknown suite '${suite}' (expected one of: ${[...SUITE_NAMES, ...matrixSuites].join(', ')})`,
          );
      if (options.path !== undefined && (options.suite?.length ?? 0) !== 1)
        throw new UsageError('--path replays one suite: give exactly one --suite');
      if (options.steer !== undefined) {
        if (options.path === undefined)
          throw new UsageError('--steer replays a failure: give it with --path');
        const { suiteByName } = await import('../../properties/suites/index.ts');
        const { Steering } = await import('../../properties/swarm/steering.ts');
        const suite = suiteByName(options.suite![0]!);
        if (!suite?.swarm)
          throw new UsageError(`--steer is for swarm suites; '${options.suite![0]}' is not one`);
        try {
          new Steering(suite.weights, options.steer);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
      }
      if (options.path !== undefined && options.seed === undefined)
        throw new UsageError('--path needs the --seed it was printed with');
      const deep = options.deep === true;
      const seed = options.seed === undefined ? (deep ? Date.now() % 4294967296 : 1) : Number(options.seed);
      if (!Number.isSafeInteger(seed))
        throw new UsageError(`--seed must be an integer, got '${options.seed}'`);
      const shard = parseShard(options.shard);
      const jobs = positiveInteger(options.jobs, '--jobs', availableParallelism());
      const { AdapterSetupError, preflightAdapter } = await import('../../properties/adapters/preflight.ts');
      const oracle = defaultOracle(options.adapter, options.oracle);
      try {
        await preflightAdapter(options.adapter);
        if (oracle) await preflightAdapter(oracle);
      } catch (error) {
        if (error instanceof AdapterSetupError) throw new UsageError(error.message);
        throw error;
      }
      // The default checks about 150,000 lockstep events (seed 1) in about 70 CPU seconds, within
      // 90 s on 2 cores (bench/README.md, bench notes); --deep repeats 1000 runs over four seeds.
      const runs = positiveInteger(options.runs, '--runs', deep ? 1000 : 350);
      const requestedSuites = options.suite ?? [];
      const onlyMatrixSuites =
        requestedSuites.length > 0 && requestedSuites.every((s) => matrixSuites.includes(s));
      const tasks = planTasks({
        seed,
        suites: requestedSuites.length > 0 ? requestedSuites : SUITE_NAMES,
        profile: options.profile,
        runs,
        matrixRuns: positiveInteger(options.matrixRuns, '--matrix-runs', deep ? 4000 : 1000),
        safeMatrixRuns: runs * 5,
        matrix: requestedSuites.length === 0 && options.profile === 'safe' && options.path === undefined,
        // The default run also checks the reference's wire path (properties/check/wire-leg.ts).
        wire: requestedSuites.length === 0 && options.adapter === 'reference' && options.path === undefined,
        foreign: !/^reference(:|$)/.test(options.adapter),
        matrixOnly: options.matrix === true,
        // --matrix --profile X runs X's row only; the default profile keeps every row.
        ...(options.matrix && command.getOptionValueSource('profile') === 'cli'
          ? { matrixProfile: options.profile }
          : {}),
        rounds: deep ? 4 : 1,
        ...(shard ? { shard } : {}),
        ...(options.path !== undefined ? { path: options.path } : {}),
        ...(options.replayPath !== undefined ? { replayPath: options.replayPath } : {}),
        ...(options.steer !== undefined ? { steer: options.steer } : {}),
      }).map((task) =>
        onlyMatrixSuites && task.kind === 'suite' ? { ...task, kind: 'matrix' as const } : task,
      );
      await runAndReport({
        tasks,
        seed,
        deep,
        jobs,
        adapter: options.adapter,
        oracle,
        traces: options.traces,
        json: options.json === true,
        shard: options.shard,
        failFast: options.failFast === true,
      });
    });
}

/** The model is the oracle unless told otherwise (`none`), or unless it is itself the system. */
function defaultOracle(adapter: string, oracle: string | undefined): string | undefined {
  if (oracle === 'none') return undefined;
  if (oracle !== undefined) return oracle;
  return adapter === 'model' ? undefined : 'model';
}

async function runAndReport(input: {
  tasks: import('../../properties/check/plan.ts').Task[];
  seed: number;
  deep: boolean;
  jobs: number;
  adapter: string;
  oracle: string | undefined;
  traces: string;
  json: boolean;
  shard: string | undefined;
  failFast: boolean;
}): Promise<void> {
  const { executeTasks } = await import('../../properties/check/execute.ts');
  const { buildReport, taskHolds } = await import('../../properties/check/report.ts');
  const { formatReport } = await import('../../properties/check/format.ts');
  const { plural, taskLine } = await import('../check/task-line.ts');
  const log = input.json ? process.stderr : process.stdout;
  log.write(
    `kspec check: seed ${input.seed}${input.deep ? ' (deep)' : ''}, adapter ${input.adapter}, oracle ${input.oracle ?? 'none'}, ${plural(input.tasks.length, 'task')}, ${plural(input.jobs, 'job')}${input.shard ? `, shard ${input.shard}` : ''}\n`,
  );
  const totalRuns = input.tasks.reduce((sum, task) => sum + task.numRuns, 0);
  const tty = process.stderr.isTTY === true && !input.json;
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = tty
    ? new SingleBar(
        { format: '{bar} {value}/{total} runs | {task}', hideCursor: true, clearOnComplete: true },
        Presets.shades_classic,
      )
    : undefined;
  bar?.start(totalRuns, 0, { task: '' });
  let runs = 0;
  const started = performance.now();
  const results = await executeTasks(
    input.tasks,
    input.jobs,
    {
      adapter: input.adapter,
      tracesDirectory: input.traces,
      ...(input.oracle ? { oracle: input.oracle } : {}),
    },
    {
      onRun: () => bar?.update(++runs),
      onTask: (result) => {
        const line = taskLine(result, taskHolds(result));
        if (bar) bar.update({ task: line });
        else log.write(`${line}\n`);
      },
      ...(input.failFast ? { stopWhen: (result) => !taskHolds(result) } : {}),
    },
  );
  if (results.length < input.tasks.length)
    log.write(
      `stopped at the first failure (--fail-fast): ${results.length} of ${input.tasks.length} tasks run\n`,
    );
  bar?.stop();
  const report = buildReport({
    seed: input.seed,
    adapter: input.adapter,
    ...(input.oracle ? { oracle: input.oracle } : {}),
    deep: input.deep,
    shards: input.shard ? [input.shard] : [],
    seconds: (performance.now() - started) / 1000,
    tasks: results,
  });
  if (input.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${formatReport(report)}\n`);
  if (!report.ok) process.exitCode = 1;
}
