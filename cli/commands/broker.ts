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
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`--${name} must be an integer in [${min}, ${max}], got '${text}'`);
  return value;
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
    .option('--data-dir <dir>', 'log directory root (default: a new directory under the OS temp dir)')
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
      const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kspec-broker-'));
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
        });
      } catch (error) {
        // A directory this run made up holds nothing worth keeping.
        if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
        if (error instanceof ConfigError || error instanceof MetadataFileError)
          throw new UsageError(error.message);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')
          throw new UsageError(`cannot listen: ${(error as Error).message}`);
        throw error;
      }
      const control =
        controlPort === undefined ? undefined : await startControlServer(cluster, '127.0.0.1', controlPort);
      process.stderr.write(`data dir: ${dataDir} (fetch path: ${cluster.fetchPathInUse()})\n`);
      if (control) process.stdout.write(`control: 127.0.0.1:${control.port}\n`);
      process.stdout.write(`bootstrap: ${cluster.bootstrap()}\n`);
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          process.stderr.write(`${signal}: stopping\n`);
          void Promise.all([control?.stop(), cluster.stop()]).then(() => resolve());
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });
}
