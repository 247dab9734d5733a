import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import type { Capabilities, Event, Observation, SystemUnderTest } from '../../../spec/index.ts';
import { isObservation } from '../../../spec/index.ts';
import { StdioSystem } from './client.ts';
import { AdapterError } from './protocol.ts';
import { serveStdio } from './server.ts';

const fixture = fileURLToPath(new URL('../../testing/broken-stdio-adapter.mjs', import.meta.url));
const toyAdapter = fileURLToPath(new URL('../../../examples/python-toy-adapter/adapter.py', import.meta.url));
const produce: Event = { type: 'produce', producer: 'p1', topic: 't', partition: 0, values: ['a'], acks: -1 };
const setup = { seed: 1, config: {} };

async function withSystem<T>(
  command: string,
  timeoutMs: number,
  body: (system: StdioSystem) => Promise<T>,
): Promise<T> {
  const system = new StdioSystem(command, { timeoutMs });
  try {
    return await body(system);
  } finally {
    await system.close();
  }
}

test('a hung adapter is reported after the timeout, not waited on forever', async (t) => {
  await withSystem(`node ${fixture} hang`, 500, async (system) => {
    await system.reset(setup);
    const error = await t.throwsAsync(system.apply(produce, 0), { instanceOf: AdapterError });
    t.regex(error?.message ?? '', /did not answer 'apply' within 500 ms/);
  });
});

test('an adapter printing garbage is a clear error quoting the line', async (t) => {
  await withSystem(`node ${fixture} garbage`, 2000, async (system) => {
    await system.reset(setup);
    const error = await t.throwsAsync(system.apply(produce, 0), { instanceOf: AdapterError });
    t.regex(error?.message ?? '', /not JSON: "this is not json"/);
  });
});

test('an adapter that exits at start is reported with its exit code and stderr', async (t) => {
  await withSystem(`node ${fixture} exit-early`, 2000, async (system) => {
    const error = await t.throwsAsync(system.capabilities(), { instanceOf: AdapterError });
    t.regex(error?.message ?? '', /exited \(code 3\)/);
    t.regex(error?.message ?? '', /giving up at start/);
  });
});

test('an adapter that exits mid-run is reported with the request it left unanswered', async (t) => {
  await withSystem(`node ${fixture} exit-mid-run`, 2000, async (system) => {
    await system.reset(setup);
    const error = await t.throwsAsync(system.apply(produce, 0), { instanceOf: AdapterError });
    t.regex(error?.message ?? '', /exited \(code 7\) while waiting for 'apply'/);
    t.regex(error?.message ?? '', /crashing on apply/);
  });
});

test('an observation that breaks the schema is rejected, naming the field', async (t) => {
  await withSystem(`node ${fixture} bad-observation`, 2000, async (system) => {
    await system.reset(setup);
    const error = await t.throwsAsync(system.apply(produce, 0), { instanceOf: AdapterError });
    t.regex(
      error?.message ?? '',
      /observation 0 for event 0 \(produce\) is invalid: observation: missing field 'topic'/,
    );
  });
});

test('an adapter speaking another contract version is refused', async (t) => {
  await withSystem(`node ${fixture} old-version`, 2000, async (system) => {
    const error = await t.throwsAsync(system.capabilities(), { instanceOf: AdapterError });
    t.regex(error?.message ?? '', /contract version 99; this kspec speaks version 1/);
  });
});

// ---- the Python example adapter ----

async function run(system: SystemUnderTest, events: Event[]): Promise<Observation[][]> {
  const answers: Observation[][] = [];
  for (const [seq, event] of events.entries()) answers.push(await system.apply(event, seq));
  return answers;
}

test('the Python example adapter speaks the protocol: produce, fetch, groups, stale commit, unsupported', async (t) => {
  await withSystem(`python3 ${toyAdapter}`, 5000, async (system) => {
    const capabilities: Capabilities = await system.capabilities();
    t.is(capabilities.name, 'python-toy');
    await system.reset(setup);
    const answers = await run(system, [
      { type: 'create-topic', topic: 'ass5part', partitions: 5, replicationFactor: 1 },
      { type: 'produce', producer: 'p1', topic: 'ass5part', partition: 0, values: ['0', '1'], acks: -1 },
      { type: 'fetch', client: 'c1', topic: 'ass5part', partition: 0, offset: 0 },
      {
        type: 'join',
        client: 'c1',
        group: 'g',
        member: 'none',
        protocols: [{ name: 'range', topics: ['ass5part'] }],
        sessionTimeoutMs: 10000,
        rebalanceTimeoutMs: 10000,
      },
      {
        type: 'join',
        client: 'c2',
        group: 'g',
        member: 'none',
        protocols: [{ name: 'range', topics: ['ass5part'] }],
        sessionTimeoutMs: 10000,
        rebalanceTimeoutMs: 10000,
      },
      { type: 'sync', client: 'c1', group: 'g', generation: 2, member: 'own' },
      {
        type: 'commit',
        client: 'c2',
        group: 'g',
        generation: 1,
        member: 'own',
        offsets: [{ topic: 'ass5part', partition: 3, offset: 5 }],
      },
      { type: 'broker-failure', broker: 0, kind: 'power-loss' },
    ]);
    for (const observation of answers.flat()) t.true(isObservation(observation), JSON.stringify(observation));
    t.like(answers[1]?.[0], { type: 'produce-response', error: 'NONE', baseOffset: 0 });
    t.deepEqual((answers[2]![0] as { records: unknown[] }).records, [
      { offset: 0, value: '0' },
      { offset: 1, value: '1' },
    ]);
    // The course example: range gives c1 partitions 0,1,2 of five.
    t.deepEqual((answers[5]![0] as { assignment: unknown }).assignment, [
      { topic: 'ass5part', partitions: [0, 1, 2] },
    ]);
    t.like(answers[6]?.[0], { type: 'commit-response', partitions: [{ error: 'ILLEGAL_GENERATION' }] });
    t.like(answers[7]?.[0], { type: 'unsupported', event: 'broker-failure' });
  });
});

// ---- the TypeScript server end, round trip through real streams ----

test('serveStdio answers a TypeScript system over streams, and StdioSystem-style requests round trip', async (t) => {
  const applied: Event[] = [];
  const system: SystemUnderTest = {
    capabilities: async () => ({
      contractVersion: 1,
      name: 'echo',
      events: ['produce'],
      inspect: false,
      deterministic: true,
    }),
    reset: async () => {},
    apply: async (event, seq) => {
      applied.push(event);
      return [{ type: 'unsupported', request: seq, event: event.type, reason: 'echo' }];
    },
    close: async () => {},
  };
  const input = new PassThrough();
  const output = new PassThrough();
  const served = serveStdio(system, input, output);
  const lines: string[] = [];
  output.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  input.write(`${JSON.stringify({ id: 1, method: 'apply', params: { event: produce, seq: 4 } })}\n`);
  input.write(
    `${JSON.stringify({ id: 2, method: 'apply', params: { event: { type: 'produce' }, seq: 5 } })}\n`,
  );
  input.write(`${JSON.stringify({ id: 3, method: 'close' })}\n`);
  await served;
  t.deepEqual(JSON.parse(lines[0]!), {
    id: 1,
    result: [{ type: 'unsupported', request: 4, event: 'produce', reason: 'echo' }],
  });
  t.regex(JSON.parse(lines[1]!).error.message, /invalid event: event: missing field/);
  t.deepEqual(JSON.parse(lines[2]!), { id: 3, result: null });
  t.is(applied.length, 1);
});
