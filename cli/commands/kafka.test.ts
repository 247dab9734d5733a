import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { assertOneLineError } from '../testing/one-line.ts';
import { cli, cliWith } from '../testing/run-cli.ts';

const scratch = (t: { teardown(f: () => void): void }) => {
  const dir = mkdtempSync(join(tmpdir(), 'kspec-kafka-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

test('kafka up: a port in use is one line and exit 2', async (t) => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const port = (server.address() as { port: number }).port;
  const result = await cli('kafka', 'up', '--data-dir', join(scratch(t), 'c'), '--port', String(port));
  assertOneLineError(t, result, 2, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`));
});

test('kafka up: without java on PATH, one line saying how to install it, exit 2', async (t) => {
  const empty = scratch(t);
  const result = await cliWith(
    { env: { ...process.env, PATH: empty } },
    'kafka',
    'up',
    '--data-dir',
    join(empty, 'c'),
  );
  assertOneLineError(t, result, 2, /java is needed .*install a JDK 17/);
});

test('kafka up: a data dir that is not empty, a client setting or a bad profile is refused, exit 2', async (t) => {
  const dir = scratch(t);
  mkdirSync(join(dir, 'used'));
  writeFileSync(join(dir, 'used', 'x'), '');
  assertOneLineError(t, await cli('kafka', 'up', '--data-dir', join(dir, 'used')), 2, /is not empty/);
  assertOneLineError(
    t,
    await cli('kafka', 'up', '--data-dir', join(dir, 'c'), '--config', 'acks=1'),
    2,
    /acks is a producer setting/,
  );
  assertOneLineError(
    t,
    await cli('kafka', 'up', '--data-dir', join(dir, 'c'), '--profile', 'nope'),
    2,
    /unknown profile/,
  );
  assertOneLineError(
    t,
    await cli('kafka', 'up', '--data-dir', join(dir, 'c'), '--brokers', '0'),
    2,
    /--brokers/,
  );
});

test('kafka fault and down: no cluster in the dir, or an unsupported kind, is one line and exit 2', async (t) => {
  const dir = scratch(t);
  assertOneLineError(t, await cli('kafka', 'fault', '--data-dir', dir, 'crash', '0'), 2, /no cluster\.json/);
  assertOneLineError(
    t,
    await cli('kafka', 'fault', '--data-dir', dir, 'isolate', '0'),
    2,
    /isolate is not supported/,
  );
  assertOneLineError(t, await cli('kafka', 'down', '--data-dir', dir), 2, /no cluster\.json/);
});
