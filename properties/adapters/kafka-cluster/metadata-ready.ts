// "Serving" as a client sees it: a broker that answers Metadata and lists the brokers it should.
// Brokers appear in Metadata once the controller has registered and unfenced them, so a cluster is
// ready when every broker answers and each answer lists every broker.
import { KafkaConnection } from '../../client/wire/connection.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The broker ids `port` lists in its Metadata answer, or undefined when it does not answer. */
export async function metadataBrokers(port: number, timeoutMs = 3000): Promise<number[] | undefined> {
  let connection: KafkaConnection | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    connection = await KafkaConnection.connect('127.0.0.1', port, {
      clientId: 'kspec-kafka-up',
      timeoutMs,
    });
    const silent = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no answer')), timeoutMs);
    });
    const answer = await Promise.race([
      connection.request('Metadata', 4, { topics: [], allowAutoTopicCreation: false }),
      silent,
    ]);
    return answer.brokers.map((b) => b.nodeId).sort((a, b) => a - b);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    void connection?.close();
  }
}

/**
 * Waits until every port answers Metadata listing every id of `expected`. `stillStarting` is asked
 * between attempts and may throw (a node that exited) to stop waiting at once.
 */
export async function waitForBrokers(
  ports: readonly number[],
  expected: readonly number[],
  timeoutMs: number,
  stillStarting: () => void,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    stillStarting();
    const answers = await Promise.all(ports.map((port) => metadataBrokers(port)));
    if (answers.every((ids) => ids !== undefined && expected.every((id) => ids.includes(id)))) return true;
    if (Date.now() > deadline) return false;
    await sleep(500);
  }
}
