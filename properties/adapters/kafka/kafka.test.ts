// The kafka: adapter's edges, without a cluster: address parsing, the fault hooks, fault events
// without a hook, and a target that accepts connections but never answers (a clear error in
// bounded time, never a hang).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { resolveConfig } from '../../../spec/config.ts';
import { commandHook } from './faults.ts';
import { KafkaSystem, kafkaSystemFromSpec, parseBootstrap } from './index.ts';

test('bootstrap lists are parsed, bad addresses refused', (t) => {
  t.deepEqual(parseBootstrap('127.0.0.1:9092,localhost:9093'), [
    { host: '127.0.0.1', port: 9092 },
    { host: 'localhost', port: 9093 },
  ]);
  t.throws(() => parseBootstrap('127.0.0.1'), { message: /expected HOST:PORT/ });
  t.throws(() => kafkaSystemFromSpec('kafka:nowhere'), { message: /bad broker address/ });
});

test('the fault command gets kind and broker; a failing command is reported with its stderr', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kspec-fault-'));
  try {
    const file = join(dir, 'faults');
    t.is(await commandHook(`echo {kind} {broker} >> ${file}`).inject('process-crash', 2), undefined);
    t.is(readFileSync(file, 'utf8').trim(), 'process-crash 2');
    const problem = await commandHook('echo no such broker >&2; exit 3').inject('restart', 1);
    t.regex(problem ?? '', /failed: no such broker/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without a fault hook, fault events are not offered and answer unsupported', async (t) => {
  const system = kafkaSystemFromSpec('kafka:127.0.0.1:1', {});
  const capabilities = await system.capabilities();
  t.false(capabilities.events.includes('broker-failure'));
  t.false(capabilities.events.includes('flush'));
  t.true(capabilities.events.includes('produce'));
  t.false(capabilities.deterministic);
  await system.reset({ seed: 1, config: resolveConfig({}) });
  const answers = await system.apply({ type: 'broker-failure', broker: 0, kind: 'process-crash' }, 0);
  t.is(answers.length, 1);
  t.is(answers[0]!.type, 'unsupported');
  await system.close();
});

test('a target that never answers gets an error answer within the request timeout, not a hang', async (t) => {
  const sockets: import('node:net').Socket[] = [];
  const server = createServer((socket) => sockets.push(socket)); // accepts, reads, never writes
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const system = new KafkaSystem({ bootstrap: [{ host: '127.0.0.1', port }], requestTimeoutMs: 300 });
  try {
    await system.reset({ seed: 1, config: resolveConfig({}) });
    const started = performance.now();
    const answers = await system.apply(
      { type: 'fetch', client: 'x', topic: 't', partition: 0, offset: 0 },
      0,
    );
    t.true(performance.now() - started < 5000);
    t.is(answers[0]?.type, 'fetch-response');
    t.not((answers[0] as { error: string }).error, 'NONE');
  } finally {
    await system.close();
    for (const socket of sockets) socket.destroy();
    server.close();
  }
});

test('a target that stops accepting connections is a clear error, not a run of network errors', async (t) => {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const system = new KafkaSystem({ bootstrap: [{ host: '127.0.0.1', port }], requestTimeoutMs: 300 });
  try {
    await system.reset({ seed: 1, config: resolveConfig({}) });
    await t.throwsAsync(
      system.apply({ type: 'fetch', client: 'x', topic: 't', partition: 0, offset: 0 }, 3),
      {
        message: /stopped accepting connections during event 3 \(fetch\)/,
      },
    );
  } finally {
    await system.close();
  }
});
