// What `kspec explore --model NAME` is given and gets back: the options every model is built from,
// and the built model with the XState machines its coverage counts. Shared by the registry and the
// system model (which composes the others), so neither imports the other.
import type { AnyStateMachine } from 'xstate';
import type { Config } from '../../spec/config.ts';
import type { ExplorableModel } from '../explorable.ts';

export interface ModelOptions {
  readonly members?: number;
  readonly partitions?: number;
  readonly replicas?: number;
  readonly writes?: number;
  /** group/system: bound on the member ids the coordinator hands out (fresh joins) in one run. */
  readonly maxMemberIds?: number;
  readonly config: Config;
  readonly engine?: 'direct' | 'xstate';
}

export interface LoadedModel {
  // biome-ignore lint/suspicious/noExplicitAny: the explorer is generic over each model's own state and event types
  readonly model: ExplorableModel<any, any>;
  /** XState machines whose states and transitions the coverage figures count, when the model has them. */
  readonly machines: readonly AnyStateMachine[];
}
