// kspec render FILE: a trace as a text timeline, a Mermaid sequence diagram, a self-contained HTML
// page, or an ITF document (the trace format of Apalache and Quint).
import { type Command, Option } from 'commander';

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
      const { readTraceFile, writeOutput } = await import('../trace-files.ts');
      const { renderTrace } = await import('../../traces/render/index.ts');
      writeOutput(renderTrace(readTraceFile(file), flags.format, file), flags.output);
    });
}
