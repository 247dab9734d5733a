// franz-go's kfake as a bench baseline: the program docs/kfake/main.go (pkg/kfake at the commit
// docs/kfake/go.mod pins), built by the Go toolchain into kspec's cache as `npm run kfake:validate`
// builds it, started with 3 brokers on loopback. Without Go it says why, and the rows are skipped.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/kfake');

export interface KfakeCluster {
  readonly bootstrap: string[];
  readonly pid: number;
  stop(): Promise<void>;
}

function binary(): string {
  return join(process.env['KSPEC_CACHE'] ?? join(homedir(), '.cache/kspec'), 'kfake/kfake');
}

/** Builds (when missing) and starts a 3-broker kfake cluster, or returns why it cannot. */
export async function startKfake(): Promise<KfakeCluster | string> {
  const bin = binary();
  if (!existsSync(bin)) {
    try {
      execFileSync('go', ['build', '-o', bin, '.'], { cwd: SOURCE, stdio: 'pipe' });
    } catch (error) {
      return `kfake could not be built (Go toolchain, docs/kfake): ${(error as Error).message.split('\n')[0]}`;
    }
  }
  const child: ChildProcess = spawn(bin, ['-brokers', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const bootstrap = await new Promise<string | undefined>((done) => {
    const timer = setTimeout(() => done(undefined), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const found = /^bootstrap: (\S+)$/m.exec(text)?.[1];
      if (found) {
        clearTimeout(timer);
        done(found);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      done(undefined);
    });
  });
  if (!bootstrap || child.pid === undefined) {
    child.kill('SIGKILL');
    return `kfake did not start: ${text.trim().split('\n').at(-1) ?? 'no output'}`;
  }
  return {
    bootstrap: bootstrap.split(','),
    pid: child.pid,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
