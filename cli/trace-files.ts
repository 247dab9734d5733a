// Reading a trace file named on the command line and writing a command's output where -o says:
// the two steps `render`, `export` and `replay` share, with their failures as one-line usage errors.
import { writeFileSync } from 'node:fs';
import { readTrace, TraceError } from '../traces/export.ts';
import { UsageError } from './usage-error.ts';

/** The trace in `file`; a file that is not a valid trace is bad input (exit 2), not a crash. */
export function readTraceFile(file: string): ReturnType<typeof readTrace> {
  try {
    return readTrace(file);
  } catch (error) {
    if (error instanceof TraceError) throw new UsageError(error.message);
    throw error;
  }
}

/** `text` to standard output, or to `output` (naming it on stderr) when -o gave one. */
export function writeOutput(text: string, output: string | undefined): void {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch (error) {
    throw new UsageError(
      `cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  process.stderr.write(`wrote ${output}\n`);
}
