import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { FLIPS } from '../../properties/profiles.ts';
import { cli } from '../testing/run-cli.ts';

interface MatrixRow {
  setting: string;
  unsafeValue: string;
  caught: boolean;
  events: number | null;
  seconds: number;
  kind: string;
  profile: string;
}

test('kspec check --matrix --json: one row per setting plus the safe rows, every flip caught, seed on stderr', async (t) => {
  const traces = mkdtempSync(join(tmpdir(), 'kspec-check-test-'));
  try {
    const { code, stdout, stderr } = await cli(
      'check',
      '--matrix',
      '--json',
      '--adapter',
      'toy',
      '--oracle',
      'none',
      '--jobs',
      '1',
      '--matrix-runs',
      '600',
      // The safe rows at the old default budget (5 x 25 runs): enough to show they find nothing.
      '--runs',
      '25',
      '--traces',
      traces,
    );
    t.regex(stderr.split('\n')[0]!, /^kspec check: seed 1\b/);
    const report = JSON.parse(stdout) as { ok: boolean; matrix: MatrixRow[] };
    t.is(code, 0, stderr);
    t.true(report.ok);
    const safety = report.matrix.filter((row) => row.kind === 'safety');
    // The toy is not kspec's reference: the matrix leaves out the kspec-only row (pre-KIP-101 truncation).
    t.is(safety.length, FLIPS.filter((flip) => flip.kind === 'safety' && !flip.kspecOnly).length);
    t.false(report.matrix.some((row) => row.profile === 'truncate-to-high-watermark'));
    for (const row of report.matrix) {
      for (const field of ['setting', 'unsafeValue', 'caught', 'events', 'seconds'] as const)
        t.true(field in row, `${row.setting} lacks ${field}`);
      if (row.kind === 'safe') t.false(row.caught, row.setting);
      else t.true(row.caught, row.setting);
    }
    t.is(report.matrix.filter((row) => row.kind === 'safe').length, 2);
    t.is(report.matrix.filter((row) => row.kind === 'availability').length, 1);
    // Every caught flip left a counterexample trace.
    t.true(readdirSync(traces).length >= safety.length);
  } finally {
    rmSync(traces, { recursive: true, force: true });
  }
});

test('kspec check prints the seed first, the per-rule table and coverage, and exits 1 on a violation with a replay line', async (t) => {
  const traces = mkdtempSync(join(tmpdir(), 'kspec-check-test-'));
  try {
    const { code, stdout } = await cli(
      'check',
      '--suite',
      'replication',
      '--profile',
      'acks-1',
      '--runs',
      '300',
      '--seed',
      '3',
      '--adapter',
      'toy',
      '--oracle',
      'none',
      '--jobs',
      '1',
      '--traces',
      traces,
    );
    t.is(code, 1);
    t.regex(stdout.split('\n')[0]!, /^kspec check: seed 3\b/);
    t.regex(stdout, /property\s+rule ids\s+events checked\s+violations/);
    t.regex(stdout, /State coverage/);
    const replay = /replay: (kspec check .*)/.exec(stdout)?.[1];
    t.truthy(replay, stdout);
    t.regex(replay!, /--seed \d+ --path '[^']+' --replay-path '[^']+'/);
    // The printed line replays the same shrunk counterexample.
    const args = replay!
      .replace(/^kspec /, '')
      .match(/'[^']*'|\S+/g)!
      .map((part) => part.replace(/^'|'$/g, ''));
    const again = await cli(...args, '--traces', traces);
    t.is(again.code, 1);
    const shrunk = (text: string) => /shrunk: (.*)/.exec(text)?.[1];
    t.is(shrunk(again.stdout), shrunk(stdout));
  } finally {
    rmSync(traces, { recursive: true, force: true });
  }
});

