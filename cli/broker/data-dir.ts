// `kspec broker --data-dir`: makes sure the directory exists and is writable before the broker
// starts, so a bad path is one line. Missing levels are created one at a time because Node's
// recursive mkdir never returns on a path under /proc (libuv retries ENOENT there forever), and
// a regular file in the way would otherwise surface as EEXIST from deep inside the broker.
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../usage-error.ts';

const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

export function prepareDataDir(path: string): void {
  const absolute = resolve(path);
  const missing: string[] = [];
  for (let current = absolute; ; current = dirname(current)) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(current).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(current) !== current) {
        missing.unshift(current);
        continue;
      }
      throw new UsageError(`--data-dir ${path}: cannot read ${current} (${reason(error)})`);
    }
    if (!isDirectory) throw new UsageError(`--data-dir ${path}: ${current} is not a directory`);
    break;
  }
  for (const directory of missing) {
    try {
      mkdirSync(directory);
    } catch (error) {
      throw new UsageError(`--data-dir ${path}: cannot create ${directory} (${reason(error)})`);
    }
  }
  try {
    accessSync(absolute, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new UsageError(`--data-dir ${path}: not writable (${reason(error)})`);
  }
}
