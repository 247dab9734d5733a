import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { BENCHES } from './run.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const AREAS = ['spec', 'model', 'impl', 'properties', 'traces', 'bench'];

function benchFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) found.push(...benchFiles(path));
    else if (entry.endsWith('.bench.ts')) found.push(relative(root, path));
  }
  return found.sort();
}

test('BENCHES lists every *.bench.ts, by area and then path', (t) => {
  t.deepEqual(
    BENCHES.map((bench) => bench.file),
    AREAS.flatMap((area) => benchFiles(join(root, area))),
  );
});
