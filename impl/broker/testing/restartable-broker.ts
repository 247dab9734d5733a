// `kspec broker` as a child process on a data directory the test owns, so it can be SIGKILLed (the
// whole process, every broker in it: what a machine crash does to the process) and started again
// on the same files. kspec-broker-process.ts starts a broker for one test and deletes its data dir;
// this one never deletes anything.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const KSPEC = fileURLToPath(new URL('../../../bin/kspec.js', import.meta.url));
const STARTUP_TIMEOUT_MS = 60_000;

export interface RunningBroker {
  readonly bootstrap: string[];
  readonly control: string;
  readonly stderr: string[];
  /** The process id (the soak reads its RSS and open files from /proc). */
  readonly pid: number;
  /** SIGKILL, then wait for the process to be gone. */
  kill(): Promise<void>;
  /** SIGTERM (a clean stop); resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startOnDataDir(
  dataDir: string,
  brokers: number,
  config: readonly string[],
  extraArgs: readonly string[] = [],
): Promise<RunningBroker> {
  const args = [
    KSPEC,
    'broker',
    '--port',
    '0',
    '--control-port',
    '0',
    '--data-dir',
    dataDir,
    '--brokers',
    String(brokers),
  ];
  for (const entry of config) args.push('--config', entry);
  args.push(...extraArgs);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr
    .setEncoding('utf8')
    .on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await new Promise<{ bootstrap: string[]; control: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`kspec broker not ready in time\n${stderr.join('\n')}`)),
      STARTUP_TIMEOUT_MS,
    );
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`kspec broker exited with ${code} before it was ready\n${stderr.join('\n')}`));
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const control = /^control: (\S+)$/m.exec(out)?.[1];
      const bootstrap = /^bootstrap: (\S+)$/m.exec(out)?.[1];
      if (control && bootstrap) {
        clearTimeout(timer);
        resolve({ bootstrap: bootstrap.split(','), control });
      }
    });
  }).catch((error: Error) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    ...ready,
    stderr,
    pid: child.pid!,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
