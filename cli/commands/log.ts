// `kspec log dump PATH...`: the segment dump tool (like Kafka's kafka-dump-log.sh).
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

export function register(program: Command): void {
  const log = program
    .command('log')
    .description("Inspect kspec's on-disk partition logs (Kafka's segment format).");
  log
    .command('dump')
    .description(
      'Dump segment files like kafka-dump-log.sh: batches (base offset, last offset, count, CRC validity, ' +
        'size, position), records on request, and index/time-index consistency with the log. ' +
        'A directory argument dumps every segment file in it. Exits 1 if any file is corrupt or inconsistent, ' +
        '2 if a path is missing or not a segment file.',
    )
    .argument('[path...]', 'segment files (.log, .index, .timeindex) or partition directories')
    .option('--files <paths>', "comma-separated files or directories to dump (Kafka's spelling of the paths)")
    .option('--deep-iteration', 'list every record of each batch (offset, timestamp, sizes)')
    .option('--print-data-log', "also print each record's key and payload (implies --deep-iteration)")
    .option(
      '--offsets-decoder',
      'decode __consumer_offsets records: group, topic, partition and offset; group generations and members (implies --print-data-log)',
    )
    .option('--print-records', 'the same as --print-data-log')
    .option('--json', 'print one JSON object ({ files, errorCount }) instead of text')
    .addHelpText(
      'after',
      `
Example: the commits of a group, as kafka-dump-log.sh --offsets-decoder shows them:
  kspec log dump --offsets-decoder --files DATA_DIR/broker-0/__consumer_offsets-12/00000000000000000000.log`,
    )
    .action(async (paths: string[], options: DumpFlags) => {
      const { statSync } = await import('node:fs');
      const { RealFileSystem } = await import('../../impl/log/fs/real.ts');
      const { DumpInputError, dumpLog, formatDump, resolveDumpPaths } = await import(
        '../../impl/log/dump/index.ts'
      );
      const all = [...paths, ...(options.files ?? '').split(',').filter((path) => path.length > 0)];
      if (all.length === 0) throw new UsageError('name the files to dump: --files PATH[,PATH...] or PATH...');
      const printData =
        options.printDataLog === true || options.printRecords === true || options.offsetsDecoder === true;
      const deep = printData || options.deepIteration === true;
      const fs = new RealFileSystem();
      let files: string[];
      try {
        files = resolveDumpPaths(fs, all, (path) => statSync(path).isDirectory());
      } catch (error) {
        if (error instanceof DumpInputError) throw new UsageError(error.message);
        throw error;
      }
      const decode = options.offsetsDecoder
        ? (await import('../../impl/coordinator/offsets-decoder.ts')).describeOffsetsRecord
        : undefined;
      const report = dumpLog(fs, files, { printRecords: deep, ...(decode ? { decode } : {}) });
      process.stdout.write(
        options.json ? `${JSON.stringify(report, null, 2)}\n` : formatDump(report, { printData }),
      );
      if (report.errorCount > 0) process.exitCode = 1;
    });
}

interface DumpFlags {
  json?: boolean;
  files?: string;
  deepIteration?: boolean;
  printDataLog?: boolean;
  printRecords?: boolean;
  offsetsDecoder?: boolean;
}
