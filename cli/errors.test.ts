// Issue 21's errors and hangs, one test each: bad input or an unusable peer gives one line and the
// documented exit code (2 bad input or an adapter that cannot start, 3 a peer not reachable), no
// stack trace, and nothing hangs past the time it was given.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { closedAddress, httpPeer, silentPeer } from './testing/fake-peers.ts';
import { assertOneLineError } from './testing/one-line.ts';
import { cli, cliWith } from './testing/run-cli.ts';

const HANG_MS = 60_000;

test('broker --data-dir on a regular file: one line, exit 2', async (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'kspec-errors-'));
  try {
    const file = join(directory, 'file');
    writeFileSync(file, '');
    assertOneLineError(
      t,
      await cliWith({ timeoutMs: HANG_MS }, 'broker', '--data-dir', file, '--port', '0'),
      2,
      /is not a directory/,
    );
    assertOneLineError(
      t,
      await cliWith({ timeoutMs: HANG_MS }, 'broker', '--data-dir', join(file, 'below'), '--port', '0'),
      2,
      /is not a directory/,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('broker --data-dir /proc/x does not hang: one line, exit 2', async (t) => {
  assertOneLineError(
    t,
    await cliWith({ timeoutMs: HANG_MS }, 'broker', '--data-dir', '/proc/x/y', '--port', '0'),
    2,
    /cannot create \/proc/,
  );
});

for (const command of ['check', 'validate'])
  test(`${command} --adapter module:/missing.ts: one line, exit 2`, async (t) => {
    assertOneLineError(
      t,
      await cliWith({ timeoutMs: HANG_MS }, command, '--adapter', 'module:/missing.ts', '--suite', 'group'),
      2,
      /adapter module:\/missing.ts did not start: cannot load module/,
    );
  });

test('validate --adapter stdio:nonexistent-cmd, and the ADAPTERS.md example without kspec on PATH: one line naming PATH, exit 2', async (t) => {
  for (const adapter of ['stdio:nonexistent-cmd', 'stdio:kspec serve-stdio'])
    assertOneLineError(
      t,
      await cliWith(
        { timeoutMs: HANG_MS, env: { ...process.env, PATH: '/usr/bin:/bin' } },
        'validate',
        '--adapter',
        adapter,
      ),
      2,
      /did not start: .*exited \(code 127\).*is it on PATH\?/,
    );
});

test('check --adapter stdio:false is a setup error (exit 2), not a violation with a CRASH', async (t) => {
  const result = await cliWith(
    { timeoutMs: HANG_MS },
    'check',
    '--adapter',
    'stdio:false',
    '--suite',
    'group',
    '--runs',
    '1',
  );
  assertOneLineError(t, result, 2, /adapter stdio:false did not start: adapter 'false' exited \(code 1\)/);
  t.notRegex(result.stdout, /CRASH|replay/);
});

test('groups --bootstrap and validate --adapter kafka: aimed at an HTTP server: the peer does not speak Kafka', async (t) => {
  const http = await httpPeer();
  try {
    assertOneLineError(
      t,
      await cliWith({ timeoutMs: HANG_MS }, 'groups', '--bootstrap', http.address, '--list'),
      3,
      /does not speak the Kafka protocol \(it answered "HTTP\/1.1 400/,
    );
    assertOneLineError(
      t,
      await cliWith(
        { timeoutMs: HANG_MS },
        'groups',
        '--bootstrap-server',
        http.address,
        '--describe',
        '--group',
        'g',
      ),
      3,
      /does not speak the Kafka protocol/,
    );
    assertOneLineError(
      t,
      await cliWith(
        { timeoutMs: HANG_MS },
        'validate',
        '--adapter',
        `kafka:${http.address}`,
        '--suite',
        'group',
      ),
      2,
      /no broker could be used \(.*does not speak the Kafka protocol/,
    );
  } finally {
    await http.close();
  }
});

test('groups --describe/--list against a peer that never answers end within --timeout-ms', async (t) => {
  const silent = await silentPeer();
  try {
    for (const action of [['--list'], ['--describe', '--group', 'g']]) {
      const started = Date.now();
      const result = await cliWith(
        { timeoutMs: HANG_MS },
        'groups',
        '--bootstrap',
        silent.address,
        ...action,
        '--timeout-ms',
        '1500',
      );
      assertOneLineError(t, result, 3, /no answer within --timeout-ms 1500/);
      // 1.5 s of waiting plus starting node; far below the 20 s a request used to wait.
      t.true(Date.now() - started < 12_000, `took ${Date.now() - started} ms`);
    }
  } finally {
    await silent.close();
  }
});

test('groups against a closed port: exit 3, refused', async (t) => {
  assertOneLineError(
    t,
    await cli('groups', '--bootstrap', await closedAddress(), '--list'),
    3,
    /cannot reach the cluster: .* refused the connection/,
  );
});

test('fault with the control port down: its own exit code (3) and words', async (t) => {
  assertOneLineError(
    t,
    await cliWith({ timeoutMs: HANG_MS }, 'fault', '--control', await closedAddress(), 'crash', '0'),
    3,
    /cannot reach the control port .*: connection refused/,
  );
  const http = await httpPeer();
  try {
    assertOneLineError(
      t,
      await cli('fault', '--control', http.address, 'crash', '0'),
      3,
      /is not a kspec control port/,
    );
  } finally {
    await http.close();
  }
});
