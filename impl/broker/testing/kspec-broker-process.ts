// Runs `kspec broker` as a child process for interop tests, as a user would: free ports on
// 127.0.0.1, a temp data dir, the control port; reads `bootstrap:`/`control:` from its stdout and
// stops it with SIGTERM (then SIGKILL after a bound), deleting the data dir.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KSPEC = fileURLToPath(new URL('../../../bin/kspec.js', import.meta.url));
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface KspecBroker {
  readonly bootstrap: string[];
  readonly control: string;
  readonly dataDir: string;
  /** stderr lines so far (warnings, closed connections). */
  readonly stderr: string[];
  fault(fault: string, broker?: number): Promise<{ brokers: { id: number; running: boolean }[] }>;
  stop(): Promise<number | null>;
}

/** Settings that keep tests short: no initial rebalance delay, few offsets partitions. */
export const FAST_GROUP_CONFIG = ['group.initial.rebalance.delay.ms=0', 'offsets.topic.num.partitions=5'];

export async function startKspecBroker(
  options: { brokers?: number; config?: string[]; args?: readonly string[] } = {},
): Promise<KspecBroker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kspec-interop-'));
  const args = [KSPEC, 'broker', '--port', '0', '--control-port', '0', '--data-dir', dataDir];
  args.push('--brokers', String(options.brokers ?? 1));
  for (const entry of options.config ?? FAST_GROUP_CONFIG) args.push('--config', entry);
  args.push(...(options.args ?? []));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child
    .stderr!.setEncoding('utf8')
    .on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let ready: { bootstrap: string[]; control: string };
  try {
    ready = await readyLines(child, exited);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${stderr.join('\n')}`);
  }
  return {
    ...ready,
    dataDir,
    stderr,
    async fault(fault, broker) {
      const response = await fetch(`http://${ready.control}/fault`, {
        method: 'POST',
        body: JSON.stringify({ fault, broker }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as never;
      if (!response.ok) throw new Error(`fault ${fault} failed: ${JSON.stringify(body)}`);
      return body;
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const code = await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

function readyLines(
  child: ChildProcess,
  exited: Promise<number | null>,
): Promise<{ bootstrap: string[]; control: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    let control = '';
    const timer = setTimeout(
      () => reject(new Error('kspec broker did not print bootstrap in time')),
      STARTUP_TIMEOUT_MS,
    );
    void exited.then((code) => reject(new Error(`kspec broker exited with ${code} before it was ready`)));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const controlLine = /^control: (\S+)$/m.exec(out);
      if (controlLine) control = controlLine[1]!;
      const bootstrapLine = /^bootstrap: (\S+)$/m.exec(out);
      if (bootstrapLine) {
        clearTimeout(timer);
        resolve({ bootstrap: bootstrapLine[1]!.split(','), control });
      }
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every `intervalMs` until it holds or `timeoutMs` passes; returns the last result. */
export async function eventually<T>(
  probe: () => Promise<T>,
  holds: (value: T) => boolean,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!holds(value) && Date.now() < deadline) {
    await sleep(intervalMs);
    value = await probe();
  }
  return value;
}
