// The seeded sample of `npm run mutation`: every mutant Stryker's instrumenter makes in the frame
// (frame.ts), in a fixed order, and N of them drawn by seed (a partial Fisher-Yates shuffle with
// a 32-bit xorshift generator), so a seed names the same sample on any machine while the sources
// are unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Instrumenter } from '@stryker-mutator/instrumenter';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One mutant as the instrumenter and Stryker's JSON report name it (lines from 1, columns from 0). */
export interface SampledMutant {
  readonly file: string;
  readonly mutator: string;
  readonly replacement: string;
  readonly start: Position;
  readonly end: Position;
}

/** A mutant's identity across runs: file, place, mutator and replacement. */
export const mutantKey = (m: SampledMutant): string =>
  `${m.file}:${m.start.line}:${m.start.column}-${m.end.line}:${m.end.column} ${m.mutator} ${m.replacement}`;

const silent = {
  isTraceEnabled: () => false,
  isDebugEnabled: () => false,
  isInfoEnabled: () => false,
  isWarnEnabled: () => false,
  isErrorEnabled: () => false,
  isFatalEnabled: () => false,
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
  fatal() {},
};

export async function listMutants(root: string, files: readonly string[]): Promise<SampledMutant[]> {
  const instrumenter = new Instrumenter(silent);
  const result = await instrumenter.instrument(
    files.map((name) => ({ name, mutate: true, content: readFileSync(join(root, name), 'utf8') })),
    { plugins: null, excludedMutations: [], ignorers: [] },
  );
  return result.mutants
    .map((m) => ({
      file: m.fileName,
      mutator: m.mutatorName,
      replacement: m.replacement,
      // The instrumenter counts lines from 0; Babel, Stryker's `mutate` ranges and people from 1.
      start: { line: m.location.start.line + 1, column: m.location.start.column },
      end: { line: m.location.end.line + 1, column: m.location.end.column },
    }))
    .sort((a, b) => (mutantKey(a) < mutantKey(b) ? -1 : mutantKey(a) > mutantKey(b) ? 1 : 0));
}

export function drawSample<T>(items: readonly T[], size: number, seed: number): T[] {
  const pool = [...items];
  let state = (seed ^ 0x9e3779b9) >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const count = Math.min(size, pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + (next() % (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}
