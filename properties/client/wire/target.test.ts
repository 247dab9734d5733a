// Cluster-wide requests (Metadata, FindCoordinator) go to the first broker that answers: with the
// first bootstrap address down, the run still reaches the cluster (the kafka: adapter asked only
// the first, so every Metadata failed while that broker was down on a real Kafka cluster). And the
// version a request goes at.
import test from 'ava';
import { startKspecBroker } from '../../../impl/broker/testing/kspec-broker-process.ts';
import { clientIdOf, KafkaTarget, parseBootstrap } from './target.ts';

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

test('versions: the highest both speak up to the cap; below a target minimum only when asked to raise', (t) => {
  // ListOffsets (key 2): kspec speaks 0-6; a Kafka 4 broker 1-11 (KIP-896 removed v0).
  const kafka4 = new Map([[2, { min: 1, max: 11 }]]);
  t.is(KafkaTarget.version(kafka4, 'ListOffsets', 6), 6);
  t.is(KafkaTarget.version(kafka4, 'ListOffsets', 4), 4);
  t.throws(() => KafkaTarget.version(kafka4, 'ListOffsets', 0), { message: /does not speak/ });
  t.is(KafkaTarget.version(kafka4, 'ListOffsets', 0, true), 1);
  t.is(KafkaTarget.version(new Map([[2, { min: 0, max: 6 }]]), 'ListOffsets', 0, true), 0);
  t.throws(() => KafkaTarget.version(new Map([[2, { min: 7, max: 11 }]]), 'ListOffsets', 0, true));
});

test("GC-31: a client's main connections announce its name as client.id; the others are kspec's", (t) => {
  t.is(clientIdOf('c2'), 'c2');
  t.is(clientIdOf('c2#1'), 'c2', 'a spread lane of the same client');
  t.is(clientIdOf('my-consumer'), 'my-consumer');
  t.is(clientIdOf('c2-aux'), 'kspec-c2-aux');
  t.is(clientIdOf('fetch-c2'), 'kspec-fetch-c2');
  t.is(clientIdOf('producer-p0'), 'kspec-producer-p0');
  t.is(clientIdOf('admin'), 'kspec-admin');
});
