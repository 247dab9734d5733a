// @platformatic/kafka 1.35 (speaks only flexible protocol versions, KIP-482), unchanged, in the
// client matrix (../README.md):
//   produce BOOTSTRAP TOPIC COUNT      keyed records, acks=all: prints `acked VALUE PARTITION OFFSET`
//   consume BOOTSTRAP TOPIC GROUP ID   a group member that commits each message synchronously
//                                      (autocommit off): `consumed ...`, then `committed`
import {
  Consumer,
  MessagesStreamModes,
  Producer,
  stringDeserializers,
  stringSerializers,
} from '@platformatic/kafka';

const [command, bootstrap, topic, ...rest] = process.argv.slice(2);
const bootstrapBrokers = bootstrap.split(',');

if (command === 'produce') {
  const producer = new Producer({
    clientId: 'matrix-producer',
    bootstrapBrokers,
    serializers: stringSerializers,
  });
  const count = Number(rest[0]);
  const lines = [];
  for (let start = 0; start < count; start += 50) {
    const values = Array.from({ length: Math.min(50, count - start) }, (_, i) => `r${start + i}`);
    const results = await Promise.all(
      values.map((value) => producer.send({ acks: -1, messages: [{ topic, key: value, value }] })),
    );
    for (const [i, value] of values.entries()) {
      const offset = results[i].offsets?.[0];
      lines.push(`acked ${value} ${offset?.partition ?? -1} ${offset?.offset ?? -1}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  await producer.close();
} else if (command === 'consume') {
  const [groupId, clientId] = rest;
  // The library's defaults (a 5 s request timeout, a 60 s session) make a JoinGroup that waits out
  // a dead member's session time out in the client, against Kafka as against kspec: the session
  // is shortened and the request timeout lengthened so the survivor's join can wait it out.
  const consumer = new Consumer({
    groupId,
    clientId,
    bootstrapBrokers,
    deserializers: stringDeserializers,
    sessionTimeout: 10_000,
    heartbeatInterval: 3_000,
    timeout: 30_000,
  });
  const stream = await consumer.consume({
    topics: [topic],
    mode: MessagesStreamModes.EARLIEST,
    autocommit: false,
  });
  for await (const message of stream) {
    process.stdout.write(`consumed ${message.value} ${message.partition} ${message.offset}\n`);
    await message.commit();
    process.stdout.write('committed\n');
  }
} else {
  console.error(`unknown command ${command}`);
  process.exit(1);
}
