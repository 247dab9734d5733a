// The worker pool of `kspec check --jobs` and `kspec mutants --jobs`: results and progress come
// back; a failing job or a dying worker stops the pool, and no worker outlives the call.
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { runInWorkers } from './worker-pool.ts';

const worker = fileURLToPath(new URL('../testing/pool-worker.ts', import.meta.url));
const describe = (job: string) => `job ${job}`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('every job runs once in one of the workers, with its progress', async (t) => {
  let progress = 0;
  const seen: number[] = [];
  const results = await runInWorkers<string, number>(['ok:1', 'ok:2', 'ok:3'], {
    worker,
    processes: 2,
    describe,
    onResult: (result) => seen.push(result),
    onProgress: () => progress++,
  });
  t.deepEqual([...results].sort(), [1, 2, 3]);
  t.deepEqual(seen, results);
  t.is(progress, 3);
});

test('a failing job is reported, its worker is killed, and so is a worker still busy', async (t) => {
  // Without the kills neither worker would ever exit: the failed one waits for its next job and the
  // other for an answer that never comes; the call settles only once both are gone.
  const error = await t.throwsAsync(
    runInWorkers<string, number>(['hang', 'fail'], { worker, processes: 2, describe }),
  );
  const match = /^job fail failed in a worker: Error: failing in process (\d+)/.exec(error.message);
  t.truthy(match, error.message);
  t.false(alive(Number(match![1])), 'the failed worker is gone');
});

test('a worker that dies is reported', async (t) => {
  await t.throwsAsync(runInWorkers<string, number>(['crash', 'ok:1'], { worker, processes: 1, describe }), {
    message: 'a worker exited with code 3',
  });
});

test('stopWhen ends the pool at the first result it accepts: busy workers are killed, later jobs never start', async (t) => {
  // 'hang' never answers, so the call settles only because the stop kills its worker; 'ok:3' waits
  // in the queue behind the stopping result and must not run.
  const results = await runInWorkers<string, number>(['hang', 'ok:2', 'ok:3'], {
    worker,
    processes: 2,
    describe,
    stopWhen: (result) => result === 2,
  });
  t.deepEqual(results, [2]);
});
