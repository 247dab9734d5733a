// Runs a plan's tasks: in this process (jobs = 1) or spread over worker processes (worker-pool.ts),
// each taking the next task when free. Results come back in task order whatever the scheduling, so the same seed
// gives the same report.
import { fileURLToPath } from 'node:url';
import { type ExecuteOptions, executeTask } from './execute-task.ts';
import type { Task } from './plan.ts';
import type { TaskResult } from './task-result.ts';
import { runInWorkers } from './worker-pool.ts';

/** What a worker process (worker.ts) is sent per task. */
export interface TaskJob {
  readonly task: Task;
  readonly options: ExecuteOptions;
}

export interface ExecuteCallbacks {
  readonly onRun?: () => void;
  readonly onTask?: (result: TaskResult) => void;
  /** Stop at the first result it accepts (`--fail-fast`): later tasks are not run. */
  readonly stopWhen?: (result: TaskResult) => boolean;
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
      if (callbacks.stopWhen?.(result)) break;
    }
    return results;
  }
  const pooled = await runInWorkers<TaskJob, TaskResult>(
    tasks.map((task) => ({ task, options })),
    {
      worker: fileURLToPath(new URL('./worker.ts', import.meta.url)),
      processes: jobs,
      describe: (job) => `task ${job.task.id}`,
      ...(callbacks.onTask ? { onResult: callbacks.onTask } : {}),
      ...(callbacks.onRun ? { onProgress: callbacks.onRun } : {}),
      ...(callbacks.stopWhen ? { stopWhen: callbacks.stopWhen } : {}),
    },
  );
  return pooled.sort((a, b) => a.task.id - b.task.id);
}
