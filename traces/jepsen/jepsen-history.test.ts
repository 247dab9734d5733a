// The Jepsen export: the documented shape of jepsen.tests.kafka's operations (namespace docstring of
// jepsen/src/jepsen/tests/kafka.clj), and a round trip through EDN text.
import test from 'ava';
import type { Trace } from '../../spec/trace.ts';
import { type Edn, EdnMap, kw, readEdn, writeEdn } from './edn.ts';
import { historyEdn, jepsenHistory, opFromEdn } from './jepsen-history.ts';

/** A small run with answers: a topic, two produces (one refused), a join and a poll. */
function run(): Trace {
  const text = JSON.stringify({
    format: 'kspec-trace',
    version: 1,
    kind: 'scenario',
    name: 'jepsen-export',
    config: {},
    seed: 1,
    steps: [],
  });
  const trace = { ...(JSON.parse(text) as object) } as unknown as Trace;
  const steps = [
    { seq: 0, timeMs: 0, event: { type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 1 } },
    {
      seq: 1,
      timeMs: 0,
      event: { type: 'produce', producer: 'p1', topic: 't', partition: 1, values: ['a', 'b'], acks: -1 },
      observations: [
        {
          type: 'produce-response',
          request: 1,
          producer: 'p1',
          topic: 't',
          partition: 1,
          acks: -1,
          error: 'NONE',
          baseOffset: 0,
          values: ['a', 'b'],
        },
      ],
    },
    {
      seq: 2,
      timeMs: 5,
      event: { type: 'produce', producer: 'p1', topic: 't', partition: 0, values: ['c'], acks: -1 },
      observations: [
        {
          type: 'produce-response',
          request: 2,
          producer: 'p1',
          topic: 't',
          partition: 0,
          acks: -1,
          error: 'NOT_ENOUGH_REPLICAS',
          baseOffset: -1,
          values: ['c'],
        },
      ],
    },
    {
      seq: 3,
      timeMs: 5,
      event: {
        type: 'join',
        client: 'c1',
        group: 'g',
        member: 'own',
        protocols: [{ name: 'range', topics: ['t'] }],
        sessionTimeoutMs: 10000,
        rebalanceTimeoutMs: 30000,
      },
    },
    {
      seq: 4,
      timeMs: 5,
      event: { type: 'advance-time', ms: 100 },
      observations: [{ type: 'join-response', request: 3, client: 'c1', group: 'g', error: 'NONE' }],
    },
    {
      seq: 5,
      timeMs: 105,
      event: { type: 'poll', client: 'c1', group: 'g' },
      observations: [
        {
          type: 'poll-result',
          request: 5,
          client: 'c1',
          group: 'g',
          exception: null,
          records: [
            { topic: 't', partition: 1, offset: 0, value: 'a' },
            { topic: 't', partition: 1, offset: 1, value: 'b' },
          ],
        },
      ],
    },
    {
      seq: 6,
      timeMs: 105,
      event: { type: 'produce', producer: 'p1', topic: 't', partition: 1, values: ['d'], acks: -1 },
    },
  ];
  return { ...trace, steps } as unknown as Trace;
}

const line = (op: ReturnType<typeof jepsenHistory>['ops'][number]) => writeEdn(opEdn(op));
const opEdn = (op: ReturnType<typeof jepsenHistory>['ops'][number]): Edn =>
  new EdnMap([
    [kw('index'), op.index],
    [kw('time'), op.time],
    [kw('type'), kw(op.type)],
    [kw('process'), op.process],
    [kw('f'), kw(op.f)],
    [kw('value'), op.value],
  ]);

test('jepsen export: sends, polls and subscribes in jepsen.tests.kafka shape, each invoke completed once', (t) => {
  const history = jepsenHistory(run());
  t.deepEqual(
    [...history.keys],
    [
      [0, 't-0'],
      [1, 't-1'],
    ],
  );
  const lines = history.ops.map(line);
  t.deepEqual(lines, [
    '{:index 0, :time 0, :type :invoke, :process 0, :f :send, :value [[:send 1 "a"] [:send 1 "b"]]}',
    '{:index 1, :time 1, :type :ok, :process 0, :f :send, :value [[:send 1 [0 "a"]] [:send 1 [1 "b"]]]}',
    '{:index 2, :time 5000000, :type :invoke, :process 0, :f :send, :value [[:send 0 "c"]]}',
    '{:index 3, :time 5000001, :type :fail, :process 0, :f :send, :value [[:send 0 "c"]]}',
    '{:index 4, :time 5000002, :type :invoke, :process 1, :f :subscribe, :value [0 1]}',
    '{:index 5, :time 5000003, :type :ok, :process 1, :f :subscribe, :value [0 1]}',
    '{:index 6, :time 105000000, :type :invoke, :process 1, :f :poll, :value [[:poll]]}',
    '{:index 7, :time 105000001, :type :ok, :process 1, :f :poll, :value [[:poll {1 [[0 "a"] [1 "b"]]}]]}',
    '{:index 8, :time 105000002, :type :invoke, :process 0, :f :send, :value [[:send 1 "d"]]}',
    '{:index 9, :time 105000003, :type :info, :process 0, :f :send, :value [[:send 1 "d"]]}',
  ]);
  const pending = new Map<number, number>();
  for (const op of history.ops) {
    if (op.type === 'invoke') {
      t.false(pending.has(op.process), `process ${op.process} has one op in flight at a time`);
      pending.set(op.process, op.index);
    } else t.true(pending.delete(op.process), `op ${op.index} completes an invocation`);
  }
  t.is(pending.size, 0);
});

test('jepsen export round-trips: history.edn parsed back gives the same operations', (t) => {
  const history = jepsenHistory(run());
  const text = historyEdn(history);
  const parsed = text
    .trim()
    .split('\n')
    .map((row) => opFromEdn(readEdn(row)));
  t.deepEqual(parsed.map(line), history.ops.map(line));
  t.deepEqual(
    parsed.map((op) => [op.index, op.type, op.f, op.process]),
    history.ops.map((op) => [op.index, op.type, op.f, op.process]),
  );
});

test('jepsen export: a client that invokes while its op is open invokes as a new process', (t) => {
  const trace = run();
  const parked = {
    seq: 7,
    timeMs: 105,
    event: { type: 'produce', producer: 'p1', topic: 't', partition: 1, values: ['e'], acks: -1 },
  };
  const history = jepsenHistory({ ...trace, steps: [...trace.steps, parked] } as unknown as Trace);
  const invokes = history.ops.filter((op) => op.type === 'invoke' && op.f === 'send').map((op) => op.process);
  t.deepEqual(invokes, [0, 0, 0, 2], 'p1 is process 0; with "d" still open, "e" goes out as process 2');
});
