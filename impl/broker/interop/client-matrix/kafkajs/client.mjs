// kafkajs 2.2.4 (kspec's devDependency), unchanged, in the client matrix (../README.md):
//   produce BOOTSTRAP TOPIC COUNT      keyed records, acks=all (kafkajs is not idempotent by
//                                      default): prints `acked VALUE PARTITION OFFSET` per record
//   consume BOOTSTRAP TOPIC GROUP ID   a group member that commits after each batch, awaiting the
//                                      commit: `consumed VALUE PARTITION OFFSET`, then `committed`
import { Kafka, logLevel } from 'kafkajs';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const [command, bootstrap, topic, ...rest] = process.argv.slice(2);
const kafka = (clientId) => new Kafka({ clientId, brokers: bootstrap.split(','), logLevel: logLevel.ERROR });

if (command === 'produce') {
  const producer = kafka('matrix-producer').producer();
  await producer.connect();
  const count = Number(rest[0]);
  const lines = [];
  // One send per record (50 in flight), so each acknowledgement names its record's offset.
  for (let start = 0; start < count; start += 50) {
    const values = Array.from({ length: Math.min(50, count - start) }, (_, i) => `r${start + i}`);
    const results = await Promise.all(
      values.map((value) => producer.send({ topic, acks: -1, messages: [{ key: value, value }] })),
    );
    for (const [i, value] of values.entries())
      lines.push(`acked ${value} ${results[i][0].partition} ${results[i][0].baseOffset}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  await producer.disconnect();
} else if (command === 'consume') {
  const [group, id] = rest;
  const consumer = kafka(id).consumer({ groupId: group, maxBytesPerPartition: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages)
        process.stdout.write(`consumed ${message.value} ${batch.partition} ${message.offset}\n`);
      if (batch.messages.length === 0) return;
      const next = (BigInt(batch.lastOffset()) + 1n).toString();
      await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next }]);
      process.stdout.write('committed\n');
    },
  });
} else {
  console.error(`unknown command ${command}`);
  process.exit(1);
}
