// librdkafka (node-rdkafka 3.6, librdkafka 2.12; built by ../../install-rdkafka.sh into
// ../../rdkafka/), unchanged, in the client matrix (../README.md):
//   produce BOOTSTRAP TOPIC COUNT      keyed records, acks=all (librdkafka is idempotent only on
//                                      request): prints `acked VALUE PARTITION OFFSET` per delivery report
//   consume BOOTSTRAP TOPIC GROUP ID   a group member that commits synchronously after each poll
//                                      (consume(20) then commitSync): `consumed ...`, then `committed`
const { createRequire } = require('node:module');
const { join } = require('node:path');

const rdkafka = createRequire(join(__dirname, '..', '..', 'rdkafka', 'package.json'))('node-rdkafka');
const [command, bootstrap, topic, ...rest] = process.argv.slice(2);

if (command === 'produce') {
  const count = Number(rest[0]);
  const producer = new rdkafka.Producer({
    'metadata.broker.list': bootstrap,
    'client.id': 'matrix-producer',
    'request.required.acks': -1,
    dr_msg_cb: true, // delivery reports carry the message value
  });
  const lines = [];
  producer.on('delivery-report', (error, report) => {
    if (error) {
      console.error(`delivery failed: ${error.message}`);
      process.exit(1);
    }
    lines.push(`acked ${report.value.toString()} ${report.partition} ${report.offset}`);
    if (lines.length === count) {
      process.stdout.write(`${lines.join('\n')}\n`);
      producer.disconnect(() => process.exit(0));
    }
  });
  producer.setPollInterval(10);
  producer.connect({}, (error) => {
    if (error) {
      console.error(`connect failed: ${error.message}`);
      process.exit(1);
    }
    for (let i = 0; i < count; i++) producer.produce(topic, null, Buffer.from(`r${i}`), `r${i}`);
  });
} else if (command === 'consume') {
  const [group, id] = rest;
  const consumer = new rdkafka.KafkaConsumer(
    {
      'metadata.broker.list': bootstrap,
      'group.id': group,
      'client.id': id,
      'enable.auto.commit': false,
    },
    { 'auto.offset.reset': 'earliest' },
  );
  consumer.connect({}, () => {
    consumer.subscribe([topic]);
    const loop = () =>
      consumer.consume(20, (error, messages) => {
        if (error) console.error(`consume: ${error.message}`);
        else if (messages.length > 0) {
          for (const m of messages)
            process.stdout.write(`consumed ${m.value.toString()} ${m.partition} ${m.offset}\n`);
          consumer.commitSync();
          process.stdout.write('committed\n');
        }
        setImmediate(loop);
      });
    loop();
  });
} else {
  console.error(`unknown command ${command}`);
  process.exit(1);
}
