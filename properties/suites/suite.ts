// A suite: a name, what it is about, config overrides on top of the profile, and the weighted
// commands its runs are made of.
import type { Config } from '../../spec/config.ts';
import { type ArbitraryName, weighted } from '../commands/arbitraries.ts';

export interface Suite {
  readonly name: string;
  readonly description: string;
  readonly overrides: Config;
  readonly weights: Partial<Record<ArbitraryName, number>>;
  readonly maxCommands: number;
}

export const commandsOf = (suite: Suite) => weighted(suite.weights);
