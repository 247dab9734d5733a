// What the cluster's parts (data-plane.ts, group-hosting.ts) use of the cluster that owns them
// (cluster.ts): its configuration, clock, randomness, network, controller and brokers, and the
// few operations they call back. Declared here so that the parts and the cluster do not import
// each other; Cluster implements it.
import type { SettingValue } from '../../spec/config.ts';
import type { Controller } from '../controller/controller.ts';
import type { PartitionMetadata } from '../controller/metadata.ts';
import type { SimulatedNetwork } from '../sim/network.ts';
import type { SeededRandom } from '../sim/random.ts';
import type { Scheduler } from '../sim/scheduler.ts';
import type { Broker } from './broker.ts';
import type { ClusterConfig } from './cluster-config.ts';
import type { AdminAnswer } from './requests.ts';

export interface ClusterCore {
  readonly config: ClusterConfig;
  readonly scheduler: Scheduler;
  readonly random: SeededRandom;
  readonly network: SimulatedNetwork;
  readonly controller: Controller;
  readonly brokers: readonly Broker[];
  broker(id: number): Broker;
  now(): number;
  /** Called with every partition whose leadership or ISR the controller changed. */
  onPartitionChange(listener: (partition: PartitionMetadata) => void): void;
  /** Called when a broker process stops (its in-memory state is gone). */
  onBrokerStop(listener: (broker: number) => void): void;
  /** Whether `broker` can hear the controller now. */
  controllerReaches(broker: number): boolean;
  /** Pushes the controller's state of `partitions` to every running broker the controller reaches. */
  propagate(partitions: readonly PartitionMetadata[]): void;
  createTopic(
    name: string,
    partitions: number,
    replicationFactor: number,
    config?: Readonly<Record<string, SettingValue>>,
    internalLogConfig?: Readonly<Record<string, string | number>>,
  ): AdminAnswer;
}
