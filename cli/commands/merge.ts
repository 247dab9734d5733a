// `kspec merge`: combines the JSON reports of `kspec check --json` runs (the shards of a deep run
// spread over machines, or several seeds) into one report. Exit 1 if any part failed.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

export function register(program: Command): void {
  program
    .command('merge')
    .description('merge the JSON reports of several kspec check --json runs (e.g. the shards of a deep run)')
    .argument('<reports...>', 'report files written by kspec check --json')
    .option('--json', 'print the merged report as JSON')
    .action(async (files: string[], options: { json?: boolean }) => {
      const { mergeReports, REPORT_FORMAT } = await import('../../properties/check/report.ts');
      const { formatReport } = await import('../../properties/check/format.ts');
      const reports = files.map((file) => {
        let value: unknown;
        try {
          value = JSON.parse(readFileSync(file, 'utf8'));
        } catch (error) {
          throw new UsageError(`cannot read report ${file}: ${(error as Error).message}`);
        }
        const report = value as { format?: unknown; version?: unknown };
        if (report.format !== REPORT_FORMAT || report.version !== 1)
          throw new UsageError(
            `${file} is not a kspec check report (format ${String(report.format)}, version ${String(report.version)})`,
          );
        return value as import('../../properties/check/report.ts').CheckReport;
      });
      const merged = mergeReports(reports);
      process.stdout.write(
        options.json ? `${JSON.stringify(merged, null, 2)}\n` : `${formatReport(merged)}\n`,
      );
      if (!merged.ok) process.exitCode = 1;
    });
}
