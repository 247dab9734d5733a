// `kspec groups`: kafka-consumer-groups.sh's --list and --describe, against any Kafka-protocol broker.
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

interface GroupsOptions {
  bootstrap: string;
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
        'CONSUMER-ID, HOST, CLIENT-ID. Exits 1 when the group does not exist.',
    )
    .requiredOption('--bootstrap <host:port,...>', 'bootstrap brokers')
    .option('--list', 'list the consumer groups')
    .option('--describe', 'describe the group given by --group')
    .option('--group <id>', 'the group to describe')
    .option('--json', 'print JSON instead of the table')
    .option('--timeout-ms <ms>', 'connect timeout per broker', '10000')
    .action(async (options: GroupsOptions) => {
      if (Boolean(options.list) === Boolean(options.describe))
        throw new UsageError('give exactly one of --list and --describe');
      if (options.describe && !options.group) throw new UsageError('--describe needs --group');
      const timeoutMs = Number(options.timeoutMs);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
        throw new UsageError(`--timeout-ms must be a positive integer, got '${options.timeoutMs}'`);
      const bootstrap = options.bootstrap.split(',').filter(Boolean);
      const { describeGroup, GroupToolError, listGroups } = await import('../groups/report.ts');
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
        const code = (error as NodeJS.ErrnoException).code;
        const message = (error as Error).message;
        if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || /timed out|got no answer/.test(message))
          throw new UsageError(`cannot reach the cluster: ${message}`);
        throw error;
      }
    });
}
