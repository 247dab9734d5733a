// Starts librdkafka's built-in mock cluster (test.mock.num.brokers) and prints its bootstrap
// servers on one line ("bootstrap: HOST:PORT,..."). The mock lives as long as this process's
// client; stop the process to stop the mock. node-rdkafka comes from impl/broker/interop/rdkafka
// (impl/broker/interop/install-rdkafka.sh builds it there, apart from kspec's own dependencies).
const path = require('node:path');
const Kafka = require(path.join(__dirname, '../../impl/broker/interop/rdkafka/node_modules/node-rdkafka'));

const brokers = Number(process.argv[2] ?? 3);
const producer = new Kafka.Producer({
  'test.mock.num.brokers': brokers,
  'client.id': 'kspec-mock-holder',
});
producer.connect({ timeout: 10000 }, (error) => {
  if (error) {
    console.error(`mock cluster did not start: ${error.message}`);
    process.exit(1);
  }
  producer.getMetadata({ timeout: 10000 }, (metadataError, metadata) => {
    if (metadataError) {
      console.error(`mock cluster metadata: ${metadataError.message}`);
      process.exit(1);
    }
    const servers = metadata.brokers.map((b) => `${b.host}:${b.port}`).join(',');
    console.log(`bootstrap: ${servers}`);
    console.log(`librdkafka ${Kafka.librdkafkaVersion}, ${metadata.brokers.length} mock brokers`);
  });
});
const stop = () => producer.disconnect(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
