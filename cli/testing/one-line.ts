// What a CLI error must look like: one line naming the problem, no stack frame, no Node banner.
import type { ExecutionContext } from 'ava';
import type { CliResult } from './run-cli.ts';

/** Lines of a stack trace or of Node's uncaught-error report. */
export const STACK = /^\s+at |node:internal|^Node\.js v\d|^\s*\^+\s*$|\.ts:\d+$/m;

export function assertOneLineError(
  t: ExecutionContext,
  result: CliResult,
  code: number,
  pattern?: RegExp,
): void {
  const what = `exit ${result.code}, stderr:\n${result.stderr}`;
  t.false(result.timedOut === true, `hung: ${what}`);
  t.is(result.code, code, what);
  t.notRegex(result.stderr, STACK, what);
  const lines = result.stderr.trim().split('\n');
  t.is(lines.length, 1, what);
  t.regex(lines[0]!, /^kspec: /, what);
  if (pattern) t.regex(lines[0]!, pattern, what);
}
