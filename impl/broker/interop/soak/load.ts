// The soak's clients (kafkajs 2.2.4): producers sending acks=all batches to explicit partitions and
// noting what each answer acknowledged, and consumers in groups that count what they receive and
// its end-to-end latency. Churn replaces a group member now and then, so the groups rebalance.
import { type Consumer, Kafka, logLevel, type Producer } from 'kafkajs';

process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the producers were told: per partition, acknowledged offsets and the record id at each. */
export class Ledger {
  readonly offsets: number[][];
  readonly ids: number[][];
  acknowledged = 0;
  sends = 0;
  failedSends = 0;
  constructor(partitions: number) {
    this.offsets = Array.from({ length: partitions }, () => []);
    this.ids = Array.from({ length: partitions }, () => []);
  }
  acknowledge(partition: number, baseOffset: number, ids: readonly number[]): void {
    for (const [i, id] of ids.entries()) {
      this.offsets[partition]!.push(baseOffset + i);
      this.ids[partition]!.push(id);
    }
    this.acknowledged += ids.length;
  }
}

/** Measurements of one reporting window (reset every report). */
export class Window {
  produced = 0;
  consumed = 0;
  produceLatencies: number[] = [];
  endToEndLatencies: number[] = [];
  rebalances = 0;
  reset(): void {
    this.produced = 0;
    this.consumed = 0;
    this.produceLatencies = [];
    this.endToEndLatencies = [];
    this.rebalances = 0;
  }
}

export function p99(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
}

export interface LoadOptions {
  readonly bootstrap: string[];
  readonly topic: string;
  readonly partitions: number;
  readonly producers: number;
  readonly groups: number;
  readonly consumersPerGroup: number;
  readonly recordsPerSend: number;
  /** Pause between one producer's sends. */
  readonly sendIntervalMs: number;
  readonly ledger: Ledger;
  readonly window: Window;
}

function kafka(bootstrap: string[], clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: bootstrap,
    logLevel: logLevel.NOTHING,
    requestTimeout: 10_000,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 2000 },
  });
}

export class Load {
  private running = true;
  private nextId = 0;
  private readonly loops: Promise<void>[] = [];
  private readonly consumers: Consumer[][] = [];
  private nextConsumer = 0;
  private readonly producers: Producer[] = [];

  constructor(private readonly options: LoadOptions) {}

  async start(): Promise<void> {
    const { producers, groups, consumersPerGroup } = this.options;
    for (let g = 0; g < groups; g++) {
      const members = await Promise.all(
        Array.from({ length: consumersPerGroup }, () => this.startConsumer(g)),
      );
      this.consumers.push(members);
    }
    for (let p = 0; p < producers; p++) {
      const producer = kafka(this.options.bootstrap, `soak-p${p}`).producer({
        allowAutoTopicCreation: false,
      });
      await producer.connect();
      this.producers.push(producer);
      this.loops.push(this.produceLoop(producer, p));
    }
  }

  private async produceLoop(producer: Producer, index: number): Promise<void> {
    const { topic, partitions, recordsPerSend, sendIntervalMs, ledger, window } = this.options;
    await sleep((index * 37) % sendIntervalMs);
    for (let send = 0; this.running; send++) {
      const partition = (index + send) % partitions;
      const ids = Array.from({ length: recordsPerSend }, () => this.nextId++);
      ledger.sends++;
      const started = performance.now();
      try {
        const answers = await producer.send({
          topic,
          acks: -1,
          timeout: 10_000,
          messages: ids.map((id) => ({ partition, value: `s${id}` })),
        });
        // Only the partition's own answer acknowledges its records (tulios/kafkajs#1303).
        const answer = answers.find((a) => a.partition === partition && a.errorCode === 0);
        if (answer) {
          ledger.acknowledge(partition, Number(answer.baseOffset), ids);
          window.produced += ids.length;
          window.produceLatencies.push(performance.now() - started);
        } else ledger.failedSends++;
      } catch {
        ledger.failedSends++;
      }
      await sleep(sendIntervalMs);
    }
  }

  private async startConsumer(group: number): Promise<Consumer> {
    const { topic, window } = this.options;
    const consumer = kafka(this.options.bootstrap, `soak-c${this.nextConsumer++}`).consumer({
      groupId: `soak-g${group}`,
      sessionTimeout: 30_000,
      rebalanceTimeout: 60_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 500,
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      window.rebalances++;
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const now = Date.now();
        window.consumed += batch.messages.length;
        for (const message of batch.messages) window.endToEndLatencies.push(now - Number(message.timestamp));
      },
    });
    return consumer;
  }

  /** One member of a group leaves and a new one joins: two rebalances of that group. */
  async churn(round: number): Promise<void> {
    const group = round % this.consumers.length;
    const members = this.consumers[group]!;
    const leaving = members.shift();
    await leaving?.disconnect().catch(() => {});
    if (this.running) members.push(await this.startConsumer(group));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    const bounded = (p: Promise<unknown>) => Promise.race([p.catch(() => {}), sleep(10_000)]);
    await Promise.all(this.producers.map((p) => bounded(p.disconnect())));
    await Promise.all(this.consumers.flat().map((c) => bounded(c.disconnect())));
  }
}
