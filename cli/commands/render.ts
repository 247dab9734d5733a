// kspec render FILE: a trace as a text timeline, a Mermaid sequence diagram, a self-contained HTML
// page, or an ITF document (the trace format of Apalache and Quint).
import { type Command, Option } from 'commander';
import { UsageError } from '../usage-error.ts';

const FORMATS = ['text', 'mermaid', 'html', 'itf'] as const;
type Format = (typeof FORMATS)[number];

export function register(program: Command): void {
  program
    .command('render')
    .description(
      'render a trace file as a text timeline, a Mermaid sequenceDiagram, a self-contained HTML page or ITF JSON',
    )
    .argument('<file>', 'a trace file (kspec trace JSON, see spec/TRACES.md)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <path>', 'write to this file instead of standard output')
    .action(async (file: string, flags: { format: Format; output?: string }) => {
      const { readTrace, TraceError } = await import('../../traces/export.ts');
      const { renderTrace } = await import('../../traces/render/index.ts');
      let trace: ReturnType<typeof readTrace>;
      try {
        trace = readTrace(file);
      } catch (error) {
        if (error instanceof TraceError) throw new UsageError(error.message);
        throw error;
      }
      const text = renderTrace(trace, flags.format, file);
      if (!flags.output) {
        process.stdout.write(text);
        return;
      }
      const { writeFileSync } = await import('node:fs');
      try {
        writeFileSync(flags.output, text);
      } catch (error) {
        throw new UsageError(
          `cannot write ${flags.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        );
      }
      process.stderr.write(`wrote ${flags.output}\n`);
    });
}
