// `kspec kafka up|fault|down`: a real Apache Kafka 4.4 cluster on 127.0.0.1 as a system under test
// (properties/adapters/kafka-cluster/). `up` returns once every broker answers Metadata and leaves
// the JVMs running; `fault` is what the kafka: adapter's --fault-cmd calls; `down` stops them.
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

interface UpFlags {
  brokers: string;
  dataDir: string;
  config?: string[];
  profile?: string;
  combined?: boolean;
  port?: string;
  timeoutMs: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function positive(text: string, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max)
    throw new UsageError(`${name} must be an integer from 1 to ${max}, got '${text}'`);
  return Number(text);
}

/** Runs a launcher step, turning its one-line failures into usage errors (exit 2). */
async function launcher<T>(work: () => Promise<T>): Promise<T> {
  const { KafkaClusterError } = await import('../../properties/adapters/kafka-cluster/cluster-error.ts');
  try {
    return await work();
  } catch (error) {
    if (error instanceof KafkaClusterError) throw new UsageError(error.message);
    throw error;
  }
}

export function register(program: Command): void {
  const kafka = program
    .command('kafka')
    .description(
      'A real Apache Kafka 4.4 cluster on 127.0.0.1 (resolved through Maven into its cache) to validate: up, fault, down.',
    );
  kafka
    .command('up')
    .description(
      'Resolve org.apache.kafka:kafka_2.13:4.4.0 through Maven (Java 17+ and Maven needed), format KRaft ' +
        'storage and start the cluster in the background: one controller and N broker-only nodes (node ids ' +
        '0..N-1, the controller N), or with --combined N nodes that are each broker and controller. Each node ' +
        "keeps metadata.log.dir apart from its data, so disk-loss re-formats only the data. Prints 'bootstrap: " +
        "HOST:PORT,...' once every broker answers Metadata; pids and logs stay in DIR.",
    )
    .requiredOption('--data-dir <dir>', 'an empty or new directory for storage, logs, pids and cluster.json')
    .option('--brokers <n>', 'brokers (1 to 9)', '3')
    .option('--combined', 'N combined broker+controller nodes instead of a dedicated controller')
    .option(
      '--profile <name>',
      'the broker-side settings of a kspec profile (safe or an unsafe flip, as kspec check --profile)',
    )
    .option(
      '--config <key=value>',
      'a broker setting (repeatable): a kspec setting name (mapped: replication.factor is default.replication.factor) or any Kafka broker setting',
      collect,
    )
    .option('--port <n>', 'first of the consecutive loopback ports to listen on (default: free ones)')
    .option('--timeout-ms <ms>', 'longest wait for every broker to answer Metadata', '180000')
    .action(async (flags: UpFlags) => {
      const brokers = positive(flags.brokers, '--brokers', 9);
      const basePort = flags.port === undefined ? undefined : positive(flags.port, '--port', 65535);
      const timeoutMs = positive(flags.timeoutMs, '--timeout-ms');
      const { configArguments, profileSettings } = await import(
        '../../properties/adapters/kafka-cluster/broker-settings.ts'
      );
      const { PROFILE_NAMES, profileConfig } = await import('../../properties/profiles.ts');
      if (flags.profile !== undefined && !(PROFILE_NAMES as readonly string[]).includes(flags.profile))
        throw new UsageError(
          `unknown profile '${flags.profile}' (expected one of: ${PROFILE_NAMES.join(', ')})`,
        );
      const { up } = await import('../../properties/adapters/kafka-cluster/cluster.ts');
      const { bootstrapOf } = await import('../../properties/adapters/kafka-cluster/layout.ts');
      const layout = await launcher(async () => {
        const settings = {
          ...(flags.profile === undefined ? {} : profileSettings(profileConfig(flags.profile))),
          ...configArguments(flags.config ?? []),
        };
        return up({
          dataDir: flags.dataDir,
          brokers,
          shape: flags.combined ? 'combined' : 'split',
          settings,
          ...(basePort === undefined ? {} : { basePort }),
          readyTimeoutMs: timeoutMs,
          // progress for a person watching; scripts and tests see only the bootstrap line or one error
          ...(process.stderr.isTTY ? { log: (line: string) => process.stderr.write(`${line}\n`) } : {}),
        });
      });
      process.stdout.write(`bootstrap: ${bootstrapOf(layout)}\n`);
    });
  kafka
    .command('fault')
    .description(
      'Inject a fault into one node of a `kspec kafka up` cluster: crash (SIGKILL), clean-shutdown (SIGTERM, ' +
        'controlled shutdown), pause/resume (SIGSTOP/SIGCONT), restart (stop if running, start, wait until it ' +
        'answers Metadata), disk-loss (SIGKILL, wipe its data dir, re-format with the same cluster id, restart). ' +
        "The kafka: adapter's names work too (process-crash); power-loss, isolate and heal are refused as " +
        "unsupported (exit 2). Use it as --fault-cmd 'kspec kafka fault --data-dir DIR {kind} {broker}'.",
    )
    .requiredOption('--data-dir <dir>', 'the directory given to kspec kafka up')
    .argument('<kind>', 'crash|clean-shutdown|pause|resume|restart|disk-loss')
    .argument('<node>', 'the node id (as Metadata reports it)')
    .action(async (kind: string, nodeText: string, flags: { dataDir: string }) => {
      if (!/^\d+$/.test(nodeText)) throw new UsageError(`node must be a node id, got '${nodeText}'`);
      const { injectFault } = await import('../../properties/adapters/kafka-cluster/faults.ts');
      const done = await launcher(() => injectFault(flags.dataDir, kind, Number(nodeText)));
      process.stdout.write(`${done}\n`);
    });
  kafka
    .command('down')
    .description(
      'Stop every node of a `kspec kafka up` cluster (SIGTERM, then SIGKILL after a grace period).',
    )
    .requiredOption('--data-dir <dir>', 'the directory given to kspec kafka up')
    .option('--delete', 'remove the directory afterwards')
    .action(async (flags: { dataDir: string; delete?: boolean }) => {
      const { down } = await import('../../properties/adapters/kafka-cluster/cluster.ts');
      const layout = await launcher(() => down(flags.dataDir, flags.delete === true));
      process.stdout.write(
        `stopped ${layout.nodes.length} nodes${flags.delete ? `; removed ${layout.dataDir}` : ''}\n`,
      );
    });
}
