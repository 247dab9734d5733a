// kspec export FILE --format jepsen: a run's client history (a trace with the system's answers) as
// the history.edn that Jepsen's Kafka workload and Elle check (traces/jepsen/).
import { type Command, Option } from 'commander';

const FORMATS = ['jepsen'] as const;

export function register(program: Command): void {
  program
    .command('export')
    .summary("write a run's client history for another checker (Jepsen's Kafka workload)")
    .description(
      "Write a trace's client history in another tool's format. jepsen: history.edn, one op map per " +
        'line ({:index, :time, :type :invoke|:ok|:fail|:info, :process, :f :send|:poll|:subscribe, :value}) ' +
        'as jepsen.tests.kafka and Elle read it; each topic-partition is an integer key (the mapping is ' +
        'printed to stderr). Only answers recorded in the trace complete operations; the rest end :info.',
    )
    .argument('<file>', 'a trace file with the system answers (kspec trace JSON, see spec/TRACES.md)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('jepsen'))
    .option('-o, --output <path>', 'write to this file instead of standard output')
    .action(async (file: string, flags: { format: string; output?: string }) => {
      const { readTraceFile, writeOutput } = await import('../trace-files.ts');
      const { historyEdn, jepsenHistory } = await import('../../traces/jepsen/jepsen-history.ts');
      const trace = readTraceFile(file);
      const history = jepsenHistory(trace);
      const keys = [...history.keys].map(([key, name]) => `${key}=${name}`).join(' ');
      process.stderr.write(`keys: ${keys || '(none)'}; ${history.ops.length} ops\n`);
      if (!trace.steps.some((step) => (step.observations ?? []).length > 0))
        process.stderr.write('note: the trace holds no recorded answers, so every operation ends :info\n');
      writeOutput(historyEdn(history), flags.output);
    });
}
