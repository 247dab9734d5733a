// A worker process for `kspec check --jobs N` (execute.ts): runs the tasks it is sent, and reports
// each finished property run as progress (for the progress bar).
import type { TaskJob } from './execute.ts';
import { executeTask } from './execute-task.ts';
import type { TaskResult } from './task-result.ts';
import { serveJobs } from './worker-pool.ts';

serveJobs<TaskJob, TaskResult>(({ task, options }, progress) =>
  executeTask(task, { ...options, onRun: progress }),
);
