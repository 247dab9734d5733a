// The names a run's topics and groups have on the cluster. The reference cluster is fresh for every
// run, so names are the contract's; a real cluster cannot be reset, so every run there gets a fresh
// prefix, added on the way out and taken off every answer. A few names are not the run's to prefix:
// `__consumer_offsets` is the cluster's own topic, and "." and ".." are names Kafka refuses (a
// prefix would make them legal, and the request another).
import { OFFSETS_TOPIC } from '../../spec/events.ts';

const UNPREFIXED = new Set([OFFSETS_TOPIC, '.', '..']);
export interface RunNames {
  /** The cluster's name of a contract topic or group. */
  real(name: string): string;
  /** The contract's name of a cluster topic or group. */
  contract(name: string): string;
}

export const SAME_NAMES: RunNames = { real: (name) => name, contract: (name) => name };

export function prefixedNames(prefix: string): RunNames {
  return {
    real: (name) => (UNPREFIXED.has(name) ? name : `${prefix}${name}`),
    contract: (name) => (name.startsWith(prefix) ? name.slice(prefix.length) : name),
  };
}
