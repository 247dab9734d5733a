// The progress line `kspec check` prints as each task ends. An unsafe matrix row is expected to
// find a violation, so its finding is good news and the line says so in those words; a safe row or
// a suite that finds one failed. "1 run", not "1 runs"; the availability row is named once.
import type { TaskResult } from '../../properties/check/task-result.ts';

export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function taskLine(result: TaskResult, holds: boolean): string {
  const { task } = result;
  const name =
    task.kind === 'availability'
      ? `availability ${task.profile}`
      : `${task.kind} ${task.suite} ${task.profile}`;
  const time = `${result.seconds.toFixed(1)} s`;
  const runs = plural(result.runsDone, 'run');
  if (result.crash) return `${name}: CRASHED (${runs}, ${time})`;
  const expectsViolation = task.kind !== 'suite' && task.profile !== 'safe';
  if (!expectsViolation)
    return result.failed
      ? `${name}: VIOLATION (in run ${result.runsDone}, ${time})`
      : `${name}: held (${runs}, ${time})`;
  if (holds) return `${name}: unsafe setting caught, as expected (in run ${result.runsDone}, ${time})`;
  return result.failed
    ? `${name}: FAILED: the violation found is not the one this unsafe setting causes (${runs}, ${time})`
    : `${name}: FAILED: unsafe setting not caught (${runs}, ${time})`;
}
