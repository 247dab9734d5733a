// `kspec broker`: the reference cluster on real sockets, files and clock, for real Kafka clients.
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

interface BrokerOptions {
  brokers: string;
  port: string;
  host: string;
  dataDir?: string;
  fetchPath: string;
  config: string[];
  controlPort?: string;
  seed: string;
  logLevel: string;
  logFormat: string;
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`--${name} must be an integer in [${min}, ${max}], got '${text}'`);
  return value;
}

/** Settings given on the command line, or a pointer to where the defaults are listed. */
function settingsLine(config: Readonly<Record<string, string | number | boolean>>): string {
  const given = Object.entries(config).map(([key, value]) => `${key}=${value}`);
  return `${given.length > 0 ? given.join(' ') : 'none given'} (every other setting at its default: kspec settings --scope broker)`;
}

/** A port that cannot be taken, in one line that says which and how to choose another. */
function listenError(
  error: unknown,
  port: number,
  count: number,
  host: string,
  option = '--port',
): UsageError | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  const failed = (error as { port?: number }).port ?? port;
  const ports = count > 1 && option === '--port' ? `ports ${port}..${port + count - 1}` : `port ${failed}`;
  if (code === 'EADDRINUSE')
    return new UsageError(
      `${host}:${failed} is already in use (another broker running?); ${count > 1 && option === '--port' ? `choose other ports with --port P (broker i listens on P+i, ${ports} now)` : `choose another port with ${option} P`}, or ${option} 0 for any free port`,
    );
  if (code === 'EACCES')
    return new UsageError(
      `not allowed to listen on ${host}:${failed} (ports below 1024 need privileges); choose another with ${option} P`,
    );
  if (code === 'EADDRNOTAVAIL')
    return new UsageError(`cannot listen on ${host}: no such local address (--host)`);
  return undefined;
}

/** Throws the one-line error of the first port of P..P+N-1 that cannot be listened on. */
async function portsFree(host: string, port: number, count: number): Promise<void> {
  const { createServer } = await import('node:net');
  for (let offset = 0; offset < count; offset++) {
    const server = createServer();
    const problem = await new Promise<unknown>((resolve) => {
      server.once('error', resolve);
      server.listen(port + offset, host, () => resolve(undefined));
    });
    await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    if (problem) {
      Object.assign(problem as object, { port: port + offset });
      throw listenError(problem, port, count, host) ?? problem;
    }
  }
}

