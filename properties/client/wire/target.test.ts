// Cluster-wide requests (Metadata, FindCoordinator) go to the first broker that answers: with the
// first bootstrap address down, the run still reaches the cluster (the kafka: adapter asked only
// the first, so every Metadata failed while that broker was down on a real Kafka cluster).
import test from 'ava';
import { startKspecBroker } from '../../../impl/broker/testing/kspec-broker-process.ts';
import { KafkaTarget, parseBootstrap } from './target.ts';

test('a Metadata request skips a bootstrap broker that is down and remembers the one that answered', async (t) => {
  t.timeout(120_000);
  const broker = await startKspecBroker({ brokers: 1 });
  // a port nobody listens on, first in the list
  const { createServer } = await import('node:net');
  const closed = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const target = new KafkaTarget(parseBootstrap(`127.0.0.1:${closed},${broker.bootstrap[0]!}`), 5000);
  try {
    const answer = (await target.requestAnyBroker('admin', 'Metadata', 9, {
      topics: null,
      allowAutoTopicCreation: false,
    } as never)) as { brokers: unknown[] };
    t.is(answer.brokers.length, 1);
    t.is(`${target.preferred().host}:${target.preferred().port}`, broker.bootstrap[0]!);
    // asking one broker only fails, as before
    await t.throwsAsync(
      target.request(target.bootstrap[0]!, 'admin', 'Metadata', 9, { topics: null } as never),
    );
  } finally {
    await target.closeAll();
    await broker.stop();
  }
});
