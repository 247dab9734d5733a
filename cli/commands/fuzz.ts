// `kspec fuzz` (`npm run fuzz`): the wire, file and input fuzzers, bounded and seeded; the JSON
// report, then one summary line. A fixed-seed slice of each runs in `npm test`.
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

interface FuzzOptions {
  only?: string;
  seed: string;
  frames: string;
  logs: string;
  inputs: string;
  json?: boolean;
}

const PARTS = ['wire', 'files', 'inputs'] as const;

function count(name: string, text: string): number {
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0)
    throw new UsageError(`--${name} must be an integer >= 0, got '${text}'`);
  return value;
}

export function register(program: Command): void {
  program
    .command('fuzz')
    .summary('fuzz the broker (wire), the log files and kspec inputs, seeded')
    .description(
      'Run the fuzzers of issue 23, bounded and seeded. wire: mutated request frames of every API and ' +
        'version (kspec, kafkajs and grammar-drawn seeds) against an in-process broker beside a healthy ' +
        'client; files: damaged segments, indexes and checkpoints, recovered and read back; inputs: ' +
        'mutated trace files and stdio adapter messages. Prints the JSON report (docs/reliability.md ' +
        'explains it), then one summary line.',
    )
    .option('--only <parts>', `comma-separated subset of ${PARTS.join(',')}`)
    .option('--seed <n>', 'seed of every part', '1')
    .option('--frames <n>', 'wire: mutated frames to send', '1000000')
    .option('--logs <n>', 'files: damaged logs to recover', '20000')
    .option('--inputs <n>', 'inputs: mutated traces and as many stdio messages', '20000')
    .action(async (options: FuzzOptions) => {
      const parts = options.only ? options.only.split(',').map((part) => part.trim()) : [...PARTS];
      for (const part of parts)
        if (!(PARTS as readonly string[]).includes(part))
          throw new UsageError(`--only takes ${PARTS.join(', ')}; got '${part}'`);
      const seed = count('seed', options.seed);
      const frames = count('frames', options.frames);
      const logs = count('logs', options.logs);
      const inputs = count('inputs', options.inputs);
      const progress = (line: string) => process.stderr.write(`${line}\n`);
      const report: Record<string, unknown> = {};
      const summary: string[] = [];
      let failures = 0;
      if (parts.includes('wire')) {
        const { runWireFuzz } = await import('../../impl/server/fuzz/wire-fuzz.ts');
        const wire = await runWireFuzz({ frames, seed, onProgress: progress });
        report['wire'] = wire;
        failures += wire.failures.length;
        summary.push(
          `wire ${wire.frames} frames, ${wire.crashes.length} crashes, peak RSS ${wire.rssMb.peak} MB, ` +
            `${wire.healthy.rounds} healthy rounds`,
        );
      }
      if (parts.includes('files')) {
        const { runFileFuzz } = await import('../../impl/log/fuzz/file-fuzz.ts');
        const { runHighWatermarkFuzz } = await import('../../impl/cluster/high-watermark-fuzz.ts');
        const files = runFileFuzz({ iterations: logs, seed });
        const highWatermarks = runHighWatermarkFuzz({ iterations: logs, seed });
        report['files'] = { ...files, highWatermarkCheckpoints: highWatermarks };
        failures += files.failures.length + highWatermarks.failures.length;
        summary.push(
          `files ${files.iterations} damaged logs and HW checkpoints, ` +
            `${files.failures.length + highWatermarks.failures.length} bad recoveries`,
        );
      }
      if (parts.includes('inputs')) {
        const { runInputFuzz } = await import('../../properties/fuzz/input-fuzz.ts');
        const input = await runInputFuzz({ seed, traces: inputs, messages: inputs });
        report['inputs'] = input;
        failures += input.failures.length;
        summary.push(`inputs ${input.traces.mutants} traces and ${input.stdio.requests} stdio lines`);
      }
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(
        `fuzz seed ${seed}: ${summary.join('; ')}: ${failures === 0 ? 'OK' : `${failures} FAILURE(S)`}\n`,
      );
      if (failures > 0) process.exitCode = 1;
    });
}
