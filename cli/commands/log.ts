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
    .argument('<path...>', 'segment files (.log, .index, .timeindex) or partition directories')
    .option('--json', 'print one JSON object ({ files, errorCount }) instead of text')
    .option('--print-records', 'also decode and print every record (key and value as UTF-8)')
    .action(async (paths: string[], options: { json?: boolean; printRecords?: boolean }) => {
      const { statSync } = await import('node:fs');
      const { RealFileSystem } = await import('../../impl/log/fs/real.ts');
      const { DumpInputError, dumpLog, formatDump, resolveDumpPaths } = await import(
        '../../impl/log/dump/index.ts'
      );
      const fs = new RealFileSystem();
      let files: string[];
      try {
        files = resolveDumpPaths(fs, paths, (path) => statSync(path).isDirectory());
      } catch (error) {
        if (error instanceof DumpInputError) throw new UsageError(error.message);
        throw error;
      }
      const report = dumpLog(fs, files, { printRecords: options.printRecords === true });
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatDump(report));
      if (report.errorCount > 0) process.exitCode = 1;
    });
}
