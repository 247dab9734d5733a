// The worker processes of `kspec check --jobs N` and `kspec mutants --jobs N`, both ends of them:
// runInWorkers forks up to N processes, each taking the next job when free; serveJobs is what a
// worker module runs. Processes, not threads: a mutant switch is process-wide (impl/mutants).
//
// A job that throws, or a process that dies, stops the pool: every process still running is killed
// (a worker waiting for its next job would otherwise keep this process alive forever), and the
// first error is reported once they have all exited, so nothing outlives the call.
import { type ChildProcess, fork } from 'node:child_process';

type ToWorker<J> = { readonly type: 'job'; readonly job: J } | { readonly type: 'exit' };

type FromWorker<R> =
  | { readonly type: 'progress' }
  | { readonly type: 'result'; readonly result: R }
  | { readonly type: 'error'; readonly message: string };

export interface PoolOptions<J, R> {
  /** The worker module's path (it calls serveJobs); run with tsx. */
  readonly worker: string;
  /** How many processes at most. */
  readonly processes: number;
  /** How a failed job is named in the error ("task 3"). */
  readonly describe: (job: J) => string;
  readonly onResult?: (result: R) => void;
  /** A worker's progress message (for `kspec check`: one property run finished). */
  readonly onProgress?: () => void;
  /**
   * Stop early once a result satisfies it (`kspec check --fail-fast`): no further job starts, the
   * processes still running are killed, and the results so far are returned.
   */
  readonly stopWhen?: (result: R) => boolean;
}

/** Runs every job in a worker process; results in the order they finish. */
export function runInWorkers<J, R>(jobs: readonly J[], options: PoolOptions<J, R>): Promise<R[]> {
  const queue = [...jobs];
  const results: R[] = [];
  const running = new Set<ChildProcess>();
  let failure: Error | undefined;
  let stopped = false;
  return new Promise((resolve, reject) => {
    if (jobs.length === 0) {
      resolve(results);
      return;
    }
    const fail = (error: Error) => {
      failure ??= error;
      for (const child of running) child.kill();
    };
    const start = () => {
      const child = fork(options.worker, [], {
        execArgv: ['--import=tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      running.add(child);
      let current: J | undefined;
      const next = () => {
        current = queue.shift();
        const message: ToWorker<J> = current === undefined ? { type: 'exit' } : { type: 'job', job: current };
        child.send(message);
      };
      child.on('message', (message: FromWorker<R>) => {
        if (failure || stopped) return;
        if (message.type === 'progress') options.onProgress?.();
        else if (message.type === 'result') {
          results.push(message.result);
          options.onResult?.(message.result);
          if (options.stopWhen?.(message.result)) {
            stopped = true;
            queue.length = 0;
            for (const other of running) if (other !== child) other.kill();
          }
          next();
        } else {
          const job = current === undefined ? 'a job' : options.describe(current);
          fail(new Error(`${job} failed in a worker: ${message.message}`));
        }
      });
      child.on('error', fail);
      child.on('exit', (code, signal) => {
        running.delete(child);
        // A clean exit comes only after the exit message; any other is a crash (even with code 0).
        if (!failure && !stopped && (code !== 0 || current !== undefined))
          fail(new Error(`a worker exited with ${code === null ? `signal ${signal}` : `code ${code}`}`));
        if (running.size > 0) return;
        if (failure) reject(failure);
        else resolve(results);
      });
      next();
    };
    for (let i = 0; i < Math.max(1, Math.min(options.processes, jobs.length)); i++) start();
  });
}

/** The worker side: runs each job it is sent with `handle`, one at a time, until told to exit. */
export function serveJobs<J, R>(handle: (job: J, progress: () => void) => Promise<R>): void {
  const send = (message: FromWorker<R>) => process.send?.(message);
  process.on('message', async (message: ToWorker<J>) => {
    if (message.type === 'exit') {
      process.disconnect();
      return;
    }
    try {
      send({ type: 'result', result: await handle(message.job, () => send({ type: 'progress' })) });
    } catch (error) {
      send({
        type: 'error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  });
}
