// kspec replay FILE...: re-runs traces against a system under test and says, event by event, where
// it diverged. Exit 0: every trace conforms (or a counterexample no longer reproduces); 1: a
// violation reproduced or a scenario's expectation failed; 2: bad input (unreadable or invalid
// trace, unknown or unavailable adapter).
import type { Command } from 'commander';
import type { SystemUnderTest } from '../../spec/sut.ts';
import { UsageError } from '../usage-error.ts';

interface ReplayFlags {
  adapter?: string;
  json?: boolean;
  checkers: boolean;
  record?: string;
}

export function register(program: Command): void {
  program
    .command('replay')
    .description(
      're-run trace files against a system (default: the reference cluster) and report, event by event, where it diverges; ' +
        'exit 0 when it conforms, 1 when the violation reproduces, 2 on bad input',
    )
    .argument('<files...>', 'trace files (kspec trace JSON, see spec/TRACES.md)')
    .option(
      '--adapter <adapter>',
      'the system to replay against: reference, module:PATH, or any adapter kspec check takes',
      'reference',
    )
    .option('--json', 'print one JSON report per trace (an array) instead of text')
    .option(
      '--no-checkers',
      "compare answers only; do not run kspec's state invariants and history checkers on the replay",
    )
    .option('--record <directory>', 'also write each trace with the answers this replay got into <directory>')
    .action(async (files: string[], flags: ReplayFlags) => {
      const { readTraceFile } = await import('../trace-files.ts');
      const { replayTrace, exitCodeOf } = await import('../../traces/replay/replay.ts');
      const { resolveAdapter } = await import('../../properties/adapters/resolve.ts');
      const { replayText, replayJson } = await import('../../traces/replay/report.ts');
      const { checkerOracle } = await import('../../properties/check/checker-oracle.ts');
      const traces = files.map((file) => ({ file, trace: readTraceFile(file) }));
      const adapter = flags.adapter ?? 'reference';
      const { AdapterSetupError, preflightAdapter } = await import('../../properties/adapters/preflight.ts');
      try {
        await preflightAdapter(adapter);
      } catch (error) {
        if (error instanceof AdapterSetupError) throw new UsageError(error.message);
        throw error;
      }
      let system: SystemUnderTest;
      try {
        system = await (await resolveAdapter(adapter)).create();
      } catch (error) {
        // No system to replay against is a problem with the request, not a verdict: exit 2.
        throw new UsageError(`adapter ${adapter}: ${(error as Error).message}`);
      }
      const reports: unknown[] = [];
      let exitCode = 0;
      try {
        for (const { file, trace } of traces) {
          const oracle = flags.checkers ? await checkerOracle() : undefined;
          const result = await replayTrace(trace, system, oracle ? { oracle } : {});
          exitCode = Math.max(exitCode, exitCodeOf(result.verdict));
          if (flags.record) {
            const { writeTrace } = await import('../../traces/export.ts');
            const { recordedTrace } = await import('../../traces/replay/record.ts');
            const path = writeTrace(flags.record, recordedTrace(trace, result, adapter));
            process.stderr.write(`recorded ${path}\n`);
          }
          if (flags.json) reports.push(replayJson(file, adapter, result));
          else process.stdout.write(replayText(file, adapter, trace, result));
        }
      } finally {
        await system.close();
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
      if (exitCode > 0) process.exitCode = exitCode;
    });
}
