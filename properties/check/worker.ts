// A worker process for `kspec check --jobs N`: receives tasks over IPC, runs each, sends back the
// result and a message per finished property run (for the progress bar).
import { type ExecuteOptions, executeTask } from './execute-task.ts';
import type { Task } from './plan.ts';

type Message = { type: 'task'; task: Task; options: ExecuteOptions } | { type: 'exit' };

process.on('message', async (message: Message) => {
  if (message.type === 'exit') {
    process.disconnect();
    return;
  }
  try {
    const result = await executeTask(message.task, {
      ...message.options,
      onRun: () => process.send?.({ type: 'run' }),
    });
    process.send?.({ type: 'result', result });
  } catch (error) {
    process.send?.({
      type: 'error',
      taskId: message.task.id,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
