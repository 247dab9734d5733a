// The trace files of a folder and of its sub-folders (the corpus keeps flips/<flip>/, one per flip
// of the matrix), sorted; a folder that does not exist has none.
import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function jsonFiles(directory: string): string[] {
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((entry) =>
      entry.isDirectory()
        ? jsonFiles(join(directory, entry.name))
        : entry.name.endsWith('.json')
          ? [join(directory, entry.name)]
          : [],
    )
    .sort();
}
