// `npm run kafka:build`: builds the Kafka 4.4 programs (or finds them in the cache) and says where,
// then resolves the whole broker's classpath that `kspec kafka up` runs. CI runs it before the
// tests so a Java, Maven or build failure fails there, in one clear line.
import { ensureKafkaBroker, ensureKafkaJava, KAFKA_VERSION, KafkaJavaError } from './jar.ts';

try {
  const { buildDir } = await ensureKafkaJava();
  console.log(`Kafka ${KAFKA_VERSION} programs ready: ${buildDir}`);
  const { classpath } = await ensureKafkaBroker();
  console.log(`Kafka ${KAFKA_VERSION} broker classpath ready: ${classpath.split(':').length} jars`);
} catch (error) {
  console.error(error instanceof KafkaJavaError ? error.message : String(error));
  process.exit(2);
}
