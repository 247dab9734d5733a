// `kspec groups`: kafka-consumer-groups.sh's --list and --describe, against any Kafka-protocol broker.
import type { Command } from 'commander';
import { UnreachableError, UsageError } from '../usage-error.ts';

interface GroupsOptions {
  bootstrap?: string;
  bootstrapServer?: string;
  list?: boolean;
  describe?: boolean;
  group?: string;
  json?: boolean;
  timeoutMs: string;
}

export function register(program: Command): void {
  program
    .command('groups')
    .summary('list or describe consumer groups like kafka-consumer-groups.sh')
    .description(
      "Consumer groups as Kafka's kafka-consumer-groups.sh shows them, over the Kafka protocol (kspec " +
        'broker or any Kafka broker): --list prints every group id (ListGroups on every broker); ' +
        '--describe --group G prints GROUP, TOPIC, PARTITION, CURRENT-OFFSET, LOG-END-OFFSET, LAG, ' +
        'CONSUMER-ID, HOST, CLIENT-ID.',
    )
    .option('--bootstrap <host:port,...>', 'bootstrap brokers')
    .option('--bootstrap-server <host:port,...>', "the same, as Kafka's tools spell it")
    .option('--list', 'list the consumer groups')
    .option('--describe', 'describe the group given by --group')
    .option('--group <id>', 'the group to describe')
    .option('--json', 'print JSON instead of the table')
    .option('--timeout-ms <ms>', 'longest wait for the whole exchange with the cluster', '10000')
    .action(async (options: GroupsOptions) => {
      if (options.bootstrap !== undefined && options.bootstrapServer !== undefined)
        throw new UsageError('give one of --bootstrap and --bootstrap-server (they are the same flag)');
      const bootstrapText = options.bootstrap ?? options.bootstrapServer;
      if (bootstrapText === undefined)
        throw new UsageError('give the brokers with --bootstrap HOST:PORT[,...]');
      if (Boolean(options.list) === Boolean(options.describe))
        throw new UsageError('give exactly one of --list and --describe');
      if (options.describe && !options.group) throw new UsageError('--describe needs --group');
      const timeoutMs = Number(options.timeoutMs);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
        throw new UsageError(`--timeout-ms must be a positive integer, got '${options.timeoutMs}'`);
      const bootstrap = bootstrapText.split(',').filter(Boolean);
      if (bootstrap.length === 0) throw new UsageError('--bootstrap needs at least one HOST:PORT');
      const { ClusterUnreachableError, describeGroup, GroupToolError, listGroups } = await import(
        '../groups/report.ts'
      );
      const { formatDescription } = await import('../groups/table.ts');
      try {
        if (options.list) {
          const groups = await listGroups(bootstrap, timeoutMs);
          process.stdout.write(
            options.json ? `${JSON.stringify(groups)}\n` : groups.map((g) => `${g}\n`).join(''),
          );
          return;
        }
        const description = await describeGroup(bootstrap, options.group!, timeoutMs);
        if (description.state === 'Dead') {
          process.stderr.write(`Error: Consumer group '${options.group}' does not exist.\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(
          options.json ? `${JSON.stringify(description, null, 2)}\n` : formatDescription(description),
        );
      } catch (error) {
        if (error instanceof GroupToolError) throw new UsageError(error.message);
        if (error instanceof ClusterUnreachableError)
          throw new UnreachableError(`cannot reach the cluster: ${error.message}`);
        throw error;
      }
    });
}
