// The sample frame of `npm run mutation`: the files of impl/coordinator, impl/replication, impl/log,
// impl/broker and impl/cluster that `kspec check` loads (its imports, static and dynamic, followed
// from the command and its worker), tests, benchmarks and test helpers left out. Files of those
// folders that `kspec check` never loads (the dump and fuzz tools, the control server, the
// real-time driver...) are outside what it can judge, so they are not sampled; the list is
// recomputed on every run, so a new path of the main job (e.g. the wire leg) widens it by itself.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const FRAME_FOLDERS = [
  'impl/coordinator/',
  'impl/replication/',
  'impl/log/',
  'impl/broker/',
  'impl/cluster/',
] as const;

const ENTRIES = ['cli/commands/check.ts', 'properties/check/worker.ts'];

/** Relative module specifiers: `from '...'`, `import '...'` and `import('...')`. */
const SPECIFIER = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

export function frameFiles(root: string): string[] {
  const seen = new Set<string>();
  const queue = ENTRIES.map((entry) => resolve(root, entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8').replace(/^\s*import\s+type\s[^;]*;/gm, '');
    for (const match of text.matchAll(SPECIFIER)) {
      const target = resolve(dirname(file), match[1]!);
      if (target.endsWith('.ts')) queue.push(target);
    }
  }
  return [...seen]
    .map((file) => relative(root, file).split('\\').join('/'))
    .filter((file) => FRAME_FOLDERS.some((folder) => file.startsWith(folder)))
    .filter((file) => !/\.(test|bench)\.ts$/.test(file) && !file.includes('/testing/'))
    .sort();
}

export const repoRoot = (): string => join(dirname(new URL(import.meta.url).pathname), '..', '..');