test('the reference cluster is checked in lockstep with the model by default; --oracle none checks it alone', async (t) => {
  // Five runs: enough for seed 1's group suite to send heartbeats (GC-27 below).
  const lockstep = await cli('check', '--suite', 'group', '--runs', '5', '--jobs', '1', '--traces', tmpdir());
  t.is(lockstep.code, 0, lockstep.stdout);
  t.regex(lockstep.stdout.split('\n')[0]!, /adapter reference, oracle model,/);
  const row = /^group\s+safe\s+\d+\s+5\s+(\d+)\s+(\d+)%\s+ok/m.exec(lockstep.stdout);
  t.truthy(row, lockstep.stdout);
  t.true(Number(row![2]) > 50, 'most group events are compared with the model');
  t.regex(lockstep.stdout, /lockstep-observation\s+GC-5 .* more\s+[1-9]\d*\s+0\s/);
  // Per rule: a heartbeat answer is compared only where heartbeats were sent.
  t.regex(lockstep.stdout, /^GC-27\s+[1-9]\d*\s+0\s+lockstep-observation/m);
  const alone = await cli('check', '--suite', 'group', '--runs', '3', '--jobs', '1', '--oracle', 'none');
  t.is(alone.code, 0, alone.stdout);
  t.regex(alone.stdout.split('\n')[0]!, /oracle none,/);
  t.regex(alone.stdout, /^group\s+safe\s+\d+\s+3\s+\d+\s+-\s+ok/m);
});

test('bad usage exits 2 with a clear message', async (t) => {
  for (const [args, message] of [
    [['--profile', 'nope'], /unknown profile 'nope'/],
    [['--suite', 'nope'], /unknown suite 'nope'/],
    [['--shard', '3/2'], /--shard must be I\/N/],
    [['--runs', '0'], /--runs must be a positive integer/],
    [['--adapter', 'carrier-pigeon'], /unknown adapter 'carrier-pigeon'/],
    [['--suite', 'group', '--seed', '5', '--steer', 'join=1;'], /--steer replays a failure/],
    [
      ['--suite', 'group', '--seed', '5', '--path', '0', '--steer', 'bogus=1;'],
      /'bogus=1' is not kind=weight/,
    ],
    [['--suite', 'no-loss-producer', '--seed', '5', '--path', '0', '--steer', 'produce=1;'], /not one/],
  ] as const) {
    const { code, stderr } = await cli('check', ...args);
    t.is(code, 2, args.join(' '));
    t.regex(stderr, message);
  }
});

test('kspec merge combines shard reports and refuses a file that is not a report', async (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'kspec-merge-test-'));
  try {
    const shard = async (index: number) => {
      const { stdout } = await cli(
        'check',
        '--suite',
        'group',
        '--suite',
        'commit',
        '--runs',
        '5',
        '--adapter',
        'toy',
        '--oracle',
        'none',
        '--jobs',
        '1',
        '--json',
        '--shard',
        `${index}/2`,
      );
      const path = join(directory, `shard${index}.json`);
      writeFileSync(path, stdout);
      return path;
    };
    const paths = [await shard(1), await shard(2)];
    const merged = await cli('merge', ...paths, '--json');
    t.is(merged.code, 0, merged.stderr);
    const report = JSON.parse(merged.stdout) as {
      tasks: { task: { suite: string } }[];
      shards: string[];
      ok: boolean;
    };
    t.deepEqual(report.tasks.map((task) => task.task.suite).sort(), ['commit', 'group']);
    t.deepEqual(report.shards, ['1/2', '2/2']);
    const bad = join(directory, 'bad.json');
    writeFileSync(bad, '{"format":"something-else"}');
    const refused = await cli('merge', bad);
    t.is(refused.code, 2);
    t.regex(refused.stderr, /is not a kspec check report/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('kspec check --fail-fast stops at the first failing task and says how many ran; the failure keeps its time to failure', async (t) => {
  const traces = mkdtempSync(join(tmpdir(), 'kspec-check-test-'));
  try {
    const { code, stdout, stderr } = await cli(
      'check',
      '--fail-fast',
      '--json',
      '--adapter',
      'toy',
      '--runs',
      '5',
      '--jobs',
      '1',
      '--traces',
      traces,
    );
    t.is(code, 1, stderr);
    t.regex(stderr, /stopped at the first failure \(--fail-fast\): 1 of \d+ tasks run/);
    const report = JSON.parse(stdout) as { tasks: unknown[]; failures: { secondsToFailure?: number }[] };
    t.is(report.tasks.length, 1);
    t.true((report.failures[0]?.secondsToFailure ?? -1) >= 0);
  } finally {
    rmSync(traces, { recursive: true, force: true });
  }
});
