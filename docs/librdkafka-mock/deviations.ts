// The minimal traces of docs/librdkafka-mock-report.md: each scenario is a handful of contract
// events sent through the kafka: adapter to a target, printed with the answers and how long each
// took. Run against librdkafka's mock cluster (mock-cluster.cjs prints its bootstrap list):
//   node --import=tsx docs/librdkafka-mock/deviations.ts kafka:HOST:PORT,...
// and against `kspec broker` for the Kafka behaviour to compare with.
import { kafkaSystemFromSpec } from '../../properties/adapters/kafka/index.ts';
import { SAFE_PROFILE } from '../../properties/profiles.ts';
import { resolveConfig } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';

const spec = process.argv[2];
if (!spec?.startsWith('kafka:')) {
  console.error('usage: deviations.ts kafka:HOST:PORT[,HOST:PORT...]');
  process.exit(2);
}

const JOIN = {
  type: 'join' as const,
  group: 'g',
  protocols: [{ name: 'range', topics: ['t'] }],
  sessionTimeoutMs: 10000,
  rebalanceTimeoutMs: 30000,
};
const TOPIC: Event = { type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 3 };

const SCENARIOS: { name: string; events: Event[]; waitMs?: number }[] = [
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

for (const scenario of SCENARIOS) {
  const system = kafkaSystemFromSpec(spec);
  await system.reset({ seed: 1, config: resolveConfig(SAFE_PROFILE) });
  console.log(`\n## ${scenario.name}`);
  const started = performance.now();
  let seq = 0;
  for (const event of scenario.events) {
    const at = performance.now();
    const answers = await system.apply(event, seq);
    console.log(`${seq} ${JSON.stringify(event)}  [${Math.round(performance.now() - at)} ms]`);
    for (const answer of answers) console.log(`    -> ${JSON.stringify(answer)}`);
    seq += 1;
  }
  if (scenario.waitMs) {
    // Late answers (a parked JoinGroup) arrive during a later event: poll with no-op events.
    const deadline = performance.now() + scenario.waitMs;
    while (performance.now() < deadline) {
      const answers = await system.apply({ type: 'replicate' }, seq);
      for (const answer of answers)
        console.log(`    -> (after ${Math.round(performance.now() - started)} ms) ${JSON.stringify(answer)}`);
      seq += 1;
      if (answers.length > 0) break;
    }
  }
  await system.close();
}
process.exit(0);
