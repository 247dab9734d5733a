// Test helpers: a data-plane model on a small cluster (topic t, one partition), fed contract events
// one at a time with their positions, and the answers and snapshots the tests look at.
import { resolveConfig } from '../../../spec/config.ts';
import type { BrokerFailureKind, Event } from '../../../spec/events.ts';
import type { Observation } from '../../../spec/observations.ts';
import type { PartitionSnapshot, SystemState } from '../../../spec/state.ts';
import { DataPlaneModel } from '../data-plane-model.ts';

export const SAFE = {
  brokers: 3,
  'replication.factor': 3,
  'min.insync.replicas': 2,
  partitions: 1,
  'replica.lag.time.max.ms': 10000,
} as const;

/** broker.session.timeout.ms (9000): a stopped broker is fenced once its session has expired (RP-25). */
export const SESSION_EXPIRY_MS = 9000;

export class DataPlaneDriver {
  readonly model = new DataPlaneModel();
  private seq = 0;

  static async start(
    config: Record<string, string | number | boolean> = {},
    replicationFactor = 3,
  ): Promise<DataPlaneDriver> {
    const driver = new DataPlaneDriver();
    await driver.model.reset({ seed: 1, config: resolveConfig({ ...SAFE, ...config }) });
    await driver.step({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor });
    return driver;
  }

  /** Applies `event`, returning its observations (and the position it had). */
  async step(event: Event): Promise<Observation[]> {
    return this.model.apply(event, this.seq++);
  }

  get next(): number {
    return this.seq;
  }

  produce(values: string[], acks: number, producer = 'p') {
    return this.step({ type: 'produce', producer, topic: 't', partition: 0, values, acks });
  }

  fetch(offset = 0, client = 'reader') {
    return this.step({ type: 'fetch', client, topic: 't', partition: 0, offset });
  }

  /**
   * A broker failure and, unless it is a clean shutdown (which fences at once), the wait until the
   * controller fences the broker on session expiry (RP-25). Returns the failure's observations.
   */
  async fail(broker: number, kind: BrokerFailureKind): Promise<Observation[]> {
    const observed = await this.step({ type: 'broker-failure', broker, kind });
    if (kind !== 'clean-shutdown') await this.step({ type: 'advance-time', ms: SESSION_EXPIRY_MS });
    return observed;
  }

  replicate() {
    return this.step({ type: 'replicate' });
  }

  async partition(): Promise<PartitionSnapshot> {
    return (await this.model.inspect()).partitions[0]!;
  }
}

/** The one produce answer among `observations`, or undefined. */
export function produceAnswer(observations: readonly Observation[]) {
  const answers = observations.filter((o) => o.type === 'produce-response');
  if (answers.length > 1) throw new Error(`${answers.length} produce answers`);
  return answers[0];
}

export function fetchAnswer(observations: readonly Observation[]) {
  const answer = observations.find((o) => o.type === 'fetch-response');
  if (answer?.type !== 'fetch-response') throw new Error('no fetch answer');
  return answer;
}

/** The model's own snapshot with partition 0 changed as `edit` says: what a system might report. */
export async function observedWith(
  d: DataPlaneDriver,
  edit: (p: SystemState['partitions'][number]) => void,
): Promise<SystemState> {
  const state = structuredClone(await d.model.inspect());
  edit(state.partitions[0]!);
  return state;
}
