// Issue 21's verdicts and wording: a finding names the rule that decided, once; an unsafe matrix
// row that is caught says so in words; --matrix --profile runs that row only; the suite names
// replay commands use are in --help and in the unknown-suite error; Kafka's flag spellings and the
// settings list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { assertOneLineError } from './testing/one-line.ts';
import { cli } from './testing/run-cli.ts';

const SESSION_TIMEOUT_MODULE = new URL('./testing/session-timeout-module.ts', import.meta.url).pathname;

test('validate: a session-timeout finding names GC-5 alone, once, and GC-5 is never "checked 0"', async (t) => {
  const traces = mkdtempSync(join(tmpdir(), 'kspec-verdicts-'));
  try {
    const { code, stdout } = await cli(
      'validate',
      '--adapter',
      `module:${SESSION_TIMEOUT_MODULE}`,
      '--suite',
      'group',
      '--runs',
      '30',
      '--shrink-runs',
      '50',
      '--traces',
      traces,
    );
    t.is(code, 1, stdout);
    t.is(stdout.match(/^GC-5 lockstep-observation/gm)?.length, 1, stdout);
    t.deepEqual(
      stdout.match(/^\S+ +VIOLATES +\d+/gm),
      [stdout.match(/^GC-5 +VIOLATES +[1-9]\d*/m)?.[0]],
      stdout,
    );
    t.regex(stdout, /^DOES NOT CONFORM: 1 of \d+ rules violated \(GC-5\)/m);
  } finally {
    rmSync(traces, { recursive: true, force: true });
  }
});

test('check --matrix --profile acks-1 runs that row only, and says the unsafe setting was caught as expected', async (t) => {
  const traces = mkdtempSync(join(tmpdir(), 'kspec-verdicts-'));
  try {
    const { code, stdout } = await cli(
      'check',
      ...['--matrix', '--profile', 'acks-1', '--adapter', 'toy', '--oracle', 'none'],
      ...['--jobs', '1', '--matrix-runs', '400', '--traces', traces],
    );
    t.is(code, 0, stdout);
    t.regex(stdout, /, 1 task, 1 job\n/);
    t.regex(stdout, /^matrix no-loss-producer acks-1: unsafe setting caught, as expected \(in run \d+, /m);
    t.notRegex(stdout, /\b1 runs\b|\b1 tasks\b|ok \(violation found/);
    t.notRegex(stdout, /fire-and-forget|no-loss-consumer/);
  } finally {
    rmSync(traces, { recursive: true, force: true });
  }
});

test('the matrix suites replay commands use are in check --help and in the unknown-suite error', async (t) => {
  const help = await cli('check', '--help');
  t.regex(help.stdout.replace(/\s+/g, ' '), /no-loss-producer, no-loss-consumer/);
  assertOneLineError(
    t,
    await cli('check', '--suite', 'nope'),
    2,
    /expected one of: .*no-loss-producer, no-loss-consumer/,
  );
});

test('groups takes --bootstrap-server as Kafka spells it, but not both spellings', async (t) => {
  assertOneLineError(
    t,
    await cli('groups', '--bootstrap', '127.0.0.1:1', '--bootstrap-server', '127.0.0.1:1', '--list'),
    2,
    /one of --bootstrap and --bootstrap-server/,
  );
  assertOneLineError(t, await cli('groups', '--list'), 2, /--bootstrap/);
});

test("kspec settings lists the settings with Kafka's defaults", async (t) => {
  const text = await cli('settings', '--scope', 'producer');
  t.is(text.code, 0);
  t.regex(text.stdout, /^acks +producer +all +all, 1, 0 /m);
  const all = JSON.parse((await cli('settings', '--json')).stdout) as { name: string; default: unknown }[];
  t.is(all.find((s) => s.name === 'session.timeout.ms')?.default, 45000);
});
