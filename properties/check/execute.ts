// Runs a plan's tasks: in this process (jobs = 1) or spread over worker processes, each taking the
// next task when free. Results come back in task order whatever the scheduling, so the same seed
// gives the same report.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ExecuteOptions, executeTask } from './execute-task.ts';
import type { Task } from './plan.ts';
import type { TaskResult } from './task-result.ts';

export interface ExecuteCallbacks {
  readonly onRun?: () => void;
  readonly onTask?: (result: TaskResult) => void;
}

export async function executeTasks(
  tasks: readonly Task[],
  jobs: number,
  options: ExecuteOptions,
  callbacks: ExecuteCallbacks = {},
): Promise<TaskResult[]> {
  const results: TaskResult[] = [];
  if (jobs <= 1 || tasks.length <= 1) {
    for (const task of tasks) {
      const result = await executeTask(task, {
        ...options,
        ...(callbacks.onRun ? { onRun: callbacks.onRun } : {}),
      });
      results.push(result);
      callbacks.onTask?.(result);
    }
    return results;
  }
  const queue = [...tasks];
  const worker = fileURLToPath(new URL('./worker.ts', import.meta.url));
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const child = fork(worker, [], {
        execArgv: ['--import=tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const next = () => {
        const task = queue.shift();
        if (!task) {
          child.send({ type: 'exit' });
          return;
        }
        child.send({ type: 'task', task, options });
      };
      child.on(
        'message',
        (message: { type: string; result?: TaskResult; message?: string; taskId?: number }) => {
          if (message.type === 'run') callbacks.onRun?.();
          if (message.type === 'result' && message.result) {
            results.push(message.result);
            callbacks.onTask?.(message.result);
            next();
          }
          if (message.type === 'error')
            reject(new Error(`task ${message.taskId} failed in a worker: ${message.message}`));
        },
      );
      child.on('exit', (code) =>
        code === 0 || code === null ? resolve() : reject(new Error(`worker exited with code ${code}`)),
      );
      next();
    });
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, runWorker));
  return results.sort((a, b) => a.task.id - b.task.id);
}