export function register(program: Command): void {
  program
    .command('broker')
    .summary('run the reference cluster as Kafka brokers on loopback')
    .description(
      'Run the reference cluster as Kafka brokers: N brokers in one process on ports P..P+N-1, real segment ' +
        'files under --data-dir, the real clock. Prints `bootstrap: HOST:P,...` once every listener is up; ' +
        'stops cleanly on SIGINT/SIGTERM. Started again on the same data dir, it recovers the logs and the ' +
        'topics. With --control-port, faults are injected with `kspec fault`.',
    )
    .option('--brokers <n>', 'number of brokers (1-9)', '1')
    .option('--port <p>', 'port of broker 0; broker i listens on P+i (0: any free ports)', '9092')
    .option('--host <h>', 'address to listen on and advertise', '127.0.0.1')
    .option(
      '--data-dir <dir>',
      'log directory root, kept across runs (default: a new directory under the OS temp dir, removed on exit)',
    )
    .option('--fetch-path <path>', 'how fetch responses send record bytes: sendfile or copy', 'sendfile')
    .option(
      '--config <key=value>',
      "a setting by Kafka's name, e.g. min.insync.replicas=2 (repeatable; `kspec settings` lists them)",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      '--control-port <c>',
      'serve the fault-injection control port on 127.0.0.1:C (0: a free port); prints `control: 127.0.0.1:C`',
    )
    .option('--seed <n>', 'seed of the cluster (replica placement, member ids)', '1')
    .option(
      '--log-level <level>',
      'least severe log lines shown on stderr: debug, info, warn or error (debug adds connections and __consumer_offsets)',
      'info',
    )
    .option('--log-format <format>', 'log lines as text or json (one object a line)', 'text')
    .addHelpText(
      'after',
      `
Logs (stderr, one line each): the settings at startup, topics created, partition leader and ISR
changes, group state changes and generations, brokers up and down, faults, errors.

Without --data-dir the partition logs (segment files) live in a new temporary directory, printed at
start and removed on exit.`,
    )
    .action(async (options: BrokerOptions) => {
      const { mkdtempSync, rmSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { ConfigError, parseConfigArguments } = await import('../../spec/config.ts');
      const { ReferenceBroker } = await import('../../impl/broker/reference-broker.ts');
      const { startControlServer } = await import('../../impl/broker/control-server.ts');
      const { MetadataFileError } = await import('../../impl/broker/metadata-store.ts');
      const brokers = integer('brokers', options.brokers, 1, 9);
      const port = integer('port', options.port, 0, 65535 - brokers + 1);
      const seed = integer('seed', options.seed, 0, 2 ** 31 - 1);
      const controlPort =
        options.controlPort === undefined
          ? undefined
          : integer('control-port', options.controlPort, 0, 65535);
      const { LOG_LEVELS, serverLogger } = await import('../../impl/server/logger.ts');
      const { KSPEC_VERSION } = await import('../../traces/export.ts');
      const logLevel = LOG_LEVELS.find((level) => level === options.logLevel);
      if (!logLevel)
        throw new UsageError(
          `--log-level must be one of ${LOG_LEVELS.join(', ')}, got '${options.logLevel}'`,
        );
      if (options.logFormat !== 'text' && options.logFormat !== 'json')
        throw new UsageError(`--log-format must be text or json, got '${options.logFormat}'`);
      const logger = serverLogger({ level: logLevel, format: options.logFormat });
      if (options.fetchPath !== 'sendfile' && options.fetchPath !== 'copy')
        throw new UsageError(`--fetch-path must be sendfile or copy, got '${options.fetchPath}'`);
      let config: Record<string, string | number | boolean>;
      try {
        config = { ...parseConfigArguments(options.config) };
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
      if ('brokers' in config) throw new UsageError('set the broker count with --brokers, not --config');
      if (options.dataDir !== undefined) {
        const { prepareDataDir } = await import('../broker/data-dir.ts');
        prepareDataDir(options.dataDir);
      }
      const temporary = options.dataDir === undefined;
      const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kspec-broker-'));
      // A directory this run made up holds nothing worth keeping.
      const removeTemporary = () => {
        if (temporary) rmSync(dataDir, { recursive: true, force: true });
      };
      // Before anything starts, so a taken port is the only line printed.
      if (port !== 0) await portsFree(options.host, port, brokers);
      let cluster: Awaited<ReturnType<typeof ReferenceBroker.start>>;
      try {
        cluster = await ReferenceBroker.start({
          brokers,
          port,
          host: options.host,
          dataDir,
          fetchPath: options.fetchPath,
          config,
          seed,
          logger,
        });
      } catch (error) {
        removeTemporary();
        if (error instanceof ConfigError || error instanceof MetadataFileError)
          throw new UsageError(error.message);
        throw listenError(error, port, brokers, options.host) ?? error;
      }
      let control: Awaited<ReturnType<typeof startControlServer>> | undefined;
      try {
        control =
          controlPort === undefined ? undefined : await startControlServer(cluster, '127.0.0.1', controlPort);
      } catch (error) {
        await cluster.stop();
        removeTemporary();
        throw listenError(error, controlPort ?? 0, 1, '127.0.0.1', '--control-port') ?? error;
      }
      logger.log(
        'info',
        `kspec broker ${KSPEC_VERSION} starting: ${brokers} broker${brokers === 1 ? '' : 's'} on ${options.host}, first port ${port}`,
      );
      logger.log(
        'info',
        `data dir: ${dataDir}${temporary ? ' (temporary: removed on exit; --data-dir DIR keeps the logs)' : ''}`,
      );
      logger.log('info', `settings: ${settingsLine(config)}`);
      logger.log('info', `fetch path: ${cluster.fetchPathInUse()}`);
      // The signal handlers go in before the bootstrap line: whoever waits for that line may stop the
      // broker at once, and a signal with no handler yet would kill the process without cleaning up.
      const stopped = new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          logger.log('info', `${signal}: stopping`);
          void Promise.all([control?.stop(), cluster.stop()]).then(() => {
            removeTemporary();
            if (temporary) logger.log('info', `removed the temporary data dir ${dataDir}`);
            resolve();
          });
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      if (control) process.stdout.write(`control: 127.0.0.1:${control.port}\n`);
      process.stdout.write(`bootstrap: ${cluster.bootstrap()}\n`);
      await stopped;
    });
}
