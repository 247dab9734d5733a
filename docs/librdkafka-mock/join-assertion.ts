// Reproduces the librdkafka mock cluster's crash found by `kspec validate` (docs/librdkafka-mock-report.md):
// a member whose JoinGroup is parked sends JoinGroup again on a new connection (its first connection
// was closed, as a client does after a request timeout). The mock aborts the whole process on
// `rd_kafka_mock_cgrp_classic_member_add: Assertion '!member->resp' failed`; Kafka answers the
// new request (the abandoned one no longer has a connection to answer on).
//   node --import=tsx docs/librdkafka-mock/join-assertion.ts HOST:PORT

import { encodeSubscription } from '../../impl/coordinator/consumer-protocol.ts';
import { KafkaConnection } from '../../properties/client/wire/connection.ts';

const [host, port] = (process.argv[2] ?? '').split(':');
if (!host || !port) {
  console.error('usage: join-assertion.ts HOST:PORT (any broker of the cluster)');
  process.exit(2);
}
const group = `kspec-crash-${Date.now().toString(36)}`;
const open = async () => {
  const bootstrap = await KafkaConnection.connect(host, Number(port));
  const found = await bootstrap.request('FindCoordinator', 1, { key: group, keyType: 0 });
  await bootstrap.close();
  return KafkaConnection.connect(found.host, found.port);
};
const join = (connection: KafkaConnection, memberId: string) =>
  connection.request('JoinGroup', 5, {
    groupId: group,
    sessionTimeoutMs: 10000,
    rebalanceTimeoutMs: 30000,
    memberId,
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [
      { name: 'range', metadata: encodeSubscription({ version: 1, topics: ['t'], ownedPartitions: [] }) },
    ],
  });

const first = await open();
const answer = await join(first, '');
console.log(
  `1. JoinGroup(member '') -> error ${answer.errorCode}, member ${answer.memberId}, generation ${answer.generationId}`,
);
const parked = join(first, answer.memberId).then(
  (a) => console.log(`2. JoinGroup(${answer.memberId}) answered: error ${a.errorCode}`),
  () => console.log(`2. JoinGroup(${answer.memberId}) parked, then its connection closed`),
);
await new Promise((resolve) => setTimeout(resolve, 200));
await first.close();
await parked;
const second = await open();
console.log(`3. JoinGroup(${answer.memberId}) again on a new connection ...`);
try {
  const again = await Promise.race([
    join(second, answer.memberId),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in 15 s')), 15000)),
  ]);
  console.log(`   answered: error ${again.errorCode}, generation ${again.generationId}`);
} catch (error) {
  console.log(`   ${(error as Error).message}`);
}
await second.close().catch(() => undefined);
process.exit(0);
