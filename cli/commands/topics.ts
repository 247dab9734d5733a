// `kspec topics`: kafka-topics.sh's --list and --describe, against any Kafka-protocol broker.
import type { Command } from 'commander';
import { UnreachableError, UsageError } from '../usage-error.ts';

interface TopicsOptions {
  bootstrap?: string;
  bootstrapServer?: string;
  list?: boolean;
  describe?: boolean;
  topic?: string;
  json?: boolean;
  timeoutMs: string;
}

export function register(program: Command): void {
  program
    .command('topics')
    .summary('list or describe topics like kafka-topics.sh')
    .description(
      "Topics as Kafka's kafka-topics.sh shows them, over the Kafka protocol (kspec broker or any Kafka " +
        'broker): --list prints every topic name; --describe prints each topic (or --topic T) with its ' +
        'partition count and replication factor, and per partition its leader, replicas and ISR. ' +
        '`--describe --topic __consumer_offsets` shows how the group coordinators spread over the brokers.',
    )
    .option('--bootstrap-server <host:port,...>', 'bootstrap brokers')
    .option('--bootstrap <host:port,...>', 'the same (the spelling kspec groups also takes)')
    .option('--list', 'list the topic names')
    .option('--describe', 'describe the topics (all, or the one given by --topic)')
    .option('--topic <name>', 'only this topic')
    .option('--json', 'print JSON instead of the text')
    .option('--timeout-ms <ms>', 'longest wait for the whole exchange with the cluster', '10000')
    .action(async (options: TopicsOptions) => {
      if (options.bootstrap !== undefined && options.bootstrapServer !== undefined)
        throw new UsageError('give one of --bootstrap-server and --bootstrap (they are the same flag)');
      const bootstrapText = options.bootstrapServer ?? options.bootstrap;
      if (bootstrapText === undefined)
        throw new UsageError('give the brokers with --bootstrap-server HOST:PORT[,...]');
      if (Boolean(options.list) === Boolean(options.describe))
        throw new UsageError('give exactly one of --list and --describe');
      const timeoutMs = Number(options.timeoutMs);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
        throw new UsageError(`--timeout-ms must be a positive integer, got '${options.timeoutMs}'`);
      const bootstrap = bootstrapText.split(',').filter(Boolean);
      if (bootstrap.length === 0) throw new UsageError('--bootstrap-server needs at least one HOST:PORT');
      const { ClusterUnreachableError, describeTopics, formatTopics, TopicToolError, UnknownTopicError } =
        await import('../topics/describe.ts');
      try {
        const topics = await describeTopics(bootstrap, options.topic, timeoutMs);
        if (options.list) {
          const names = topics.map((topic) => topic.topic);
          process.stdout.write(
            options.json ? `${JSON.stringify(names)}\n` : names.map((n) => `${n}\n`).join(''),
          );
          return;
        }
        process.stdout.write(options.json ? `${JSON.stringify(topics, null, 2)}\n` : formatTopics(topics));
      } catch (error) {
        if (error instanceof UnknownTopicError) {
          process.stderr.write(`Error: ${error.message}\n`);
          process.exitCode = 1;
          return;
        }
        if (error instanceof TopicToolError) throw new UsageError(error.message);
        if (error instanceof ClusterUnreachableError)
          throw new UnreachableError(`cannot reach the cluster: ${error.message}`);
        throw error;
      }
    });
}
