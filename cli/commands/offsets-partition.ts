// `kspec offsets-partition GROUP [--partitions 50] [--json]`: which __consumer_offsets partition
// holds a group (its leader is the group's coordinator), computed as Kafka does (AS-8, AS-9).
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

export function register(program: Command): void {
  program
    .command('offsets-partition')
    .summary("print a group's __consumer_offsets partition")
    .description(
      "Print the __consumer_offsets partition of a group: Utils.abs(groupId.hashCode()) % partitions, with Java's " +
        'String.hashCode (UTF-16, 32-bit wrap) and Utils.abs (Integer.MIN_VALUE -> 0).',
    )
    .argument('<group>', 'the group id (may be empty: pass "")')
    .option('--partitions <n>', 'offsets.topic.num.partitions', '50')
    .option('--json', 'print { group, hashCode, partitions, partition, folkloreMathAbs }')
    .action(async (group: string, options: { partitions: string; json?: boolean }) => {
      const { folkloreOffsetsPartition, javaStringHashCode, offsetsPartitionFor } = await import(
        '../../spec/java-hash.ts'
      );
      if (
        !/^\d+$/.test(options.partitions) ||
        Number(options.partitions) < 1 ||
        Number(options.partitions) > 2147483647
      )
        throw new UsageError(`--partitions must be a positive integer, got '${options.partitions}'`);
      const partitions = Number(options.partitions);
      const partition = offsetsPartitionFor(group, partitions);
      if (options.json) {
        const report = {
          group,
          hashCode: javaStringHashCode(group),
          partitions,
          partition,
          folkloreMathAbs: folkloreOffsetsPartition(group, partitions),
        };
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      process.stdout.write(`${partition}\n`);
    });
}
