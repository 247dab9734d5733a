// The simulated network between brokers, clients and the controller. Every request passes
// `deliver`, which answers whether it arrives: not across a partition, and (optionally) not when the
// seeded random drops it. Requests are handled synchronously, so delay is reported (for traces and
// the server) rather than scheduled.
import type { SeededRandom } from './random.ts';

/** `broker:<id>`, `client:<name>` or `controller`. */
export type NodeId = string;

export const brokerNode = (id: number): NodeId => `broker:${id}`;
export const clientNode = (name: string): NodeId => `client:${name}`;
export const CONTROLLER_NODE: NodeId = 'controller';

export interface NetworkOptions {
  /** Probability a message is dropped (0: never). Only with a random source. */
  dropProbability?: number;
  /** Delay range in ms reported by `deliver`. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export type Delivery =
  | { delivered: true; delayMs: number }
  | { delivered: false; reason: 'partitioned' | 'dropped' };

export class SimulatedNetwork {
  /** Each entry isolates its nodes from every node not in it; entries compose. */
  private partitions: Set<NodeId>[] = [];
  constructor(
    private readonly random: SeededRandom | undefined,
    private readonly options: NetworkOptions = {},
  ) {}

  /** Cuts `nodes` off from every node not listed (both directions). */
  isolate(nodes: readonly NodeId[]): void {
    if (nodes.length > 0) this.partitions.push(new Set(nodes));
  }

  heal(): void {
    this.partitions = [];
  }

  isPartitioned(): boolean {
    return this.partitions.length > 0;
  }

  /** Whether `a` and `b` can talk: no partition has one inside and the other outside. */
  connected(a: NodeId, b: NodeId): boolean {
    if (a === b) return true;
    return this.partitions.every((set) => set.has(a) === set.has(b));
  }

  deliver(from: NodeId, to: NodeId): Delivery {
    if (!this.connected(from, to)) return { delivered: false, reason: 'partitioned' };
    const random = this.random;
    if (!random) return { delivered: true, delayMs: 0 };
    if (random.chance(this.options.dropProbability ?? 0)) return { delivered: false, reason: 'dropped' };
    const min = this.options.minDelayMs ?? 0;
    const max = Math.max(min, this.options.maxDelayMs ?? min);
    return { delivered: true, delayMs: min + (max > min ? random.int(max - min + 1) : 0) };
  }
}
