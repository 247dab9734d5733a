// Runs the real `bin/kspec.js` in a child process, for CLI tests: exit code and both streams.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const kspec = new URL('../../bin/kspec.js', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The run was killed at `timeoutMs` (a hang). */
  timedOut?: boolean;
}

export interface CliOptions {
  /** Kill the run after this long and report `timedOut` (hang tests); default: no limit. */
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export function cli(...args: string[]): Promise<CliResult> {
  return cliWith({}, ...args);
}

export async function cliWith(options: CliOptions, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [kspec, ...args], {
      maxBuffer: 64 * 1024 * 1024,
      ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string; killed?: boolean };
    return {
      code: failure.code,
      stdout: failure.stdout,
      stderr: failure.stderr,
      ...(failure.killed ? { timedOut: true } : {}),
    };
  }
}
