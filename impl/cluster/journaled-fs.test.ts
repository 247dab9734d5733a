import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { JournaledFileSystem } from './journaled-fs.ts';

function scenario(random: () => number): string {
  const directory = mkdtempSync(join(tmpdir(), 'kspec-journal-'));
  try {
    const fs = new JournaledFileSystem();
    const path = join(directory, 'f');
    const handle = fs.open(path, { create: true });
    handle.write(Buffer.from('durable|'), 0);
    handle.sync();
    handle.write(Buffer.from('one|'), 8);
    handle.truncate(10);
    handle.write(Buffer.from('two|'), 10);
    fs.powerLoss(random);
    return readFileSync(path, 'utf8');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

test('power loss undoes unsynced writes and truncates beyond a random prefix, tearing the next write', (t) => {
  t.is(
    scenario(() => 0),
    'durable|',
    'nothing after the fsync survives',
  );
  t.is(
    scenario(() => 0.999),
    'durable|ontwo|',
    'everything survives',
  );
  // kept = floor(0.5 * 4) = 2 operations (write, truncate); the next write torn at floor(0.5 * 4) = 2 bytes.
  t.is(
    scenario(() => 0.5),
    'durable|ontw',
  );
});

test('rename carries the journal; remove forgets it', (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'kspec-journal-'));
  try {
    const fs = new JournaledFileSystem();
    const handle = fs.open(join(directory, 'a.tmp'), { create: true });
    handle.write(Buffer.from('lost'), 0);
    handle.close();
    fs.rename(join(directory, 'a.tmp'), join(directory, 'a'));
    fs.powerLoss(() => 0);
    t.is(readFileSync(join(directory, 'a'), 'utf8'), '');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
