// Reproduces the librdkafka mock cluster's second crash found by `kspec validate` (re-run of
// docs/librdkafka-mock-report.md): two members of a new group that list the same assignors in a
// different order of preference. Kafka picks the protocol every member supports by the members'
// votes; the mock asserts that every member's first choice is the group's protocol and aborts
// (`rd_kafka_mock_cgrp_classic_elect_leader: Assertion '!rd_kafkap_str_cmp_str(member2->protos[0].name,
// mcgrp->protocol_name)' failed`). JoinGroup v3, so that neither target asks for MEMBER_ID_REQUIRED.
//   node --import=tsx docs/librdkafka-mock/protocol-assertion.ts kafka:HOST:PORT,...
import type { Event } from '../../spec/events.ts';
import { runScenarios, specArgument } from './scenarios.ts';

const spec = specArgument('protocol-assertion.ts');
const join = (client: string, protocols: string[]): Event => ({
  type: 'join',
  client,
  group: 'g',
  member: 'none',
  version: 3,
  protocols: protocols.map((name) => ({ name, topics: ['t'] })),
  sessionTimeoutMs: 10000,
  rebalanceTimeoutMs: 30000,
});

await runScenarios(spec, [
  {
    name: 'two members, the same assignors in a different order',
    events: [
      { type: 'create-topic', topic: 't', partitions: 2, replicationFactor: 3 },
      join('c0', ['range', 'roundrobin']),
      join('c1', ['roundrobin', 'range']),
    ],
    waitMs: 10000,
  },
]);
process.exit(0);
