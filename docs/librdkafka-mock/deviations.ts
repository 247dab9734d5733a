// The minimal traces of docs/librdkafka-mock-report.md: each scenario is a handful of contract
// events sent through the kafka: adapter to a target, printed with the answers and how long each
// took. Run against librdkafka's mock cluster (mock-cluster.cjs prints its bootstrap list):
//   node --import=tsx docs/librdkafka-mock/deviations.ts kafka:HOST:PORT,...
// and against `kspec broker` for the Kafka behaviour to compare with.
import type { Event } from '../../spec/events.ts';
import { runScenarios, type Scenario, specArgument } from './scenarios.ts';

const spec = specArgument('deviations.ts');

const JOIN = {
  type: 'join' as const,
  group: 'g',
  protocols: [{ name: 'range', topics: ['t'] }],
  sessionTimeoutMs: 10000,
  rebalanceTimeoutMs: 30000,
};
const TOPIC: Event = { type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 3 };

const SCENARIOS: Scenario[] = [
  {
    name: 'first JoinGroup (v5) with an empty member id',
    events: [TOPIC, { ...JOIN, client: 'c0', member: 'none', version: 5 }, { type: 'advance-time', ms: 500 }],
    waitMs: 15000,
  },
  {
    name: 'create-topic asks for 2 partitions; partition-change to 3',
    events: [
      TOPIC,
      { type: 'fetch', client: 'x', topic: 't', partition: 2, offset: 0 },
      { type: 'partition-change', topic: 't', partitions: 3 },
    ],
  },
  { name: 'describe-group', events: [TOPIC, { type: 'describe-group', group: 'g' }] },
  {
    name: 'fetch below and above the log',
    events: [
      TOPIC,
      { type: 'produce', producer: 'p', topic: 't', partition: 0, values: ['a', 'b'], acks: -1 },
      { type: 'fetch', client: 'x', topic: 't', partition: 0, offset: 1 },
      { type: 'fetch', client: 'x', topic: 't', partition: 0, offset: 3 },
    ],
  },
];

await runScenarios(spec, SCENARIOS);
process.exit(0);
