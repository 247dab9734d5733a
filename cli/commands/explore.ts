// `kspec explore`: exhaustive breadth-first exploration of a model with invariant checks.
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

interface ExploreCliOptions {
  model: string;
  members?: string;
  partitions?: string;
  replicas?: string;
  writes?: string;
  maxMemberIds?: string;
  depth?: string;
  maxStates: string;
  config: string[];
  engine: string;
  jobs: string;
  json?: boolean;
}

function positive(name: string, text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max)
    throw new UsageError(`--${name} must be an integer from 1 to ${max}, got '${text}'`);
  return Number(text);
}

export function register(program: Command): void {
  program
    .command('explore')
    .summary(
      'explore every reachable state of a model, check its invariants, print the shortest counterexample',
    )
    .description(
      'Explore every reachable state of a model breadth first (deduplicated, symmetry-reduced, bounded), ' +
        'check its invariants in each, and print states, transitions, depth, time, states/s and machine ' +
        'coverage; on a violation print the shortest trace to it and exit 1. Settings use Kafka names and ' +
        "default to Kafka's defaults (so min.insync.replicas=1); the safe replication profile is " +
        '--config min.insync.replicas=2. Replication fault budget: clean shutdowns and process crashes are ' +
        'unbounded; kspec.faults.disk-loss=1 and kspec.faults.power-loss=0 unless set. Group model: ' +
        'clients are interchangeable (symmetry), time jumps to the next timer deadline and the key keeps ' +
        'deadlines relative to now, generations are keyed as none/current/stale, and --max-member-ids ' +
        'bounds fresh joins (spec/SPEC.md, "Exploring the group model", says why each is sound).',
    )
    .requiredOption('--model <name>', 'group | commit | replication | system')
    .option('--members <n>', 'group/commit/system: consumers')
    .option('--partitions <n>', 'group/commit/system: partitions of the subscribed topic')
    .option(
      '--replicas <n>',
      'replication/system: replicas of the partition (default: replication.factor, 3)',
    )
    .option('--writes <n>', 'replication/system: produce attempts in a run (default 2)')
    .option(
      '--max-member-ids <n>',
      'group/system: member ids the coordinator hands out in a run; joins with an empty member id stop ' +
        'there (default: members + 1 up to 2 members, else members). Each fresh join after a crash, ' +
        'leave or session expiry uses one',
    )
    .option('--depth <n>', 'deepest level to expand (default: no bound)')
    .option('--max-states <n>', 'stop after this many distinct states', '5000000')
    .option(
      '--config <key=value>',
      "a setting by Kafka's name, e.g. acks=1 (repeatable; `kspec settings` lists them)",
      collect,
      [],
    )
    .option(
      '--engine <name>',
      'replication: direct (compiled step) or xstate (XState transition())',
      'direct',
    )
    .option(
      '--jobs <n>',
      'worker threads stepping the model (1 to 16); the result (states, transitions, violations, traces, ' +
        'coverage) is the same for every N, only the time differs',
      '1',
    )
    .option(
      '--json',
      'print one JSON object: states, transitions, depth, seconds, statesPerSecond, coverage, violations, ...',
    )
    .action(async (options: ExploreCliOptions) => {
      const { ConfigError, parseConfigArguments } = await import('../../spec/config.ts');
      const { MODEL_NAMES, loadModel } = await import('../../model/explore/registry.ts');
      if (!(MODEL_NAMES as readonly string[]).includes(options.model))
        throw new UsageError(`unknown model '${options.model}' (expected ${MODEL_NAMES.join(', ')})`);
      if (options.engine !== 'direct' && options.engine !== 'xstate')
        throw new UsageError(`--engine must be direct or xstate, got '${options.engine}'`);
      let config: ReturnType<typeof parseConfigArguments>;
      try {
        config = parseConfigArguments(options.config);
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
      const replicas = positive('replicas', options.replicas, 5);
      if (
        replicas !== undefined &&
        config['replication.factor'] !== undefined &&
        config['replication.factor'] !== replicas
      )
        throw new UsageError(
          `--replicas ${replicas} contradicts --config replication.factor=${config['replication.factor']}`,
        );
      const sizes = {
        members: positive('members', options.members, 8),
        partitions: positive('partitions', options.partitions, 16),
        replicas,
        writes: positive('writes', options.writes, 6),
        maxMemberIds: positive('max-member-ids', options.maxMemberIds, 16),
      };
      const depth = positive('depth', options.depth, 1_000_000);
      const maxStates = positive('max-states', options.maxStates, 100_000_000)!;
      const defined = Object.fromEntries(Object.entries(sizes).filter(([, value]) => value !== undefined));
      let loaded: Awaited<ReturnType<typeof loadModel>>;
      try {
        loaded = await loadModel(options.model as (typeof MODEL_NAMES)[number], {
          ...defined,
          config,
          engine: options.engine,
        });
      } catch (error) {
        if (error instanceof RangeError || error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
      const jobs = positive('jobs', options.jobs, 16)!;
      const { explore } = await import('../../model/explore/explore.ts');
      const { coverageUniverse } = await import('../../model/explore/coverage.ts');
      const { exploreJson, exploreText } = await import('../../model/explore/format.ts');
      const universe = loaded.machines.length > 0 ? coverageUniverse(loaded.machines) : undefined;
      const bounds = {
        maxStates,
        ...(depth === undefined ? {} : { maxDepth: depth }),
        ...(universe ? { coverage: universe } : {}),
      };
      // CPU time of the whole process: with --jobs it includes the worker threads.
      const cpuBefore = process.cpuUsage();
      let result: Awaited<ReturnType<typeof explore>>;
      if (jobs === 1) result = explore(loaded.model, bounds);
      else {
        const { exploreSharded } = await import('../../model/explore/sharded.ts');
        const { workerShards } = await import('../../properties/explore/worker-shards.ts');
        const workers = workerShards(
          options.model as (typeof MODEL_NAMES)[number],
          { ...defined, config, engine: options.engine as 'direct' | 'xstate' },
          jobs,
          universe,
        );
        try {
          result = await exploreSharded(loaded.model, workers.shards, bounds);
        } finally {
          await workers.close();
        }
      }
      const cpu = process.cpuUsage(cpuBefore);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      // The group model's member-id bound is always reported, the default included.
      if (sizes.maxMemberIds === undefined && (options.model === 'group' || options.model === 'system')) {
        const { defaultMaxMemberIds } = await import('../../model/group/explore-model.ts');
        sizes.maxMemberIds = defaultMaxMemberIds(sizes.members ?? 2);
      }
      const context = {
        model: options.model,
        bounds: { ...sizes, depth, maxStates },
        config,
        cpuSeconds,
        jobs,
      };
      process.stdout.write(
        options.json ? `${JSON.stringify(exploreJson(result, context))}\n` : exploreText(result, context),
      );
      if (result.violations.length > 0) process.exitCode = 1;
    });
}
