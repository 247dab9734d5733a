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

test('the journal holds at most maxUnsyncedBytes: older writes count as written back and survive a power loss', (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'kspec-journal-cap-'));
  try {
    const fs = new JournaledFileSystem(false, 100);
    const path = join(directory, 'f');
    const handle = fs.open(path, { create: true });
    for (let i = 0; i < 10; i++) handle.write(Buffer.alloc(30, 65 + i), i * 30);
    t.true(fs.unsyncedBytes <= 100, `${fs.unsyncedBytes} bytes held`);
    fs.powerLoss(() => 0);
    const survived = readFileSync(path);
    t.true(survived.length >= 210, 'the written-back writes (all but the last 3) are on disk');
    t.is(survived.subarray(0, 30).toString(), 'A'.repeat(30));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

/**
 * Array elements the calls of shift, splice and indexOf in `run` walk or move (their arrays'
 * lengths): a count of work, not a time, so the test is the same on any machine and load.
 */
function arrayWork(run: () => void): number {
  const prototype = Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const names = ['shift', 'splice', 'indexOf'] as const;
  const originals = names.map((name) => prototype[name]!);
  let work = 0;
  names.forEach((name, i) => {
    const original = originals[i]!;
    prototype[name] = function (this: unknown[], ...args: unknown[]) {
      work += this.length;
      return original.apply(this, args);
    };
  });
  try {
    run();
  } finally {
    names.forEach((name, i) => {
      prototype[name] = originals[i]!;
    });
  }
  return work;
}

test('writing back the oldest operation does not walk the journal: work per write stays flat however many operations are held', (t) => {
  // franz-go's TestGroupETL at 500,000 records: once 64 MiB of small appends were held, every new
  // write shifted a 100,000-entry array (and spliced its file's journal), and `kspec broker` spent
  // 70% of its CPU there; JoinGroups then went unanswered past the clients' timeouts.
  const directory = mkdtempSync(join(tmpdir(), 'kspec-journal-fifo-'));
  try {
    const held = 20_000;
    const fs = new JournaledFileSystem(false, held * 10);
    const handle = fs.open(join(directory, 'segment'), { create: true });
    const data = Buffer.alloc(10, 66);
    for (let i = 0; i < held; i++) handle.write(data, i * 10);
    const writes = 20_000;
    const work = arrayWork(() => {
      for (let i = held; i < held + writes; i++) handle.write(data, i * 10);
    });
    t.true(fs.unsyncedBytes <= held * 10, `${fs.unsyncedBytes} bytes held`);
    // Quadratic before the fix: each write walked ~20,000 entries three times (1.2 billion in all, counted).
    t.true(work <= 10 * writes, `array work ${work} for ${writes} writes past the cap`);
    // And still correct: a power loss now undoes exactly the held writes.
    handle.close();
    fs.powerLoss(() => 0);
    t.is(readFileSync(join(directory, 'segment')).length, held * 10);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
