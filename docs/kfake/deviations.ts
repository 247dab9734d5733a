// The minimal traces of docs/kfake-report.md, run through the kafka: adapter against a target:
//   KSPEC_FAULT_CMD='kfake fault CONTROL {kind} {broker}' [SCENARIO=3,4] node --import=tsx docs/kfake/deviations.ts kafka:HOST:PORT,...
// with kfake started as `kfake -brokers 3 -control 127.0.0.1:0 -fail-controller` (scenarios 3 and 4
// remove its controller node), and against `kspec broker --brokers 3 --control-port C`
// (KSPEC_CONTROL=127.0.0.1:C) for the Kafka behaviour to compare with. The librdkafka mock's scenarios (docs/librdkafka-mock/deviations.ts)
// run against kfake too.
import type { Event } from '../../spec/events.ts';
import { runScenarios, type Scenario, specArgument } from '../librdkafka-mock/scenarios.ts';

const spec = specArgument('deviations.ts');

const TOPIC: Event = { type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 3 };
const join = (client: string, member: 'none' | 'own'): Event => ({
  type: 'join',
  client,
  group: 'g',
  member,
  version: 5,
  protocols: [{ name: 'range', topics: ['t'] }],
  sessionTimeoutMs: 10000,
  rebalanceTimeoutMs: 30000,
});
const wait = (ms: number): Event[] =>
  Array.from({ length: Math.ceil(ms / 500) }, () => ({ type: 'advance-time' as const, ms: 500 }));

const SCENARIOS: Scenario[] = [
  {
    name: 'a new group: the second member joins 1 s after the first (group.initial.rebalance.delay.ms 3000)',
    // describe-group first: the coordinator (and __consumer_offsets) is up before the joins.
    events: [
      TOPIC,
      { type: 'describe-group', group: 'g' },
      ...wait(2000),
      join('c0', 'none'),
      join('c0', 'own'),
      ...wait(1000),
      join('c1', 'none'),
      join('c1', 'own'),
    ],
    waitMs: 35000,
  },
  {
    name: 'acks=all with min.insync.replicas=2 after two of three brokers crashed',
    events: [
      TOPIC,
      { type: 'produce', producer: 'p', topic: 't', partition: 0, values: ['a'], acks: -1 },
      { type: 'broker-failure', broker: 0, kind: 'process-crash' },
      { type: 'broker-failure', broker: 1, kind: 'process-crash' },
      ...wait(12000),
      { type: 'produce', producer: 'p', topic: 't', partition: 0, values: ['b'], acks: -1 },
      { type: 'fetch', client: 'x', topic: 't', partition: 0, offset: 0 },
      { type: 'broker-restart', broker: 0 },
      { type: 'broker-restart', broker: 1 },
    ],
  },
  {
    name: 'the controller node (kfake: the last broker, 2) crashes and restarts',
    events: [
      { type: 'broker-failure', broker: 2, kind: 'process-crash' },
      { type: 'broker-restart', broker: 2 },
    ],
  },
  {
    name: 'then a new client (new connections) creates a topic',
    events: [TOPIC, { type: 'partition-change', topic: 't', partitions: 2 }],
  },
];

// SCENARIO=3,4 runs only those (numbered from 1).
const only = (process.env['SCENARIO'] ?? '').split(',').filter(Boolean).map(Number);
await runScenarios(spec, only.length ? SCENARIOS.filter((_, i) => only.includes(i + 1)) : SCENARIOS);
process.exit(0);
